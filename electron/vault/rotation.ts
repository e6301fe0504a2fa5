import { closeSync, existsSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { fsyncPath } from '../store/atomic';
import { basename, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../shared/result';
import { auditHead } from '../audit/append';
import { randomKey } from '../keys/crypto';
import { openRaw, type DB } from '../store/database';
import type { KeyslotFile } from '../store/keyslots';
import { makeBridge } from '../store/keyslots-rotation';
import { faultPoint } from './faults';
import type { Vault } from './vault';

// Data-key rotation by the 安全保密管理员.
//
// Key hierarchy. The store is encrypted under one random data key; the keyslot file wraps
// that key once per user (under a key derived from the password) and once for the
// recovery code. The app never knows the users' passwords, so a rotation cannot rewrap
// their slots at once. Instead the keyslot file keeps a *bridge*: the new data key sealed
// (AES-GCM) under the old one. A slot that still yields the old key is followed across
// the bridge to the new key (keyslots-rotation.ts); at that user's next login, when the
// password is at hand, the slot is rewrapped under the new key (rotation-rewrap.ts).
// The 安全保密管理员's own slot (password re-entered to confirm) and the recovery slot
// (a new recovery code, shown once) are rewrapped at once. When no slot is left on an
// old key the bridges are removed, and the old key then opens nothing here; backups made
// before the rotation stay under the old key with their own keyslot file.
//
// Order of the steps, each survivable by a crash (kill tests in test/unit/vault/):
//   1. VACUUM INTO a temporary file in the data folder (same key), fsync;
//   2. PRAGMA rekey the copy to the new key (rollback-journal mode, so the copy gets a
//      fresh salt), fsync; reopen it with the new key: quick_check ok and audit head
//      equal to the live store's;
//   3. write the intent into the keyslot file: rotation id, the copy's name, the bridge;
//   4. close the store, check its head once more, rename the copy over mishen.db, fsync
//      the folder, reopen under the new key;
//   5. append keys.rotated (with the rotation id) to the trail;
//   6. keyslot file: the bridge joins the generations, the 安全保密管理员's slot and the
//      recovery slot are rewrapped, the anchor MAC is recomputed under the new key.
// Before the rename the old key opens mishen.db and the intent is undone at the next open;
// after it the old key fails, the intent's bridge yields the new key and the rotation is
// finished at open (rotation-open.ts). No state leaves the store without a working key.

/** Beside mishen.db, never under its name: a half-made copy is only ever a leftover. */
export const TEMP_PREFIX = '.mishen.db.rotating-';
const TEMP_NAME = /^\.mishen\.db\.rotating-[0-9a-f]+(-wal|-shm|-journal)?$/;

export interface RotateInput {
  /** The 安全保密管理员's own slot, rewrapped at once with the password just re-entered. */
  slotId: string;
  password: string;
  signingKey: Buffer | null;
  /** The new recovery code, shown once by the caller after the rotation. */
  recoveryCode: string;
  now: Date;
  /** Appends keys.rotated to the new store; must carry `rotationId` in its payload. */
  record(rotationId: string): Promise<void>;
}

export interface RotateResult {
  rotationId: string;
  /** Slots that still wrap the old key (other accounts, until their next login). */
  waiting: number;
}

/** Copies left by a rotation that never reached its intent; encrypted, but not to be kept. */
export function removeRotationLeftovers(dataDir: string): void {
  for (const f of readdirSync(dataDir)) if (TEMP_NAME.test(f)) rmSync(join(dataDir, f), { force: true });
}

type Head = { seq: number; hash: string } | null;
const sameHead = (a: Head, b: Head) => (a?.seq ?? 0) === (b?.seq ?? 0) && (a?.hash ?? '') === (b?.hash ?? '');

function rawHead(raw: ReturnType<typeof openRaw>): Head {
  return (raw.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as Head | undefined) ?? null;
}

/** Re-encrypts the copy under the new key; WAL is left for the reopen, so rekey draws a new salt. */
function rekeyCopy(file: string, oldKey: Buffer, newKey: Buffer): void {
  const raw = openRaw(file, oldKey);
  try {
    raw.pragma('journal_mode=DELETE');
    raw.pragma(`rekey="x'${newKey.toString('hex')}'"`);
  } finally {
    raw.close();
  }
  fsyncPath(file);
}

/** Opens the copy with the new key only: structure ok, and the head it holds. */
function checkCopy(file: string, newKey: Buffer): Head {
  const raw = openRaw(file, newKey);
  try {
    const check = raw.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new AppFailure('STORE_ERROR', `重新加密的副本结构检查未通过：${String(check).slice(0, 200)}`);
    return rawHead(raw);
  } finally {
    raw.close();
    fsyncPath(file);
  }
}

/** Moves the copy over mishen.db once the closed store is shown to be what was copied. */
function swapFiles(dbPath: string, temp: string, oldKey: Buffer, expected: Head): void {
  const old = openRaw(dbPath, oldKey);
  let head: Head;
  try {
    head = rawHead(old);
    old.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    old.close();
  }
  if (!sameHead(head, expected)) throw new AppFailure('CONFLICT', '更换数据密钥期间数据库发生了变化，已放弃本次更换，请重试');
  const wal = `${dbPath}-wal`;
  // Pages of the old key left in a write-ahead log would be applied to the new file.
  if (existsSync(wal) && statSync(wal).size > 0) throw new AppFailure('STORE_ERROR', '数据库的预写日志未能并入数据库文件，已放弃本次更换，请重试');
  rmSync(wal, { force: true });
  rmSync(`${dbPath}-shm`, { force: true });
  renameSync(temp, dbPath);
  fsyncPath(join(dbPath, '..'));
}

export async function rotateDataKey(vault: Vault, input: RotateInput): Promise<RotateResult> {
  const ks = vault.slots();
  if (ks.intent || ks.rotation) throw new AppFailure('CONFLICT', '有因程序中断尚未完成的账号变更或密钥更换：请退出登录并重新登录后再试');
  removeRotationLeftovers(vault.dataDir);
  const oldKey = Buffer.from(vault.dataKey());
  const newKey = randomKey();
  const rotationId = randomUUID();
  const temp = join(vault.dataDir, `${TEMP_PREFIX}${rotationId.replace(/-/g, '').slice(0, 12)}`);
  let swapped = false;
  try {
    const changes = vault.changeCount();
    // Owner-only from the first byte, as the store itself (VACUUM INTO accepts an empty file).
    closeSync(openSync(temp, 'wx', 0o600));
    vault.vacuumInto(temp);
    fsyncPath(temp);
    faultPoint('rotation:tempCopied');
    rekeyCopy(temp, oldKey, newKey);
    faultPoint('rotation:rekeyed');
    const expected = checkCopy(temp, newKey);
    if (!sameHead(await auditHead(vault.db()), expected)) throw new AppFailure('CONFLICT', '更换数据密钥期间数据库发生了变化，已放弃本次更换，请重试');
    ks.setGenerations(ks.keys, { id: rotationId, at: input.now.toISOString(), temp: basename(temp), bridge: makeBridge(oldKey, newKey) });
    ks.save();
    faultPoint('rotation:intentWritten');
    await vault.swapStore(newKey, (key) => {
      swapFiles(vault.dbPath, temp, key, expected);
      swapped = true;
      faultPoint('rotation:renamed');
    }, changes);
  } catch (err) {
    // Until the rename the store is untouched under the old key: the intent and the copy go.
    if (!swapped) {
      // (re-read: the check at the top narrowed the getter for the type checker)
      if ((ks.rotation as { id: string } | null)?.id === rotationId) {
        ks.setGenerations(ks.keys, null);
        ks.save();
      }
      removeRotationLeftovers(vault.dataDir);
      newKey.fill(0);
    }
    oldKey.fill(0);
    throw err;
  }
  oldKey.fill(0);
  await input.record(rotationId);
  faultPoint('rotation:recorded');
  completeGenerations(ks);
  await ks.rewrap(input.slotId, input.password, newKey, input.signingKey);
  await ks.setRecoverySlot(input.recoveryCode, newKey);
  ks.settle(newKey, await auditHead(vault.db()));
  ks.save();
  faultPoint('rotation:keyslotsUpdated');
  return { rotationId, waiting: ks.slots.filter((s) => ks.isStale(s)).length };
}

/** The intent's bridge joins the generations; the new key is the current one. The caller saves. */
export function completeGenerations(ks: KeyslotFile): void {
  const intent = ks.rotation;
  if (!intent) return;
  ks.setGenerations({ current: intent.bridge.to, rotatedAt: intent.at, bridges: [...(ks.keys?.bridges ?? []), intent.bridge] }, null);
}

/**
 * When every slot wraps the current key the bridges go, so the old key opens nothing.
 * The entry is appended first: a crash before the save only repeats this at the next call.
 */
export async function dropBridgesIfDone(ks: KeyslotFile, db: DB, key: Buffer, record: () => Promise<void>): Promise<boolean> {
  const keys = ks.keys;
  if (!keys || keys.bridges.length === 0 || ks.intent || ks.rotation) return false;
  if (ks.slots.some((s) => ks.isStale(s))) return false;
  await record();
  ks.setGenerations({ ...keys, bridges: [] }, null);
  ks.settle(key, await auditHead(db));
  ks.save();
  return true;
}
