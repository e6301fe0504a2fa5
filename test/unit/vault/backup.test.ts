import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createServices } from '../../../electron/app/services';
import { sha256Hex } from '../../../electron/keys/crypto';
import { restoreBackup } from '../../../electron/vault/restore';
import { parseCheckpoint } from '../../../electron/audit/verify';
import { ADMINS, type Clock, fakeClock, NEW_PASSWORD, ORG } from '../../helpers/setup';
import { tamperTrail } from '../../helpers/tamper-trail';
import { refusal } from '../../helpers/refusal';
import { TEST_KDF, tempDir } from '../../helpers/tmp';
import { as, fields, staffUp, workflowOf } from '../../helpers/workflow';

// Backup → empty folder → restore: the chain verifies and every item is back; a kill
// during backup leaves nothing under the final name; a tampered backup is refused.

let cleanup: () => void = () => {};
afterEach(() => cleanup());

async function populated(clock?: Clock) {
  const t = tempDir();
  cleanup = t.cleanup;
  const data = join(t.dir, 'data');
  const backups = join(t.dir, 'backups');
  mkdirSync(backups);
  const s = createServices({ dataDir: data, kdf: TEST_KDF, now: clock?.now });
  await s.setup.run({ organizationName: ORG.name, organizationShortName: ORG.shortName, ...ADMINS });
  await staffUp(s, 'tongliao');
  await as(s, 'liu');
  const wf = workflowOf(s);
  const titles = ['关于道路改造的公告', '关于低保名单的公示', '关于预算执行情况的报告'];
  for (const title of titles) await wf.register(fields({ title }));
  await s.session.logout();
  return { root: t.dir, data, backups, s, titles };
}

describe('backup and restore', () => {
  it('round trip into an empty folder: files match, the chain verifies, every item is back; the 系统管理员 is reminded until a backup exists', async () => {
    const { root, data, backups, s, titles } = await populated();
    await s.session.login(ADMINS.sysAdmin.username, NEW_PASSWORD);
    expect(s.session.info().notices.join()).toMatch(/尚未备份过数据/);
    const made = await s.backup.create(backups);
    expect(readdirSync(made.path).sort()).toEqual(['BACKUP-MANIFEST.json', 'BACKUP-MANIFEST.sig', 'keyslots.json', 'mishen.db']);
    expect(readFileSync(join(made.path, 'mishen.db')).includes(Buffer.from('低保名单', 'utf8'))).toBe(false); // still encrypted
    await s.session.logout();
    await s.session.login(ADMINS.sysAdmin.username, NEW_PASSWORD);
    expect(s.session.info().notices.join()).not.toMatch(/备份/);
    await s.close();

    const target = join(root, 'restored');
    expect((await refusal(restoreBackup({ from: made.path, dataDir: data, username: 'liu', password: NEW_PASSWORD, kdf: TEST_KDF }))).message).toMatch(/^只能恢复到空的数据目录/);
    // A printed checkpoint the copy covers but disagrees with: another history, refused, nothing left behind.
    const other = parseCheckpoint(`${made.auditHead!.seq - 1}:${'f'.repeat(64)}`)!;
    expect((await refusal(restoreBackup({ from: made.path, dataDir: target, username: 'liu', password: NEW_PASSWORD, kdf: TEST_KDF, checkpoint: other }))).message).toMatch(/^备份中第 \d+ 条审计记录与检查点的哈希不符/);
    expect(readdirSync(target)).toEqual([]);
    const later = parseCheckpoint(`${made.auditHead!.seq + 5}:${'0'.repeat(64)}`)!;
    const report = await restoreBackup({ from: made.path, dataDir: target, username: 'liu', password: NEW_PASSWORD, kdf: TEST_KDF, checkpoint: later });
    expect(report).toMatchObject({ items: titles.length, auditHead: made.auditHead, missingAfterCheckpoint: 5 });
    expect(report.notes[0]).toMatch(/少 5 条/);
    const r = createServices({ dataDir: target, kdf: TEST_KDF });
    await r.session.login('liu', NEW_PASSWORD);
    // The restored folder passes the checks at open: no rollback, loss or damage is reported.
    expect(r.session.info().notices).toEqual([]);
    expect((await r.queries.list('all')).map((i) => i.title).sort()).toEqual([...titles].sort());
    await r.close();
  });

  it('refuses a backup whose files do not match its signed manifest, and leaves the target empty', async () => {
    const { root, backups, s } = await populated();
    await s.session.login(ADMINS.sysAdmin.username, NEW_PASSWORD);
    const made = await s.backup.create(backups);
    await s.close();
    const m = JSON.parse(readFileSync(join(made.path, 'BACKUP-MANIFEST.json'), 'utf8'));
    m.organization.name = '另一个单位';
    writeFileSync(join(made.path, 'BACKUP-MANIFEST.json'), JSON.stringify(m, null, 1));
    const target = join(root, 'restored');
    expect((await refusal(restoreBackup({ from: made.path, dataDir: target, username: 'liu', password: NEW_PASSWORD, kdf: TEST_KDF }))).message).toBe('备份清单的签名无效：清单被修改，或不是本单位的备份');
    expect(existsSync(target) ? readdirSync(target) : []).toEqual([]);
    // A changed byte in the database copy is caught by the manifest's hashes.
    writeFileSync(join(made.path, 'BACKUP-MANIFEST.json'), JSON.stringify({ ...m, organization: { ...m.organization, name: ORG.name } }, null, 1));
    const db = readFileSync(join(made.path, 'mishen.db'));
    db[db.length - 100]! ^= 1;
    writeFileSync(join(made.path, 'mishen.db'), db);
    expect((await refusal(restoreBackup({ from: made.path, dataDir: target, username: 'liu', password: NEW_PASSWORD, kdf: TEST_KDF }))).message).toMatch(/文件 mishen\.db 与清单中的哈希不符/);
  });

  it('is an audit entry of the 系统管理员, and the reminder follows the days the security policy sets', async () => {
    const clock = fakeClock();
    const { backups, s } = await populated(clock);
    const DAY = 86_400_000;
    const relogin = async (who = ADMINS.sysAdmin.username) => {
      if (s.session.info().user) await s.session.logout();
      await s.session.login(who, NEW_PASSWORD);
      return s.session.info().notices.join('\n');
    };
    expect(await relogin()).toMatch(/尚未备份过数据：按安全策略应每 7 天内备份一次/);
    const made = await s.backup.create(backups);
    const entry = await s.vault.db().selectFrom('audit_log').selectAll().where('action', '=', 'backup.created').executeTakeFirstOrThrow();
    const sysAdminId = s.session.currentUserId();
    expect(entry).toMatchObject({ actor: sysAdminId, role: 'sysAdmin', subject: 'data' });
    expect(JSON.parse(entry.payload)).toMatchObject({ path: made.path, manifestSha256: sha256Hex(readFileSync(join(made.path, 'BACKUP-MANIFEST.json'))), auditHead: made.auditHead });
    // The entry follows the copy: the manifest's head is the entry just before it.
    expect(entry.seq).toBe(made.auditHead!.seq + 1);
    clock.advance(6 * DAY);
    expect(await relogin()).not.toMatch(/备份/);
    clock.advance(2 * DAY);
    expect(await relogin()).toMatch(/距上次备份（\d{4}-\d{2}-\d{2}）已超过 7 天，请及时备份数据/);
    // Other roles are not reminded.
    expect(await relogin(ADMINS.secAdmin.username)).not.toMatch(/备份/);
    await s.policy.update({ ...(await s.policy.get()), backupReminderDays: 10 });
    expect(await relogin()).not.toMatch(/备份/);
    clock.advance(3 * DAY);
    expect(await relogin()).toMatch(/已超过 10 天/);
    await s.close();
  });

  it('refuses a backup whose audit chain does not verify, even with a valid manifest, and leaves the target empty', async () => {
    const trail = await tamperTrail();
    cleanup = trail.cleanup;
    const seq = (trail.raw.prepare("SELECT seq FROM audit_log WHERE action = 'user.created' AND payload LIKE '%用户1%'").get() as { seq: number }).seq;
    trail.raw.prepare("UPDATE audit_log SET payload = replace(payload, '用户1', '用户9') WHERE seq = ?").run(seq);
    await trail.db.destroy();
    const s = createServices({ dataDir: trail.dir, kdf: TEST_KDF });
    await s.session.login(ADMINS.sysAdmin.username, NEW_PASSWORD);
    const backups = join(trail.dir, '..', `${basename(trail.dir)}-backups`);
    mkdirSync(backups);
    try {
      const made = await s.backup.create(backups);
      await s.close();
      const target = join(backups, 'restored');
      const r = await refusal(restoreBackup({ from: made.path, dataDir: target, username: ADMINS.sysAdmin.username, password: NEW_PASSWORD, kdf: TEST_KDF }));
      expect(r.message).toMatch(new RegExp(`^备份中的审计日志验证未通过：第 ${seq} 条`));
      expect(readdirSync(target)).toEqual([]);
    } finally {
      rmSync(backups, { recursive: true, force: true });
    }
  });

  it('a kill during backup leaves no backup under the final name', async () => {
    const { data, backups, s } = await populated();
    await s.close();
    const r = spawnSync(process.execPath, ['test/fixtures/faults/account.mjs', data, 'backup', JSON.stringify({ as: ADMINS.sysAdmin.username, asPassword: NEW_PASSWORD, parentDir: backups })], {
      env: { ...process.env, MISHEN_FAULT: 'backup:beforeRename' },
      encoding: 'utf8',
    });
    expect(r.signal, r.stderr).toBe('SIGKILL');
    const left = readdirSync(backups);
    expect(left.filter((f) => f.startsWith('mishen-backup-'))).toEqual([]);
    expect(left.every((f) => f.startsWith('.') && f.includes('.partial-'))).toBe(true);
  });
});
