import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Role } from '../../../shared/roles';
import { BUSINESS_ROLES, ADMIN_ROLES } from '../../../shared/roles';
import { itemAccess, type Viewer } from '../../../shared/visibility';
import { ITEM_STATUSES, type Profile } from '../../../shared/workflow';
import { anyAccess, fullAccess, inbox } from '../../../electron/workflow/access-sql';
import { accessBranches, inboxBranches } from '../../../electron/workflow/list-branches';
import { whyNot, type ReviewState } from '../../../electron/workflow/engine';
import { openStore, type OpenStore } from '../../../electron/store/database';
import { randomKey } from '../../../electron/keys/crypto';
import { tempDir } from '../../helpers/tmp';

// Property-style: the SQL need-to-know and inbox conditions agree with
// shared/visibility.ts itemAccess and the engine's whyNot, item by item, over generated
// items (every status, step, department, classification, signers) and generated users.

const STEPS = [
  { id: 'initial', role: 'handler', name: '承办人' },
  { id: 'dept', role: 'deptHead', name: '部门负责人' },
  { id: 'review', role: 'reviewer', name: '保密审查' },
  { id: 'approve', role: 'approver', name: '分管领导' },
  { id: 'secrecy', role: 'secrecyOffice', name: '保密工作部门' },
] as const;
const PROFILE = { steps: STEPS } as unknown as Profile;
const DEPTS = ['办公室', '财政局', '教育局'];
const USERS = 12;

let seed = 20261125;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

interface Gen {
  id: string;
  createdBy: string;
  department: string;
  status: string;
  stepId: string;
  classification: string;
  question: boolean;
  signedBy: Record<string, string[]>;
}

let store: OpenStore;
let cleanup: () => void;
const items: Gen[] = [];
const viewers: Viewer[] = [];

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  store = await openStore(join(t.dir, 'a.db'), randomKey());
  const db = store.db;
  for (let u = 0; u < USERS; u++) {
    const roles = u === 0 ? [pick(ADMIN_ROLES)] : [...new Set([pick(BUSINESS_ROLES), ...(rnd() < 0.4 ? [pick(BUSINESS_ROLES)] : [])])];
    viewers.push({ id: `u${u}`, department: pick(DEPTS), roles: roles as Role[] });
    await db.insertInto('users').values({ id: `u${u}`, username: `u${u}`, display_name: `用户${u}`, department: viewers[u]!.department, roles: JSON.stringify(roles), disabled: 0, must_change_password: 0, slot_id: `s${u}`, public_key: null, created_at: 't', updated_at: 't' }).execute();
  }
  // The random draw may leave out the roles with the widest lists: these always take part.
  for (const [u, roles] of [[USERS, ['reviewer']], [USERS + 1, ['reviewer', 'deptHead']], [USERS + 2, ['secrecyOffice', 'publisher']]] as const) {
    viewers.push({ id: `u${u}`, department: DEPTS[u % DEPTS.length]!, roles: [...roles] as Role[] });
    await db.insertInto('users').values({ id: `u${u}`, username: `u${u}`, display_name: `用户${u}`, department: viewers[u]!.department, roles: JSON.stringify(roles), disabled: 0, must_change_password: 0, slot_id: `s${u}`, public_key: null, created_at: 't', updated_at: 't' }).execute();
  }
  await db.insertInto('profiles').values({ id: 'p', version: 1, definition: '{}', created_by: 'u1', created_at: 't' }).execute();
  for (let i = 0; i < 600; i++) {
    const status = pick(ITEM_STATUSES);
    const stepIdx = Math.floor(rnd() * STEPS.length);
    const signedBy: Record<string, string[]> = {};
    for (let s = 0; s < STEPS.length; s++) if (rnd() < 0.3) signedBy[STEPS[s]!.id] = [`u${1 + Math.floor(rnd() * (USERS - 1))}`];
    const g: Gen = { id: `i${String(i).padStart(4, '0')}`, createdBy: `u${1 + Math.floor(rnd() * (USERS - 1))}`, department: pick(DEPTS), status, stepId: STEPS[stepIdx]!.id, classification: rnd() < 0.3 ? pick(['秘密', '机密']) : 'none', question: false, signedBy };
    g.question = g.classification === 'none' && rnd() < 0.15;
    items.push(g);
    await addItem(g, i);
  }
}, 60_000);
async function addItem(g: Gen, i: number): Promise<void> {
  const stepIdx = STEPS.findIndex((s) => s.id === g.stepId);
  const inReview = g.status === 'inReview';
  await store.db
    .insertInto('items')
    .values({
      id: g.id, profile_id: 'p', profile_version: 1, title: g.id, document_number: '', issuer: '', department: g.department, formed_on: '2026-01-01', category: '', keywords: '[]', summary: '', disclosure: '主动公开', publish_form: '', review_mode: '主动审查', application_no: null, application_received_on: null, co_producers: '[]', third_parties: '[]', classification: g.classification, classification_term: null, special_domains: '[]', special_approval: null, sensitive: 0,
      state: JSON.stringify({ status: g.status, stepId: g.stepId, signedBy: g.signedBy }), status: g.status, step_id: g.stepId, step_entered_on: '2026-01-01', created_by: g.createdBy, created_at: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`, updated_at: 't', decided_on: null,
      step_role: inReview ? STEPS[stepIdx]!.role : null, step_first: inReview && stepIdx === 0 ? 1 : 0, class_question: g.question ? 1 : 0, derived_at: 't',
    })
    .execute();
  for (const [step, users] of Object.entries(g.signedBy)) for (const u of users) await store.db.insertInto('item_signers').values({ item_id: g.id, step_id: step, user_id: u }).execute();
}
afterAll(async () => {
  await store.close();
  cleanup();
});

const facts = (g: Gen) => ({ createdBy: g.createdBy, department: g.department, status: g.status, classification: g.classification, signedBy: g.signedBy, stepRole: g.status === 'inReview' ? STEPS.find((s) => s.id === g.stepId)!.role : null, classificationQuestion: g.question });

function inboxJs(g: Gen, v: Viewer): boolean {
  if (itemAccess(facts(g), v) === 'none') return false;
  const state = { status: g.status, stepId: g.stepId, signedBy: g.signedBy, registeredBy: g.createdBy } as unknown as ReviewState;
  const step = STEPS.find((s) => s.id === g.stepId)!;
  const mine = g.status === 'inReview' && whyNot(PROFILE, state, { userId: v.id, roles: v.roles }, step as never) === null;
  const owed = g.createdBy === v.id && (g.status === 'escalated' || g.status === 'awaitingDeclassification');
  return mine || owed || (g.question && v.roles.includes('reviewer'));
}

/** Compares every SQL form with itemAccess / whyNot for every user; returns how many ids were expected. */
async function check(): Promise<number> {
  const db = store.db;
  const ids = async (cond: ReturnType<typeof anyAccess>) => (await db.selectFrom('items').select('id').where(cond).orderBy('id').execute()).map((r) => r.id);
  // The branches' rows put together, duplicates kept: equal to the expected ids only if
  // the branches are disjoint and cover them all.
  const union = async (conds: Array<ReturnType<typeof anyAccess>>) => (await Promise.all(conds.map(ids))).flat().sort();
  let seen = 0;
  for (const v of viewers) {
    const expectAny = items.filter((g) => itemAccess(facts(g), v) !== 'none').map((g) => g.id);
    const expectFull = items.filter((g) => itemAccess(facts(g), v) === 'full').map((g) => g.id);
    expect({ user: v, ids: await ids(anyAccess(v)) }).toEqual({ user: v, ids: expectAny });
    expect({ user: v, ids: await ids(fullAccess(v)) }).toEqual({ user: v, ids: expectFull });
    expect({ user: v, branches: await union(accessBranches(v)) }).toEqual({ user: v, branches: expectAny });
    const expectInbox = items.filter((g) => inboxJs(g, v)).map((g) => g.id);
    expect({ user: v, ids: (await db.selectFrom('items').select('id').where(anyAccess(v)).where(inbox(v)).orderBy('id').execute()).map((r) => r.id) }).toEqual({ user: v, ids: expectInbox });
    expect({ user: v, branches: await union(inboxBranches(v)) }).toEqual({ user: v, branches: expectInbox });
    seen += expectAny.length + expectInbox.length;
  }
  return seen;
}

describe('need-to-know in SQL', () => {
  it('selects exactly the items itemAccess lets each user read, fully or as metadata, and the inbox whyNot gives; the branches split them without overlap', async () => {
    // The generator reached both sides: some users see items, some inboxes are not empty.
    expect(await check()).toBeGreaterThan(100);
  });

  it('still agrees after items move on and signatures are withdrawn or added (separation of duties is kept by triggers)', async () => {
    const db = store.db;
    for (let i = 0; i < 250; i++) {
      const g = pick(items);
      const r = rnd();
      if (r < 0.5) {
        // The item moves to another step or status: whoever signed another step is now blocked, or no longer.
        g.status = rnd() < 0.7 ? 'inReview' : pick(ITEM_STATUSES);
        const stepIdx = Math.floor(rnd() * STEPS.length);
        g.stepId = STEPS[stepIdx]!.id;
        const inReview = g.status === 'inReview';
        await db.updateTable('items').set({ status: g.status, step_id: g.stepId, step_role: inReview ? STEPS[stepIdx]!.role : null, step_first: inReview && stepIdx === 0 ? 1 : 0 }).where('id', '=', g.id).execute();
      } else if (r < 0.75) {
        const step = pick(Object.keys(g.signedBy));
        if (!step) continue;
        delete g.signedBy[step];
        await db.deleteFrom('item_signers').where('item_id', '=', g.id).where('step_id', '=', step).execute();
      } else {
        const step = pick(STEPS).id;
        const u = `u${1 + Math.floor(rnd() * (USERS - 1))}`;
        if (g.signedBy[step]?.includes(u)) continue;
        g.signedBy[step] = [...(g.signedBy[step] ?? []), u];
        await db.insertInto('item_signers').values({ item_id: g.id, step_id: step, user_id: u }).execute();
      }
    }
    // Where the inbox's reasons overlap for a reviewer: the question on an item they may
    // sign now, on a letter they owe, and on an item they are blocked from signing.
    let n = 900;
    for (const v of viewers.filter((x) => x.roles.includes('reviewer'))) {
      const other = v.id === 'u1' ? 'u2' : 'u1';
      const cases: Array<[string, string, string, Record<string, string[]>]> = [
        ['inReview', 'review', other, {}],
        ['escalated', 'review', v.id, {}],
        ['inReview', 'review', other, { approve: [v.id] }],
      ];
      for (const [status, stepId, createdBy, signedBy] of cases) {
        const g: Gen = { id: `i${n}`, createdBy, department: pick(DEPTS), status, stepId, classification: 'none', question: true, signedBy: { ...signedBy } };
        items.push(g);
        await addItem(g, n++);
      }
    }
    expect(n).toBeGreaterThan(900);
    expect(await check()).toBeGreaterThan(100);
  });
});
