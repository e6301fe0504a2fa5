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

describe('migration 0004_review_gate', () => {
  it('gives consultations their case, an optional sending date and coordination, and escalations their matter; the bases read as the regulation writes them', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    store = await openStore(join(t.dir, 'm.db'), randomKey());
    const cols = (table: string) => sql<{ name: string; notnull: number }>`SELECT name, "notnull" FROM pragma_table_info(${table})`.execute(store!.db).then((r) => r.rows);
    const consultations = await cols('consultations');
    expect(consultations.map((c) => c.name)).toEqual(expect.arrayContaining(['case_kind', 'send_by', 'coordination']));
    expect(consultations.find((c) => c.name === 'sent_on')!.notnull).toBe(0);
    expect((await cols('escalations')).map((c) => c.name)).toContain('matter');
    const scope = await store.db.selectFrom('bases').select(['title']).where('id', '=', 'scope-mj').executeTakeFirstOrThrow();
    expect(scope.title).toBe('《国家秘密及其密级具体范围规定》');
  });
});
