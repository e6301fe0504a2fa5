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

describe('migrations 0006 to 0008', () => {
  it('create the publication tables, the applications table, and the steps of stored profiles', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    store = await openStore(join(t.dir, 'm.db'), randomKey());
    const tables = (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table'`.execute(store.db)).rows.map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['public_versions', 'forms', 'bundles', 'publication_register', 'recalls', 'applications', 'profile_steps']));
    // A bundle's sequence is unique: gaps show a lost bundle, duplicates are impossible.
    await store.db.insertInto('users').values({ id: 'u', username: 'u', display_name: 'u', department: '', roles: '[]', disabled: 0, must_change_password: 0, slot_id: 's', public_key: null, created_at: 't', updated_at: 't' }).execute();
    const bundle = { id: 'b1', sequence: 1, folder: 'X-20261122-0001', manifest_sha256: 'a'.repeat(64), items: 1, recalls: 0, created_by: 'u', created_at: 't' };
    await store.db.insertInto('bundles').values(bundle).execute();
    await expect(store.db.insertInto('bundles').values({ ...bundle, id: 'b2' }).execute()).rejects.toThrow(/UNIQUE/);
  });
});
