import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createServices, type Services } from '../../../electron/app/services';
import { verifyAudit } from '../../../electron/audit/verify';
import { checkBackup } from '../../../electron/vault/backup';
import { ADMINS, firstLogin, NEW_PASSWORD, ORG } from '../../helpers/setup';
import { TEST_KDF, tempDir } from '../../helpers/tmp';

// The fault battery: a child process writes without pause (items, documents, opinions,
// users, password changes and resets, backups) and is SIGKILLed, at random moments and
// at chosen windows (right after its n-th acknowledgement; inside an account change or a
// backup, through electron/vault/faults.ts). After every kill the folder is reopened
// here: every action the child acknowledged must be there, and the audit chain must
// verify. Kills run in sequence on one folder per batch, so damage would accumulate.

type Ack =
  | { kind: 'item' | 'opinion'; title: string }
  | { kind: 'doc'; title: string; name: string }
  | { kind: 'user'; username: string }
  | { kind: 'password' | 'reset'; username: string; password: string }
  | { kind: 'backup'; path: string };

const WRITER = 'test/fixtures/faults/writer.mjs';
const figures = { kills: 0, acknowledged: 0, lost: 0, chainsVerified: 0 };
const byKind = new Map<string, number>();

afterAll(() => {
  process.stdout.write(
    `fault battery: ${figures.kills} kills, ${figures.acknowledged} acknowledged actions, ${figures.lost} lost, chain verified ${figures.chainsVerified} times; acknowledged by kind: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(', ')}\n`,
  );
});

/** A folder with the three administrators and one handler, all past their first password change. */
async function prepare(dir: string): Promise<void> {
  const s = createServices({ dataDir: dir, kdf: TEST_KDF });
  await s.setup.run({ organizationName: ORG.name, organizationShortName: ORG.shortName, ...ADMINS });
  await firstLogin(s, ADMINS.sysAdmin);
  await s.accounts.create({ username: 'liu', displayName: '刘承办', department: '办公室', roles: ['handler'], initialPassword: 'Initial-Pass-1' });
  await s.session.logout();
  await firstLogin(s, { username: 'liu', password: 'Initial-Pass-1' });
  await s.session.logout();
  await firstLogin(s, ADMINS.secAdmin);
  const { shippedProfiles } = await import('../../../electron/workflow/profiles');
  await s.profiles.activate('tongliao', shippedProfiles().find((p) => p.id === 'tongliao')!.version);
  await s.session.logout();
  await firstLogin(s, ADMINS.auditor);
  await s.session.logout();
  await s.close();
}

interface Kill {
  /** Kill after this many ms once the first acknowledgement arrived (timing, from outside). */
  delayMs?: number;
  /** The child kills itself right after its n-th acknowledgement. */
  after?: number;
  /** A named point inside the services (electron/vault/faults.ts), armed from the start. */
  point?: string;
  /** A named point armed only for the first action of one kind: `<kind>:at:<point>`. */
  pointOn?: string;
  offset: number;
}

/** Runs the writer until it dies; returns what it acknowledged and how it ended. */
function runWriter(dir: string, tag: string, kill: Kill, backupDir: string | null) {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env['MISHEN_FAULT'];
  delete env['MISHEN_FAULT_AFTER'];
  delete env['MISHEN_FAULT_ON'];
  if (kill.pointOn) env['MISHEN_FAULT_ON'] = kill.pointOn;
  if (kill.after) env['MISHEN_FAULT_AFTER'] = String(kill.after);
  if (kill.point) env['MISHEN_FAULT'] = kill.point;
  const args = JSON.stringify({ password: NEW_PASSWORD, offset: kill.offset, backupDir });
  const child = spawn(process.execPath, [WRITER, dir, tag, args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let timer: NodeJS.Timeout | undefined;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString('utf8');
    if (kill.delayMs !== undefined && !timer && out.includes('\n')) timer = setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
  return new Promise<{ acks: Ack[]; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      // A line cut by the kill was never acknowledged: only whole lines count.
      const lines = out.split('\n').slice(0, -1).filter((l) => l !== '"done"');
      resolve({ acks: lines.map((l) => JSON.parse(l) as Ack), signal, stderr: err });
    });
  });
}

async function loginOk(s: Services, username: string, password: string): Promise<boolean> {
  try {
    await s.session.login(username, password);
    await s.session.logout();
    return true;
  } catch {
    return false;
  }
}

function backupIntact(path: string): boolean {
  try {
    return existsSync(path) && checkBackup(path).problems.length === 0;
  } catch {
    return false;
  }
}

/** Reopens the folder and returns the acknowledged actions it cannot find. */
async function missing(dir: string, acks: Ack[]): Promise<{ lost: string[]; chainOk: boolean; reason: string }> {
  const s = createServices({ dataDir: dir, kdf: TEST_KDF });
  try {
    await s.session.login('liu', NEW_PASSWORD);
    const items = await s.queries.list('all');
    const byTitle = new Map(items.map((i) => [i.title, i]));
    const lost: string[] = [];
    const docsOf = new Map<string, string[]>();
    for (const a of acks) {
      if (a.kind === 'item' && !byTitle.has(a.title)) lost.push(`item ${a.title}`);
      if (a.kind === 'doc' || a.kind === 'opinion') {
        const item = byTitle.get(a.title);
        if (!item) {
          lost.push(`${a.kind} on missing item ${a.title}`);
          continue;
        }
        if (a.kind === 'doc') {
          if (!docsOf.has(item.id)) docsOf.set(item.id, (await s.documents.list(item.id)).map((d) => d.name));
          if (!docsOf.get(item.id)!.includes(a.name)) lost.push(`document ${a.name}`);
        } else {
          const detail = await s.queries.get(item.id);
          if (!detail.opinions.some((o) => o.stepId === 'initial')) lost.push(`opinion on ${a.title}`);
        }
      }
      if (a.kind === 'backup' && !backupIntact(a.path)) lost.push(`backup ${a.path}`);
    }
    await s.session.logout();
    await s.session.login(ADMINS.sysAdmin.username, NEW_PASSWORD);
    const users = new Set((await s.accounts.list()).map((u) => u.username));
    await s.session.logout();
    // The last password acknowledged for a user is the one that must open the account.
    const lastPassword = new Map<string, string>();
    for (const a of acks) {
      if (a.kind === 'user' && !users.has(a.username)) lost.push(`user ${a.username}`);
      if (a.kind === 'password' || a.kind === 'reset') lastPassword.set(a.username, a.password);
    }
    for (const [username, password] of lastPassword)
      if (!(await loginOk(s, username, password))) lost.push(`password of ${username}`);
    await s.session.login(ADMINS.auditor.username, NEW_PASSWORD);
    const report = await verifyAudit(s.vault.db());
    await s.session.logout();
    return { lost, chainOk: report.ok, reason: report.ok ? '' : JSON.stringify(report.firstBad) };
  } finally {
    await s.close();
  }
}

/** One batch: kills in sequence on one folder; acknowledged actions accumulate. */
async function battery(tag: string, kills: Kill[], withBackups = false) {
  const t = tempDir('mishen-kill-');
  const backupDir = withBackups ? join(t.dir, '..', `${tag}-backups-${process.pid}`) : null;
  try {
    await prepare(t.dir);
    if (backupDir) mkdirSync(backupDir, { recursive: true });
    const all: Ack[] = [];
    const problems: string[] = [];
    const lost = new Set<string>();
    for (const [k, kill] of kills.entries()) {
      const run = await runWriter(t.dir, `${tag}${k}`, kill, backupDir);
      if (run.signal !== 'SIGKILL') problems.push(`kill ${k}: the writer was not killed: ${run.stderr.slice(-400)}`);
      figures.kills++;
      all.push(...run.acks);
      figures.acknowledged += run.acks.length;
      for (const a of run.acks) byKind.set(a.kind, (byKind.get(a.kind) ?? 0) + 1);
      const check = await missing(t.dir, all);
      if (check.chainOk) figures.chainsVerified++;
      else problems.push(`kill ${k}: audit chain broken ${check.reason}`);
      for (const l of check.lost) {
        if (lost.has(l)) continue;
        lost.add(l);
        figures.lost++;
        problems.push(`kill ${k} (${JSON.stringify(kill)}): lost ${l}`);
      }
    }
    // The check itself can fail: actions that were never made are reported missing.
    const control = await missing(t.dir, [
      { kind: 'item', title: '从未登记的事项' },
      { kind: 'user', username: 'never_created' },
      { kind: 'password', username: 'liu', password: 'Not-His-Pass-1' },
    ]);
    expect(control.lost).toHaveLength(3);
    return { acknowledged: all.length, problems };
  } finally {
    t.cleanup();
    if (backupDir) rmSync(backupDir, { recursive: true, force: true });
  }
}

// A deterministic spread of "random" delays: reproducible runs, varied cut points.
const spread = (n: number, seed: number) => Array.from({ length: n }, (_, i) => ((seed * 7919 + i * 104_729) % 900) + 5);

describe('fault battery: SIGKILL during writes loses no acknowledged action', () => {
  it('random kills while writing items, documents, opinions and accounts', async () => {
    const kills = spread(20, 1).map((delayMs, i) => ({ delayMs, offset: i }));
    const r = await battery('r', kills);
    expect(r.acknowledged).toBeGreaterThan(0);
    expect(r.problems).toEqual([]);
  }, 180_000);

  it('kills right after the n-th acknowledgement, for every kind of action in every position', async () => {
    const kills = Array.from({ length: 16 }, (_, i) => ({ after: 1 + (i % 8), offset: i }));
    const r = await battery('n', kills);
    expect(r.acknowledged).toBeGreaterThanOrEqual(16);
    expect(r.problems).toEqual([]);
  }, 180_000);

  it('kills inside account creation, password change, reset and backup (named points in the code), and at random while backing up', async () => {
    const accountPoints = ['account:keyslotsWritten', 'account:storeCommitted'];
    const kills: Kill[] = [
      // Between the keyslot file and the store, and just after the store committed: for a
      // new account, a changed password and a reset, each at two positions in the run.
      ...['user', 'password', 'reset'].flatMap((kind) =>
        accountPoints.flatMap((point) => [0, 3].map((offset) => ({ pointOn: `${kind}:at:${point}`, offset }))),
      ),
      ...[0, 3].map((offset) => ({ point: 'backup:beforeRename', offset })),
      ...spread(4, 3).map((delayMs, i) => ({ delayMs, offset: i })),
    ];
    const r = await battery('p', kills, true);
    expect(r.problems).toEqual([]);
  }, 180_000);
});
