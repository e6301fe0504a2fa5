import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore, type OpenStore } from '../../../../electron/store/database';
import { randomKey } from '../../../../electron/keys/crypto';
import { tempDir } from '../../../helpers/tmp';

let store: OpenStore | undefined;
let cleanup: (() => void) | undefined;
afterEach(async () => {
  await store?.close();
  cleanup?.();
});

describe('migration 0003_documents', () => {
  it('creates blobs, documents and findings, with a document bound to its item and blob', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    store = await openStore(join(t.dir, 'm.db'), randomKey());
    const tables = (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type='table'`.execute(store.db)).rows.map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['blobs', 'documents', 'findings']));
    const doc = { id: 'd', item_id: 'no-such-item', name: 'a.docx', type: 'docx', size: 1, sha256: 'x', pages: null, warnings: '[]', text: '', segments: '[]', created_by: 'u', created_at: 't' };
    await expect(store.db.insertInto('documents').values(doc).execute()).rejects.toThrow(/FOREIGN KEY/);
  });
});
