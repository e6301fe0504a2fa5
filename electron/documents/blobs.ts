import { createHash } from 'node:crypto';
import { AppFailure } from '../../shared/result';
import type { Tx } from '../context/session';
import type { DB } from '../store/database';

// Stored carrier files are addressed by their SHA-256: every read hashes them again, so
// a damaged or substituted file is never used (for a public version, a form, an
// export), and the auditor can check them all at once.

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export async function readBlob(db: DB | Tx, hash: string): Promise<Buffer> {
  const row = await db.selectFrom('blobs').select('content').where('sha256', '=', hash).executeTakeFirst();
  if (!row) throw new AppFailure('NOT_FOUND', '找不到该文件的存储内容');
  const content = Buffer.from(row.content);
  if (sha256(content) !== hash) throw new AppFailure('STORE_ERROR', `存储的文件已损坏（内容与其 SHA-256 ${hash.slice(0, 16)}… 不符），已拒绝使用：请从备份恢复`);
  return content;
}

export interface StoreCheck {
  checked: number;
  bad: Array<{ sha256: string; documents: string[] }>;
}

/** Re-hashes every stored file, one at a time so memory stays flat. */
export async function verifyBlobs(db: DB): Promise<StoreCheck> {
  const hashes = (await db.selectFrom('blobs').select('sha256').orderBy('sha256').execute()).map((r) => r.sha256);
  const bad: StoreCheck['bad'] = [];
  for (const h of hashes) {
    const row = await db.selectFrom('blobs').select('content').where('sha256', '=', h).executeTakeFirstOrThrow();
    if (sha256(row.content) !== h) {
      const docs = await db.selectFrom('documents').select('name').where('sha256', '=', h).execute();
      bad.push({ sha256: h, documents: docs.map((d) => d.name) });
    }
  }
  return { checked: hashes.length, bad };
}
