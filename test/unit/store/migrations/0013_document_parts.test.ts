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

describe('migration 0013', () => {
  it('adds the parts list to documents, empty for files imported before', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    store = await openStore(join(t.dir, 'm.db'), randomKey());
    const cols = (await sql<{ name: string; dflt_value: string | null; notnull: number }>`PRAGMA table_info(documents)`.execute(store.db)).rows;
    expect(cols.find((c) => c.name === 'parts')).toMatchObject({ notnull: 1, dflt_value: "'[]'" });
  });
});
