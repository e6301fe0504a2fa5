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

describe('migration 0014_audit_time', () => {
  it('lets a date filter on the trail use an index', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    store = await openStore(join(t.dir, 'm.db'), randomKey());
    const plan = (await sql<{ detail: string }>`EXPLAIN QUERY PLAN SELECT seq FROM audit_log WHERE time >= '2026-11-20' AND time < '2026-11-21'`.execute(store.db)).rows.map((r) => r.detail).join(' ');
    expect(plan).toContain('audit_log_time');
  });
});
