import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Services } from '../../../electron/app/services';
import { statements } from '../../../electron/store/database';
import { fakeClock } from '../../helpers/setup';
import { as, fields, PLAIN, type Workflow, workflowStore } from '../../helpers/workflow';
import { itemPage, itemStats } from '../../../electron/workflow/list-pages';
import { itemSearch } from '../../../electron/workflow/search-page';

// The inbox, the item page and registration cost the same number of SQL statements with
// a few items as with a few thousand: no query per row anywhere (issue 15). Counted,
// never timed.

let core: Services;
let wf: Workflow;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ core, wf, close } = await workflowStore('tongliao', fakeClock(new Date('2026-11-23T09:00:00+08:00'))));
  await as(core, 'liu');
  const seed = await wf.register(fields({ title: '种子事项' }));
  await wf.consult({ itemId: seed.id, kind: 'agency', party: '某某局', matters: '是否同意公开', sentOn: '2026-11-23', deadline: null });
  await wf.opinion({ itemId: seed.id, stepId: 'initial', opinionId: 'active', ...PLAIN });
}, 60_000);
afterAll(() => close());

/** Copies the original items `times` times, in SQL. */
async function grow(times: number) {
  const db = core.vault.db();
  for (let i = 0; i < times; i++) {
    const suffix = `-copy-${i}`;
    await sql`INSERT INTO items (id, profile_id, profile_version, title, document_number, issuer, department, formed_on, category, keywords, summary, disclosure, publish_form, review_mode, application_no, application_received_on, co_producers, third_parties, classification, classification_term, special_domains, special_approval, sensitive, state, status, step_id, step_entered_on, created_by, created_at, updated_at, decided_on, step_role, step_first, class_question, due_on, overdue_from, publish_due, derived_at) SELECT id || ${suffix}, profile_id, profile_version, title, document_number, issuer, department, formed_on, category, keywords, summary, disclosure, publish_form, review_mode, application_no, application_received_on, co_producers, third_parties, classification, classification_term, special_domains, special_approval, sensitive, state, status, step_id, step_entered_on, created_by, created_at, updated_at, decided_on, step_role, step_first, class_question, due_on, overdue_from, publish_due, derived_at FROM items WHERE id NOT LIKE '%-%-%-%-%-%'`.execute(db);
    await sql`INSERT INTO item_signers SELECT item_id || ${suffix}, step_id, user_id FROM item_signers WHERE item_id NOT LIKE '%-%-%-%-%-%'`.execute(db);
  }
}

async function cost(fn: () => Promise<unknown>): Promise<number> {
  const before = statements.count;
  await fn();
  return statements.count - before;
}

async function measure() {
  await as(core, 'zhao');
  const itemId = (await itemPage(core.queries, { view: 'all', sort: 'createdAt', dir: 'asc', page: 1, pageSize: 1 })).rows[0]!.id;
  return {
    inbox: await cost(() => itemPage(core.queries, { view: 'inbox', sort: 'createdAt', dir: 'desc', page: 1, pageSize: 50 })),
    all: await cost(() => itemPage(core.queries, { view: 'all', sort: 'due', dir: 'asc', page: 1, pageSize: 50 })),
    overdue: await cost(() => itemPage(core.queries, { view: 'all', overdue: true, sort: 'title', dir: 'asc', page: 1, pageSize: 50 })),
    search: await cost(() => itemSearch(core.queries, { query: '种子事项', page: 1, pageSize: 20 })),
    stats: await cost(() => itemStats(core.queries)),
    item: await cost(() => wf.get(itemId)),
    register: await (async () => {
      await as(core, 'liu');
      return cost(() => wf.register(fields({ title: '新登记的事项' })));
    })(),
  };
}

describe('statements per page', () => {
  it('do not depend on the number of items', async () => {
    const small = await measure();
    await grow(1200);
    const n = Number((await core.vault.db().selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(n).toBeGreaterThan(2000);
    expect(await measure()).toEqual(small);
  }, 120_000);
});
