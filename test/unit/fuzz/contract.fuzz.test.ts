import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import fc from 'fast-check';
import { contract } from '../../../shared/contract';
import { listOperations } from '../../../shared/define';
import { createRuntime, type Runtime } from '../../../electron/app/runtime';
import { ADMINS, fakeClock, ORG, type Clock } from '../../helpers/setup';
import { as, fields, staffUp } from '../../helpers/workflow';
import { TEST_KDF, tempDir } from '../../helpers/tmp';
import { residentId } from '../../helpers/synthetic';
import { inputsFor } from './arbitraries';

// Every operation of the contract, fed random and malformed inputs through a real
// runtime in several session states, answers {ok:true} or a refusal with a stable code
// and a Chinese message: never 内部错误, never a thrown exception, never a crash.

const OPERATIONS = listOperations(contract);
const RUNS_PER_OPERATION = 50;
const CJK = /[\u4e00-\u9fff]/;
const trusted = { trustedSender: true };

/** Valid inputs for the writes that matter most, spoiled one field at a time by the fuzz. */
const examples = (itemId: string): Record<string, Record<string, unknown>> => ({
  'mishen:items.register': { ...fields() },
  'mishen:items.submitOpinion': { itemId, stepId: 'initial', opinionId: 'active', grounds: [], bases: [], reason: '' },
  'mishen:items.object': { itemId, text: '对审查意见有异议' },
  'mishen:items.page': { view: 'all', status: ['inReview'], overdue: false, text: '通知', sort: 'due', dir: 'asc', page: 1, pageSize: 20 },
  'mishen:documents.attach': { itemId, name: '材料.txt', content: Buffer.from('道路改造工程范围。', 'utf8').toString('base64') },
  'mishen:users.create': { username: 'fuzzuser', displayName: '测试用户', department: '办公室', roles: ['handler'], initialPassword: 'Initial-Pass-1' },
  'mishen:applications.register': {
    receivedOn: '2026-11-20',
    receivedVia: '信函',
    applicantKind: 'person',
    applicantName: '王某某',
    idType: '居民身份证',
    idNumber: residentId('150502', '19800101', '031'),
    contact: '13912345678',
    address: '某市某街道',
    purpose: '了解拆迁补偿标准',
    deliveryForm: '纸质',
    request: '2026年城区拆迁补偿标准',
  },
  'mishen:auth.changePassword': { oldPassword: 'wrong-old-pass', newPassword: 'Brand-New-Pass-7' },
});
let EXAMPLES: Record<string, Record<string, unknown>> = examples('no-such-item');

const tally = new Map<string, number>();
const violations: string[] = [];
let inputsRun = 0;
/** Operations some input got past the schema for (to a session check, a service or success). */
const reached = new Set<string>();
const internal: string[] = [];

/** The verdict on one answer: its outcome key, and what is wrong with it if anything. */
function judge(result: unknown): { outcome: string; wrong?: string } {
  const r = result as { ok?: unknown; error?: { code?: unknown; message?: unknown } } | null;
  if (r && r.ok === true) return { outcome: 'ok' };
  const code = r?.ok === false ? r.error?.code : undefined;
  const message = r?.ok === false ? r.error?.message : undefined;
  if (typeof code !== 'string' || typeof message !== 'string') return { outcome: 'malformed', wrong: 'malformed result' };
  if (code === 'INTERNAL') return { outcome: code, wrong: 'INTERNAL' };
  if (!CJK.test(message)) return { outcome: code, wrong: 'non-Chinese message' };
  return { outcome: code };
}

function record(state: string, channel: string, input: unknown, result: unknown): void {
  inputsRun++;
  const { outcome, wrong } = judge(result);
  tally.set(outcome, (tally.get(outcome) ?? 0) + 1);
  if (outcome !== 'INVALID_INPUT') reached.add(channel);
  if (wrong)
    violations.push(`${wrong}: ${state} ${channel} ${safeJson(input).slice(0, 200)} → ${safeJson(result).slice(0, 300)} [${internal.join(' ; ').slice(0, 400)}]`);
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : typeof x === 'string' && x.length > 40 ? `${x.slice(0, 40)}…(${x.length})` : x)) ?? String(v);
  } catch {
    return '<unprintable>';
  }
}

/** Backups write where they are told: keep every absolute folder the fuzz names inside the temp dir. */
function confine(channel: string, input: unknown, root: string): unknown {
  if (channel !== 'mishen:backup.create' || !input || typeof input !== 'object') return input;
  const p = (input as { parentDir?: unknown }).parentDir;
  if (typeof p !== 'string' || !isAbsolute(p)) return input;
  return { ...input, parentDir: join(root, 'backups') };
}

async function fuzzState(state: string, runtime: Runtime, root: string, knownIds: string[], restore: () => Promise<void>) {
  for (const [, def] of OPERATIONS) {
    await restore();
    const samples = fc.sample(inputsFor(def.input, knownIds, EXAMPLES[def.channel]), { numRuns: RUNS_PER_OPERATION, seed: 20261122 + inputsRun });
    for (const raw of samples) {
      const input = confine(def.channel, raw, root);
      internal.length = 0;
      try {
        record(state, def.channel, input, await runtime.dispatcher.dispatch(def.channel, input, trusted));
      } catch (err) {
        inputsRun++;
        violations.push(`threw: ${state} ${def.channel} ${safeJson(input).slice(0, 200)}: ${String(err).slice(0, 200)}`);
      }
    }
  }
}

function newRuntime(dir: string, clock: Clock): Runtime {
  return createRuntime({
    dataDir: dir,
    now: clock.now,
    kdf: TEST_KDF,
    host: 'browser-host',
    version: 't',
    onInternalError: (channel, err) => internal.push(`${channel}: ${err instanceof Error ? err.stack?.split('\n').slice(0, 3).join(' | ') : String(err)}`),
  });
}

const cleanups: Array<() => void | Promise<void>> = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  const outcomes = [...tally.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
  process.stdout.write(`contract fuzz: ${OPERATIONS.length} operations, ${inputsRun} inputs; outcomes: ${outcomes}; violations ${violations.length}; ${reached.size} operations reached past the schema\n`);
});

describe('contract fuzz: the verdict', () => {
  it('flags 内部错误, messages without Chinese, malformed answers and nothing else', () => {
    expect(judge({ ok: true, value: null })).toEqual({ outcome: 'ok' });
    expect(judge({ ok: false, error: { code: 'INVALID_INPUT', message: '输入无效：日期无效' } })).toEqual({ outcome: 'INVALID_INPUT' });
    expect(judge({ ok: false, error: { code: 'INTERNAL', message: '内部错误，操作未完成' } }).wrong).toBe('INTERNAL');
    expect(judge({ ok: false, error: { code: 'INVALID_INPUT', message: 'Invalid input: expected string' } }).wrong).toBe('non-Chinese message');
    expect(judge(undefined).wrong).toBe('malformed result');
    expect(judge({ ok: false, error: 'boom' }).wrong).toBe('malformed result');
  });
});

describe(`contract fuzz: ${OPERATIONS.length} operations × ${RUNS_PER_OPERATION} inputs × 4 session states`, () => {
  it('refuses or accepts every input, in Chinese, without 内部错误 or a crash', async () => {
    const t = tempDir('mishen-fuzz-');
    cleanups.push(t.cleanup);
    mkdirSync(join(t.dir, 'backups'));

    // 1. A data folder that was never set up.
    // Wrong passwords sent by the fuzz (login, unlock) lock accounts: the clock lets a lockout pass.
    const clock = fakeClock();
    const fresh = newRuntime(join(t.dir, 'fresh'), clock);
    cleanups.push(() => fresh.close());
    await fuzzState('not-set-up', fresh, t.dir, [], async () => {});

    // 2–4. One set-up folder with staff, a profile and an item, visited in three states.
    const rt = newRuntime(join(t.dir, 'org'), clock);
    cleanups.push(() => rt.close());
    const s = rt.services;
    await s.setup.run({ organizationName: ORG.name, organizationShortName: ORG.shortName, ...ADMINS });
    await staffUp(s, 'tongliao');
    await as(s, 'liu');
    const item = await s.items.register(fields());
    const itemJson = JSON.stringify(item);
    EXAMPLES = examples(item.id);
    await s.session.logout();
    await as(s, 'sysadm');
    const users = (await s.accounts.list()) as Array<{ id: string; username: string }>;
    await s.session.logout();
    // Ids the fuzz may hit by name: the item, its steps and opinions, other users (not the caller's own).
    const itemIds = [...new Set(itemJson.match(/"[0-9A-Za-z_-]{8,64}"/g) ?? [])].map((q) => q.slice(1, -1)).slice(0, 30);
    const others = (self: string) => users.filter((u) => u.username !== self).map((u) => u.id);

    const loggedOut = async () => {
      if (s.session.info().user) await s.session.logout();
    };
    const loggedInAs = (username: string) => async () => {
      const info = s.session.info();
      if (info.user?.username === username && !info.locked && !info.mustChangePassword) return;
      try {
        await as(s, username);
      } catch {
        clock.advance(3 * 3600_000); // locked out by the fuzz's own wrong passwords
        await as(s, username);
      }
    };

    await fuzzState('logged-out', rt, t.dir, [], loggedOut);
    await fuzzState('handler-with-item', rt, t.dir, [...itemIds, ...others('liu')], loggedInAs('liu'));
    await fuzzState('sysAdmin', rt, t.dir, [...itemIds, ...others('sysadm')], loggedInAs('sysadm'));

    expect(inputsRun).toBeGreaterThanOrEqual(OPERATIONS.length * RUNS_PER_OPERATION * 4);
    // The fuzz must not degrade into testing the schemas alone: every operation got some input past them.
    expect(OPERATIONS.map(([, d]) => d.channel).filter((c) => !reached.has(c))).toEqual([]);
    expect(violations.slice(0, 15)).toEqual([]);
    expect(violations.length).toBe(0);
  }, 180_000);
});
