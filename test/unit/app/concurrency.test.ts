import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createRuntime, type Runtime } from '../../../electron/app/runtime';
import { shippedProfiles } from '../../../electron/workflow/profiles';
import { ANALYSIS_MESSAGES, inlineAnalyzer, workerAnalyzer, type Analyzer } from '../../../electron/documents/analyzer';
import { ADMINS, firstLogin, NEW_PASSWORD, ORG } from '../../helpers/setup';
import { fields, STAFF } from '../../helpers/workflow';
import { TEST_KDF, tempDir } from '../../helpers/tmp';

// No call waits for another that does not conflict with it: a long analysis runs
// outside every lock, and a runaway one is stopped by its memory or time limit with a
// Chinese message and nothing stored.

const trusted = { trustedSender: true };
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

let dir: string;
let cleanup: () => void;
let runtime: Runtime;

/** An analyzer that holds every analysis until the test lets it go. */
function heldAnalyzer() {
  const waiting: Array<() => void> = [];
  const analyzer: Analyzer = {
    async analyze(...args) {
      await new Promise<void>((release) => waiting.push(release));
      return inlineAnalyzer.analyze(...args);
    },
  };
  return { analyzer, started: () => waiting.length, releaseAll: () => waiting.splice(0).forEach((r) => r()) };
}

async function start(analyzer: Analyzer) {
  runtime = createRuntime({ dataDir: dir, kdf: TEST_KDF, host: 'browser-host', version: 't', analyzer });
  const s = runtime.services;
  await s.setup.run({ organizationName: ORG.name, organizationShortName: ORG.shortName, ...ADMINS });
  await firstLogin(s, ADMINS.sysAdmin);
  await s.accounts.create({ username: 'liu', displayName: STAFF.liu!.displayName, department: '办公室', roles: ['handler'], initialPassword: 'Initial-Pass-1' });
  await s.session.logout();
  await firstLogin(s, ADMINS.secAdmin);
  await s.profiles.activate('tongliao', shippedProfiles().find((p) => p.id === 'tongliao')!.version);
  await s.session.logout();
  await firstLogin(s, { username: 'liu', password: 'Initial-Pass-1' }, NEW_PASSWORD);
  return (await s.items.register(fields())).id;
}

async function count(table: 'documents' | 'blobs' | 'findings' | 'audit_log') {
  const db = runtime.services.vault.db();
  return Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});

afterEach(async () => {
  await runtime.close();
  cleanup();
});

describe('calls while a file is analysed', () => {
  it('answers another call (the inbox, the session) before a long analysis ends', async () => {
    const held = heldAnalyzer();
    const itemId = await start(held.analyzer);
    let attached = false;
    const attach = runtime.dispatcher.dispatch('mishen:documents.attach', { itemId, name: '名单.txt', content: b64('申请人名单') }, trusted).then((r) => {
      attached = true;
      return r;
    });
    while (held.started() === 0) await new Promise((r) => setTimeout(r, 5));

    const inbox = await runtime.dispatcher.dispatch('mishen:items.list', { view: 'all' }, trusted);
    const item = await runtime.dispatcher.dispatch('mishen:items.get', { itemId }, trusted);
    const info = await runtime.dispatcher.dispatch('mishen:app.info', undefined, trusted);
    expect(inbox).toMatchObject({ ok: true });
    expect(item).toMatchObject({ ok: true });
    expect(info).toMatchObject({ ok: true });
    expect(attached).toBe(false); // the analysis is still running

    held.releaseAll();
    expect(await attach).toMatchObject({ ok: true, value: { name: '名单.txt' } });
  });
});

describe('analysis limits', () => {
  const cases = [
    { name: 'memory', entry: 'test/fixtures/workers/hog.mjs', limits: { heapMb: 32, timeoutMs: 60_000 }, message: ANALYSIS_MESSAGES.memory },
    { name: 'time', entry: 'test/fixtures/workers/stuck.mjs', limits: { heapMb: 256, timeoutMs: 1_500 }, message: ANALYSIS_MESSAGES.timeout(2) },
  ];
  for (const c of cases)
    it(`stops an analysis over its ${c.name} limit with a Chinese message and stores nothing`, async () => {
      const itemId = await start(workerAnalyzer(join(process.cwd(), c.entry), c.limits));
      const before = { documents: await count('documents'), blobs: await count('blobs'), findings: await count('findings'), audit: await count('audit_log') };
      const r = await runtime.dispatcher.dispatch('mishen:documents.attach', { itemId, name: '构造的文件.txt', content: b64('内容') }, trusted);
      expect(r).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: c.message } });
      expect({ documents: await count('documents'), blobs: await count('blobs'), findings: await count('findings'), audit: await count('audit_log') }).toEqual(before);
      // The app still answers.
      expect(await runtime.dispatcher.dispatch('mishen:items.get', { itemId }, trusted)).toMatchObject({ ok: true });
    });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    const analyzer = workerAnalyzer(join(process.cwd(), 'test/fixtures/workers/stuck.mjs'), { heapMb: 64, timeoutMs: 60_000 });
    const pending = analyzer.analyze(new Uint8Array(1), 'x.txt', { version: 1 } as never, [], undefined, controller.signal);
    controller.abort();
    await expect(pending).rejects.toThrow(ANALYSIS_MESSAGES.cancelled);
  });
});
