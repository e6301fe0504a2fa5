import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../electron/app/services';
import { openRaw } from '../electron/store/database';
import { KeyslotFile } from '../electron/store/keyslots';
import { shippedProfiles } from '../electron/workflow/profiles';
import { ADMINS, firstLogin, NEW_PASSWORD } from '../test/helpers/setup';
import { TEST_KDF } from '../test/helpers/tmp';
import { as, fields, staffUp, workflowOf } from '../test/helpers/workflow';
import { appendSignedChain } from './scale-chain';

// The big store of the scale bench, built once and cached under the temp folder:
// 100,000 items over the five shipped profiles and every status, with opinions,
// consultations and files, and 1,000,000 audit entries with a real hash chain and real
// signatures. Rows are written in bulk SQL inside transactions, not through the service
// per item; the derived list columns are then computed by the workflow's own code.

export const SCALE_DIR = join(tmpdir(), 'mishen-bench-scale-v1');
export const ITEMS = 100_000;
export const AUDIT_ENTRIES = 1_000_000;
export const DEPARTMENTS = ['办公室', '财政局', '教育局', '卫生健康委员会', '住房和城乡建设局'];

export interface BuildInfo {
  items: number;
  auditEntries: number;
  seconds: { services: number; items: number; audit: number; derived: number; total: number };
  builtAt: string;
}

const WORDS = '关于进一步做好城乡低保对象动态管理工作的通知县人民政府办公室财政预算执行情况公示教育收费标准调整方案卫生健康监督检查结果住房保障资格审核名单道路改造工程招标公告';
let seed = 15;
const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const phrase = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join('');

/** Short fields like the built store's, from their own seed (the build's sequence is untouched): registrations to time. */
export function sampleShortFields(count: number, from = 1): Array<{ title: string; documentNumber: string; keywords: string[]; summary: string }> {
  let s = 9000 + from;
  const r = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]).join('');
  return Array.from({ length: count }, (_, i) => ({ title: `${words(8)}${from + i}`, documentNumber: `某政发〔2026〕${from + i}号`, keywords: [words(2), words(2)], summary: words(40) }));
}
const day = (from: number, span: number) => new Date(Date.UTC(2025, 0, 1) + Math.floor(from + rnd() * span) * 86_400_000).toISOString().slice(0, 10);

const STATUSES: Array<[string, number]> = [
  ['inReview', 0.35],
  ['escalated', 0.04],
  ['awaitingDeclassification', 0.03],
  ['approved', 0.36],
  ['withheld', 0.1],
  ['deferred', 0.07],
  ['recalled', 0.05],
];
const status = () => {
  let r = rnd();
  for (const [s, p] of STATUSES) if ((r -= p) < 0) return s;
  return 'approved';
};

export async function bigStore(log: (s: string) => void): Promise<BuildInfo> {
  const ready = join(SCALE_DIR, 'ready.json');
  if (existsSync(ready)) return JSON.parse(readFileSync(ready, 'utf8')) as BuildInfo;
  rmSync(SCALE_DIR, { recursive: true, force: true });
  mkdirSync(SCALE_DIR, { recursive: true });
  const t0 = Date.now();
  log(`building the scale store in ${SCALE_DIR} (once; later runs reuse it)`);

  // 1. Organization, staff and the five profiles stored, through the services.
  const core = createServices({ dataDir: SCALE_DIR, kdf: TEST_KDF });
  await core.setup.run({ organizationName: '基准测试单位', organizationShortName: 'BENCH', ...ADMINS });
  await staffUp(core, 'tongliao');
  await firstLogin(core, ADMINS.sysAdmin).catch(() => core.session.login(ADMINS.sysAdmin.username, NEW_PASSWORD));
  for (const [i, d] of DEPARTMENTS.slice(1).entries())
    await core.accounts.create({ username: `handler${i}`, displayName: `承办人${i}`, department: d, roles: ['handler'], initialPassword: 'Initial-Pass-1' });
  await core.session.logout();
  const wf = workflowOf(core);
  for (const p of shippedProfiles()) {
    await as(core, ADMINS.secAdmin.username);
    await wf.activateProfile(p.id, p.version);
    await as(core, 'liu');
    await wf.register(fields({ title: `${p.shortName}流程样例事项` }));
  }
  const dataKey = Buffer.from(core.vault.dataKey());
  await core.session.logout();
  await core.close();
  const tServices = Date.now();

  // 2. Items, opinions, consultations and files in bulk SQL.
  const raw = openRaw(join(SCALE_DIR, 'mishen.db'), dataKey);
  raw.pragma('synchronous=OFF');
  const users = new Map((raw.prepare('SELECT id, username, department FROM users').all() as Array<{ id: string; username: string; department: string }>).map((u) => [u.username, u]));
  const byRole: Record<string, string[]> = {
    handler: ['liu'],
    deptHead: ['wang'],
    reviewer: ['zhao', 'qian'],
    approver: ['sun', 'li'],
    secrecyOffice: ['zhou'],
  };
  const handlerOf = (dept: string) => users.get(dept === DEPARTMENTS[0] ? 'liu' : `handler${DEPARTMENTS.indexOf(dept) - 1}`)!.id;
  const profiles = shippedProfiles();
  const insertItem = raw.prepare(`INSERT INTO items (id, profile_id, profile_version, title, document_number, issuer, department, formed_on, category, keywords, summary, disclosure, publish_form, review_mode, application_no, application_received_on, co_producers, third_parties, classification, classification_term, special_domains, special_approval, sensitive, state, status, step_id, step_entered_on, created_by, created_at, updated_at, decided_on)
    VALUES (@id, @profile_id, @profile_version, @title, @document_number, '某某县人民政府办公室', @department, @formed_on, '', @keywords, @summary, @disclosure, '政府网站', @review_mode, NULL, NULL, '[]', '[]', @classification, @term, '[]', NULL, 0, @state, @status, @step_id, @step_entered_on, @created_by, @created_at, @created_at, @decided_on)`);
  const insertOpinion = raw.prepare(`INSERT INTO opinions (item_id, round, step_id, user_id, opinion_id, label, effect, outcome, grounds, bases, reason, defer_until, audit_seq, created_at) VALUES (?, 1, ?, ?, ?, ?, ?, ?, '[]', '[]', '', NULL, 1, ?)`);
  const insertConsultation = raw.prepare(`INSERT INTO consultations (item_id, kind, case_kind, party, matters, send_by, sent_on, deadline, reply, reply_on, reply_reason, override, coordination, created_by, created_at) VALUES (?, 'agency', 'concernsAgency', '某某局', '是否同意公开', NULL, ?, ?, ?, NULL, NULL, NULL, NULL, ?, ?)`);
  const blob = Buffer.from('bench file');
  const sha = 'b'.repeat(64);
  raw.prepare('INSERT OR IGNORE INTO blobs (sha256, size, content) VALUES (?, ?, ?)').run(sha, blob.length, blob);
  const insertDocument = raw.prepare(`INSERT INTO documents (id, item_id, name, type, size, sha256, pages, warnings, text, segments, created_by, created_at) VALUES (?, ?, ?, 'txt', 10, ?, NULL, '[]', ?, '[]', ?, ?)`);
  const subjects: string[] = [];
  const build = raw.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) {
      const profile = profiles[n % profiles.length]!;
      const steps = profile.steps.filter((s) => s.when === 'always');
      const st = status();
      const dept = pick(DEPARTMENTS);
      const createdBy = handlerOf(dept);
      const at = steps.length > 1 ? 1 + Math.floor(rnd() * (steps.length - 1)) : 0;
      const done = st === 'inReview' ? at : steps.length;
      const signedBy: Record<string, string[]> = {};
      for (const s of steps.slice(0, done)) signedBy[s.id] = [s.role === 'handler' ? createdBy : users.get(pick(byRole[s.role] ?? ['zhao']))!.id];
      const step = st === 'inReview' ? steps[at]! : steps[Math.max(0, steps.length - 1)]!;
      const outcome = st === 'withheld' ? 'WITHHOLD' : st === 'deferred' ? 'DEFER' : st === 'inReview' ? null : 'PUBLISH';
      const classification = rnd() < 0.08 ? '秘密' : 'none';
      const id = `bench-${String(n).padStart(6, '0')}`;
      const createdAt = new Date(Date.UTC(2025, 0, 1) + Math.floor((n / ITEMS) * 690 * 86_400_000)).toISOString();
      const state = {
        status: st, stepId: step.id, round: 1, path: [], signedBy, registeredBy: createdBy, sensitive: false, marked: classification !== 'none', declassified: false,
        proposal: outcome ? { outcome, disclosure: outcome === 'PUBLISH' ? '主动公开' : null, label: outcome, stepId: steps[0]!.id } : null,
        deferUntil: st === 'deferred' ? day(600, 300) : null,
      };
      insertItem.run({
        id, profile_id: profile.id, profile_version: profile.version, title: `${phrase(8)}${n}`, document_number: `某政发〔${2025 + (n % 2)}〕${n}号`, department: dept, formed_on: createdAt.slice(0, 10),
        keywords: JSON.stringify([phrase(2), phrase(2)]), summary: phrase(40), disclosure: rnd() < 0.8 ? '主动公开' : '依申请公开', review_mode: '主动审查', classification, term: classification === 'none' ? null : '1年',
        state: JSON.stringify(state), status: st, step_id: step.id, step_entered_on: createdAt.slice(0, 10), created_by: createdBy, created_at: createdAt, decided_on: st === 'inReview' ? null : createdAt.slice(0, 10),
      });
      for (const s of steps.slice(0, done)) insertOpinion.run(id, s.id, signedBy[s.id]![0], s.opinions[0]!.id, s.opinions[0]!.label, s.opinions[0]!.effect, s.opinions[0]!.outcome ?? null, createdAt);
      if (rnd() < 0.2) insertConsultation.run(id, createdAt.slice(0, 10), day(300, 500), rnd() < 0.5 ? 'agree' : null, createdBy, createdAt);
      if (rnd() < 0.25) insertDocument.run(`${id}-doc`, id, `${phrase(6)}.txt`, sha, `${phrase(400)}\n${phrase(400)}`, createdBy, createdAt);
      subjects.push(id);
    }
  });
  for (let n = 0; n < ITEMS; n += 5000) build(n, Math.min(ITEMS, n + 5000));
  const tItems = Date.now();
  log(`  items: ${((tItems - tServices) / 1000).toFixed(0)} s`);

  // 3. The audit trail: a million signed, chained entries by 刘承办 about those items.
  const slots = KeyslotFile.load(join(SCALE_DIR, 'keyslots.json'), TEST_KDF);
  const liuKey = (await slots.unwrap((await slots.findByUsername('liu'))!, NEW_PASSWORD))!.signingKey!;
  const existing = (raw.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
  await appendSignedChain(raw, { actor: users.get('liu')!.id, privateKey: liuKey, count: AUDIT_ENTRIES - existing, subjects, log });
  raw.close();
  const tAudit = Date.now();
  log(`  audit entries: ${((tAudit - tItems) / 1000).toFixed(0)} s`);

  // 4. The derived list columns, by the workflow's own code (as after migration 0009).
  const open = createServices({ dataDir: SCALE_DIR, kdf: TEST_KDF });
  await open.session.login('zhao', NEW_PASSWORD);
  await open.queries.ensureDerived();
  await open.session.logout();
  await open.close();
  const tDerived = Date.now();
  log(`  derived columns: ${((tDerived - tAudit) / 1000).toFixed(0)} s`);

  const info: BuildInfo = {
    items: ITEMS + profiles.length,
    auditEntries: AUDIT_ENTRIES,
    seconds: { services: (tServices - t0) / 1000, items: (tItems - tServices) / 1000, audit: (tAudit - tItems) / 1000, derived: (tDerived - tAudit) / 1000, total: (tDerived - t0) / 1000 },
    builtAt: new Date().toISOString(),
  };
  writeFileSync(ready, JSON.stringify(info, null, 2));
  return info;
}
