import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fsyncPath } from '../store/atomic';
import { isAbsolute, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppFailure } from '../../shared/result';
import { auditHead } from '../audit/append';
import { sha256Hex, signEd25519 } from '../keys/crypto';
import { faultPoint } from './faults';
import type { Vault } from './vault';
import { DB_FILE, KEYSLOT_FILE } from './vault';

// A backup is a consistent, still-encrypted snapshot of the store (VACUUM INTO under the
// same key), the keyslot file, and a manifest of hashes and the audit head signed with
// the organization key. It is written under a temporary name and renamed only when
// whole, so a crash never leaves half a backup under the final name.

export const MANIFEST = 'BACKUP-MANIFEST.json';
export const MANIFEST_SIG = 'BACKUP-MANIFEST.sig';

export interface BackupManifest {
  format: 'mishen-backup/1';
  createdAt: string;
  organization: { name: string; shortName: string; keyFingerprint: string; publicKey: string };
  auditHead: { seq: number; hash: string } | null;
  files: Array<{ name: string; size: number; sha256: string }>;
}

const pad = (n: number) => String(n).padStart(2, '0');
const stamp = (d: Date) => `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;

export function createBackup(vault: Vault, parentDir: string, now: Date): Promise<{ path: string; manifest: BackupManifest; manifestSha256: string }> {
  return (async () => {
    if (!isAbsolute(parentDir) || !existsSync(parentDir) || !statSync(parentDir).isDirectory()) throw new AppFailure('INVALID_INPUT', `备份位置“${parentDir}”不是已存在的文件夹`);
    const name = `mishen-backup-${stamp(now)}`;
    const final = join(parentDir, name);
    if (existsSync(final)) throw new AppFailure('CONFLICT', `备份文件夹“${name}”已存在`);
    const tmp = join(parentDir, `.${name}.partial-${randomBytes(4).toString('hex')}`);
    mkdirSync(tmp, { mode: 0o700 });
    try {
      const db = vault.db();
      const head = await auditHead(db);
      vault.vacuumInto(join(tmp, DB_FILE));
      copyFileSync(vault.keyslotPath, join(tmp, KEYSLOT_FILE));
      const files = [DB_FILE, KEYSLOT_FILE].map((f) => {
        const bytes = readFileSync(join(tmp, f));
        fsyncPath(join(tmp, f));
        return { name: f, size: bytes.length, sha256: sha256Hex(bytes) };
      });
      const org = vault.org();
      const manifest: BackupManifest = {
        format: 'mishen-backup/1',
        createdAt: now.toISOString(),
        organization: { name: org.name, shortName: org.shortName, keyFingerprint: org.fingerprint, publicKey: org.publicKey.toString('base64') },
        auditHead: head,
        files,
      };
      const bytes = Buffer.from(JSON.stringify(manifest, null, 1), 'utf8');
      writeFileSync(join(tmp, MANIFEST), bytes, { mode: 0o600 });
      writeFileSync(join(tmp, MANIFEST_SIG), JSON.stringify({ alg: 'Ed25519', publicKey: manifest.organization.publicKey, signature: signEd25519(org.privateKey, bytes).toString('base64') }), { mode: 0o600 });
      for (const f of [MANIFEST, MANIFEST_SIG]) fsyncPath(join(tmp, f));
      fsyncPath(tmp);
      faultPoint('backup:beforeRename');
      renameSync(tmp, final);
      fsyncPath(parentDir);
      return { path: final, manifest, manifestSha256: sha256Hex(bytes) };
    } catch (err) {
      rmSync(tmp, { recursive: true, force: true });
      throw err;
    }
  })();
}

/** Reads a backup folder's manifest and checks every file against it; nothing is changed. */
export function checkBackup(dir: string): { manifest: BackupManifest; problems: string[] } {
  const problems: string[] = [];
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as BackupManifest;
  } catch {
    throw new AppFailure('INVALID_INPUT', `“${dir}”不是密审台备份：缺少或无法读取 ${MANIFEST}`);
  }
  if (manifest.format !== 'mishen-backup/1') problems.push(`备份格式“${String(manifest.format)}”不受支持`);
  for (const f of manifest.files) {
    const p = join(dir, f.name);
    if (!existsSync(p)) problems.push(`缺少文件 ${f.name}`);
    else {
      const bytes = readFileSync(p);
      if (bytes.length !== f.size || sha256Hex(bytes) !== f.sha256) problems.push(`文件 ${f.name} 与清单中的哈希不符（已损坏或被修改）`);
    }
  }
  const known = new Set([...manifest.files.map((f) => f.name), MANIFEST, MANIFEST_SIG]);
  for (const extra of readdirSync(dir).filter((f) => !known.has(f))) problems.push(`多出了清单中没有的文件 ${extra}`);
  return { manifest, problems };
}
