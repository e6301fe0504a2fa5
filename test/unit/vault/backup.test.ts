import { afterEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServices } from '../../../electron/app/services';
import { restoreBackup } from '../../../electron/vault/restore';
import { parseCheckpoint } from '../../../electron/audit/verify';
import { ADMINS, NEW_PASSWORD, ORG } from '../../helpers/setup';
import { refusal } from '../../helpers/refusal';
import { TEST_KDF, tempDir } from '../../helpers/tmp';
import { as, fields, staffUp, workflowOf } from '../../helpers/workflow';

// Backup → empty folder → restore: the chain verifies and every item is back; a kill
// during backup leaves nothing under the final name; a tampered backup is refused.

let cleanup: () => void = () => {};
afterEach(() => cleanup());

async function populated() {
  const t = tempDir();
  cleanup = t.cleanup;
  const data = join(t.dir, 'data');
  const backups = join(t.dir, 'backups');
  mkdirSync(backups);
  const s = createServices({ dataDir: data, kdf: TEST_KDF });
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
    const later = parseCheckpoint(`${made.auditHead!.seq + 5}:${'0'.repeat(64)}`)!;
    const report = await restoreBackup({ from: made.path, dataDir: target, username: 'liu', password: NEW_PASSWORD, kdf: TEST_KDF, checkpoint: later });
    expect(report).toMatchObject({ items: titles.length, auditHead: made.auditHead, missingAfterCheckpoint: 5 });
    expect(report.notes[0]).toMatch(/少 5 条/);
    const r = createServices({ dataDir: target, kdf: TEST_KDF });
    await r.session.login('liu', NEW_PASSWORD);
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
