import { sql } from 'kysely';
import { appendAudit, auditHead, type Signer } from '../audit/append';
import { openStore, WrongKeyError, type OpenStore } from '../store/database';
import type { KeyslotFile } from '../store/keyslots';
import { crossBridge, keyIdOf } from '../store/keyslots-rotation';
import { completeGenerations, removeRotationLeftovers } from './rotation';

// Opening the store across an interrupted rotation (rotation.ts has the scheme). The key a
// slot yields either still opens mishen.db (the rename never happened: the intent is
// undone) or it does not, and the intent's bridge yields the key that does (the rename
// happened: the rotation is finished here, the trail records it once).

export interface OpenedAcrossRotation {
  store: OpenStore;
  key: Buffer;
  /** Settles the intent once the organization key is at hand; returns notices for login. */
  settle(org: Signer): Promise<string[]>;
}

const UNDONE = '上次的数据密钥更换因程序中断未完成，已撤销：数据仍由原数据密钥加密，请安全保密管理员重新更换';
const FINISHED =
  '上次的数据密钥更换在程序中断前已完成数据库的重新加密，已在本次打开时完成；新恢复码未能发放，原恢复码在全部账号重新封装前仍然有效：请安全保密管理员再次更换数据密钥以发放新的恢复码';
const ANCHOR_BAD = '钥匙槽文件的完整性校验失败：该文件可能被篡改或替换';

async function recorded(store: OpenStore, rotationId: string): Promise<boolean> {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log WHERE action = 'keys.rotated' AND json_extract(payload, '$.rotationId') = ${rotationId}`.execute(store.db);
  return Number(r.rows[0]?.n ?? 0) > 0;
}

export async function openAcrossRotation(ks: KeyslotFile, dataDir: string, dbPath: string, key: Buffer, now: () => Date = () => new Date()): Promise<OpenedAcrossRotation> {
  const intent = ks.rotation;
  let store: OpenStore;
  try {
    store = await openStore(dbPath, key);
  } catch (err) {
    const next = err instanceof WrongKeyError && intent ? crossBridge(key, intent.bridge) : null;
    if (!next || !intent) throw err;
    store = await openStore(dbPath, next);
    const opened = store;
    // The anchor was sealed under the old key; check it before it is resealed under the new one.
    const anchorOk = ks.anchorValid(key);
    key.fill(0);
    return {
      store,
      key: next,
      async settle(org) {
        if (!(await recorded(opened, intent.id)))
          await appendAudit(
            opened.db,
            { actor: 'system', role: 'system', action: 'keys.rotated', subject: 'data', payload: { rotationId: intent.id, text: FINISHED, completedAtOpen: true } },
            org,
            now(),
          );
        completeGenerations(ks);
        ks.settle(next, await auditHead(opened.db));
        ks.save();
        removeRotationLeftovers(dataDir);
        return [FINISHED, ...(anchorOk ? [] : [ANCHOR_BAD])];
      },
    };
  }
  const opened = store;
  return {
    store,
    key,
    async settle(org) {
      if (!intent) {
        removeRotationLeftovers(dataDir);
        return [];
      }
      if (keyIdOf(key) === intent.bridge.to) {
        completeGenerations(ks);
        ks.settle(key, await auditHead(opened.db));
        ks.save();
        return [];
      }
      ks.setGenerations(ks.keys, null);
      ks.save();
      removeRotationLeftovers(dataDir);
      await appendAudit(opened.db, { actor: 'system', role: 'system', action: 'keys.rotationUndone', subject: 'data', payload: { rotationId: intent.id, text: UNDONE } }, org, now());
      return [UNDONE];
    },
  };
}
