import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHost } from './host';
import { loginAs, PASSWORD, register, seed } from './workflow';

// The 安全保密管理员 changes the data key through the UI: a confirm step with the password,
// the new recovery code shown once, the accounts that still wait to be rewrapped. A
// handler then logs in and works as before, and the status shows that account moved.
// What the checks at the opening of the store find is shown on the first page after login.

let host: Awaited<ReturnType<typeof startHost>>;
test.beforeAll(async ({ request }) => {
  host = await startHost();
  await seed(request, host.url, 'tongliao');
});
test.afterAll(async () => host.stop());

async function loginSecAdmin(page: Page): Promise<void> {
  const logout = page.getByRole('button', { name: '退出登录' });
  const name = page.getByLabel('用户名');
  await expect(logout.or(name)).toBeVisible();
  if (await logout.isVisible()) await logout.click();
  await name.fill('secadm');
  await page.getByLabel(/^密码/).fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toHaveText('安全保密管理员');
  await page.getByRole('button', { name: '数据密钥' }).click();
  await expect(page.getByRole('heading', { name: '更换数据密钥' })).toBeVisible();
}

test('the secAdmin rotates the data key; a handler logs in and works; the status shows the account rewrapped', async ({ page }) => {
  await page.goto(host.url);
  await loginSecAdmin(page);
  await expect(page.getByTestId('last-rotation')).toHaveText('上次更换数据密钥：尚未更换过');
  await expect(page.getByTestId('backup-warning')).toContainText('更换前制作的备份仍由原数据密钥加密');

  // A wrong password is refused and nothing changes.
  await page.getByRole('button', { name: '更换数据密钥' }).click();
  await page.getByLabel('请再次输入您的密码以确认更换').fill('Not-My-Pass-1!');
  await page.getByRole('button', { name: '确认更换' }).click();
  await expect(page.getByTestId('error')).toHaveText('密码错误');
  await expect(page.getByTestId('last-rotation')).toHaveText('上次更换数据密钥：尚未更换过');

  await page.getByLabel('请再次输入您的密码以确认更换').fill(PASSWORD);
  await page.getByRole('button', { name: '确认更换' }).click();
  await expect(page.getByTestId('new-recovery-code')).toHaveText(/^([0-9A-Z]{4}-){6}[0-9A-Z]{2}$/, { timeout: 60_000 });
  await expect(page.getByTestId('last-rotation')).not.toHaveText(/尚未更换过/);
  const waiting = page.getByTestId('waiting-accounts');
  await expect(waiting).toContainText('liu');
  await expect(waiting).toContainText('sysadm');
  await expect(waiting).not.toContainText('secadm');
  await page.getByRole('button', { name: '我已妥善保管新恢复码' }).click();
  await expect(page.getByTestId('new-recovery-code')).toHaveCount(0);

  // The handler logs in (the slot is rewrapped on the way) and registers an item.
  await loginAs(page, 'liu');
  await register(page, '更换密钥后登记的事项');

  await loginSecAdmin(page);
  await expect(page.getByTestId('waiting-accounts')).toContainText('sysadm');
  await expect(page.getByTestId('waiting-accounts')).not.toContainText('liu');
});

/** Setup of a data folder and the 系统管理员's first login, as the first run of the app does them. */
const SET_UP = `
import { register } from 'tsx/esm/api';
register();
const [dir, password] = process.argv.slice(1);
const { createServices } = await import('./electron/app/services.ts');
const s = createServices({ dataDir: dir });
const admin = (username, displayName) => ({ username, displayName, password: 'Initial-Pass-1' });
await s.setup.run({ organizationName: '某某县人民政府办公室', organizationShortName: 'MMX', sysAdmin: admin('sysadm', '系统管理员'), secAdmin: admin('secadm', '安全保密管理员'), auditor: admin('shenji', '安全审计员') });
await s.session.login('sysadm', 'Initial-Pass-1');
await s.session.changePassword('Initial-Pass-1', password);
await s.close();
`;

test('a problem the checks find is shown on the login screen, and to the 系统管理员 after login with the backup reminder', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'mishen-e2e-'));
  let broken: Awaited<ReturnType<typeof startHost>> | undefined;
  try {
    // Set up in a child process: the domain code's JSON imports need Node's loader, not the test runner's.
    const made = spawnSync(process.execPath, ['--input-type=module', '-e', SET_UP, dir, PASSWORD], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    // The program died while running (its marker stayed) and the write-ahead log is gone.
    writeFileSync(join(dir, 'mishen.running'), '12345');
    rmSync(join(dir, 'mishen.db-wal'), { force: true });
    broken = await startHost(dir);
    await page.goto(broken.url);
    // The checks that need no key speak on the login screen already.
    await expect(page.getByTestId('startup-problems')).toContainText('上次运行未正常结束，且数据库的预写日志文件（mishen.db-wal）缺失或为空');
    await page.getByLabel('用户名').fill('sysadm');
    await page.getByLabel(/^密码/).fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByTestId('current-user')).toHaveText('系统管理员');
    const notices = page.getByTestId('notices');
    await expect(notices).toContainText('上次运行未正常结束，且数据库的预写日志文件（mishen.db-wal）缺失或为空');
    await expect(notices).toContainText('尚未备份过数据：按安全策略应每 7 天内备份一次');
  } finally {
    if (broken) await broken.stop();
    else rmSync(dir, { recursive: true, force: true });
  }
});
