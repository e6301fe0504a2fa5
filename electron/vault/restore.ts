import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppFailure } from '../../shared/result';
import { verifyAudit, type Checkpoint } from '../audit/verify';
import { fingerprint, importPublicKey, type ScryptParams, verifyEd25519 } from '../keys/crypto';
import { openStore } from '../store/database';
import { KeyslotFile } from '../store/keyslots';
import { checkBackup, MANIFEST, MANIFEST_SIG } from './backup';
import { DB_FILE, KEYSLOT_FILE } from './vault';

// Restore only into an empty data folder, and only a backup whose files match its
// signed manifest and whose audit chain verifies. What the copy lacks against the last
// printed checkpoint is reported, never hidden.

export interface RestoreReport {
  organization: string;
  auditHead: { seq: number; hash: string } | null;
  checked: number;
  items: number;
  /** Against a checkpoint printed after the backup: how many entries the copy lacks. */
  missingAfterCheckpoint: number;
  notes: string[];
}

const fail = (message: string) => new AppFailure('INVALID_INPUT', message);

export async function restoreBackup(opts: { from: string; dataDir: string; username: string; password: string; kdf?: ScryptParams; checkpoint?: Checkpoint }): Promise<RestoreReport> {
  if (existsSync(opts.dataDir) && readdirSync(opts.dataDir).length > 0) throw fail('只能恢复到空的数据目录：目标目录中已有文件，为防止覆盖，已拒绝');
  const { manifest, problems } = checkBackup(opts.from);
  if (problems.length) throw fail(`备份无法使用：${problems.join('；')}`);
  const sig = JSON.parse(readFileSync(join(opts.from, MANIFEST_SIG), 'utf8')) as { publicKey: string; signature: string };
  const publicKey = Buffer.from(sig.publicKey, 'base64');
  if (fingerprint(publicKey) !== manifest.organization.keyFingerprint || !verifyEd25519(importPublicKey(publicKey), readFileSync(join(opts.from, MANIFEST)), Buffer.from(sig.signature, 'base64')))
    throw fail('备份清单的签名无效：清单被修改，或不是本单位的备份');

  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  try {
    for (const f of [DB_FILE, KEYSLOT_FILE]) {
      const tmp = join(opts.dataDir, `.${f}.restoring`);
      copyFileSync(join(opts.from, f), tmp);
      chmodSync(tmp, 0o600);
      renameSync(tmp, join(opts.dataDir, f));
    }
    const ks = KeyslotFile.load(join(opts.dataDir, KEYSLOT_FILE), opts.kdf);
    const slot = await ks.findByUsername(opts.username);
    const opened = slot ? await ks.unwrap(slot, opts.password) : null;
    if (!opened) throw new AppFailure('LOGIN_FAILED', '用户名或密码错误（按备份时的账号和密码）');
    const store = await openStore(join(opts.dataDir, DB_FILE), opened.dataKey);
    try {
      const report = await verifyAudit(store.db, { trustedOrgFingerprint: manifest.organization.keyFingerprint });
      if (!report.ok) throw fail(`备份中的审计日志验证未通过：第 ${report.firstBad?.seq} 条，${report.firstBad?.reason}`);
      if (report.head?.hash !== manifest.auditHead?.hash) throw fail('备份中的审计日志与清单记录的审计位置不符');
      // A checkpoint the copy already covers must be in it: else the copy is another history than the one printed.
      if (opts.checkpoint && report.head && opts.checkpoint.seq <= report.head.seq) {
        const at = await store.db.selectFrom('audit_log').select('hash').where('seq', '=', opts.checkpoint.seq).executeTakeFirst();
        if (at?.hash !== opts.checkpoint.hash) throw fail(`备份中第 ${opts.checkpoint.seq} 条审计记录与检查点的哈希不符：该备份与打印检查点时的审计日志不一致，已拒绝恢复`);
      }
      const items = Number((await store.db.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const notes: string[] = [];
      let missing = 0;
      if (opts.checkpoint && report.head && opts.checkpoint.seq > report.head.seq) {
        missing = opts.checkpoint.seq - report.head.seq;
        notes.push(`副本截至审计记录第 ${report.head.seq} 条，比检查点（第 ${opts.checkpoint.seq} 条）少 ${missing} 条：备份之后的操作未包含在内，须按纸质记录补录或核查`);
      }
      return { organization: manifest.organization.name, auditHead: report.head, checked: report.checked, items, missingAfterCheckpoint: missing, notes };
    } finally {
      await store.close();
      opened.dataKey.fill(0);
    }
  } catch (err) {
    // Nothing half-restored: the folder goes back to empty.
    for (const f of readdirSync(opts.dataDir)) rmSync(join(opts.dataDir, f), { recursive: true, force: true });
    throw err;
  }
}
