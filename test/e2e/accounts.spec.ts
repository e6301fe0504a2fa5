import { expect, test, type Page } from '@playwright/test';
import { startHost, watchNetwork } from './host';

let host: Awaited<ReturnType<typeof startHost>>;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host.stop();
});

const ADMINS = {
  sysAdmin: { username: 'sysadm', name: '系统管理员甲', password: 'Sys-Admin-2026!' },
  secAdmin: { username: 'secadm', name: '保密管理员乙', password: 'Sec-Admin-2026!' },
  auditor: { username: 'shenji', name: '审计员丙', password: 'Audit-Or-2026!' },
};

async function login(page: Page, username: string, password: string) {
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel(/^密码/).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

async function changePassword(page: Page, oldPassword: string, newPassword: string) {
  await expect(page.getByRole('heading', { name: '修改密码' })).toBeVisible();
  await page.getByLabel('原密码').fill(oldPassword);
  await page.getByLabel(/^新密码/).fill(newPassword);
  await page.getByLabel('确认新密码').fill(newPassword);
  await page.getByRole('button', { name: '修改密码' }).click();
}

test('setup, a new reviewer, first-login password change, and lockout', async ({ page, context }) => {
  const foreign = watchNetwork(context);
  await page.goto(host.url);

  // 1. The setup wizard.
  await page.getByLabel('单位名称').fill('某某县人民政府办公室');
  await page.getByLabel(/单位简称/).fill('MMXGOV');
  await page.getByRole('button', { name: '下一步' }).click();
  for (const [key, a] of Object.entries(ADMINS)) {
    const box = page.getByTestId(`admin-${key}`);
    await box.getByLabel('用户名').fill(a.username);
    await box.getByLabel('姓名').fill(a.name);
    await box.getByLabel('初始密码').fill(a.password);
    await box.getByLabel('确认密码').fill(a.password);
  }
  await page.getByRole('button', { name: '完成设置' }).click();
  await expect(page.getByRole('heading', { name: '初始化完成' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('recovery-code')).toHaveText(/^([0-9A-Z]{4}-){6}[0-9A-Z]{2}$/);
  await expect(page.getByTestId('org-fingerprint')).toHaveText(/^sha256:[0-9a-f]{64}$/);
  await page.getByRole('button', { name: '我已妥善保存，前往登录' }).click();

  // 2. The 系统管理员 logs in, must change the initial password, and creates a reviewer.
  await login(page, 'sysadm', ADMINS.sysAdmin.password);
  await changePassword(page, ADMINS.sysAdmin.password, 'Sys-Own-Pass-01');
  await expect(page.getByTestId('org-name')).toHaveText('某某县人民政府办公室');
  await expect(page.getByTestId('current-user')).toHaveText('系统管理员甲');
  await page.getByRole('link', { name: '用户管理' }).or(page.getByText('用户管理', { exact: true })).first().click();
  await page.getByRole('button', { name: '新建用户' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('用户名').fill('zhangsan');
  await dialog.getByLabel('姓名').fill('张三');
  await dialog.getByRole('textbox', { name: /^部门/ }).fill('保密办');
  await dialog.getByLabel('保密审查机构').check();
  // A weak password is refused with the rule in Chinese.
  await dialog.getByLabel(/初始密码/).fill('123456');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByTestId('error')).toContainText('密码长度不得少于 10 位');
  await dialog.getByLabel(/初始密码/).fill('Reviewer-Init-1');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('success')).toContainText('已创建用户“zhangsan”');
  const row = page.locator('tr[data-username="zhangsan"]');
  await expect(row).toContainText('保密审查机构');
  await expect(row).toContainText('待修改密码');
  await page.getByRole('button', { name: '退出登录' }).click();

  // 3. The reviewer logs in and must change the password before anything else.
  await login(page, 'zhangsan', 'Reviewer-Init-1');
  await expect(page.getByText('张三，这是您首次登录')).toBeVisible();
  await changePassword(page, 'Reviewer-Init-1', 'Reviewer-Own-22');
  await expect(page.getByTestId('current-user')).toHaveText('张三');
  await expect(page.getByText('用户管理', { exact: true })).toHaveCount(0);
  await page.getByText('关于', { exact: true }).click();
  await expect(page.getByTestId('version')).toHaveText(/^\d+\.\d+\.\d+/);
  await expect(page.getByTestId('data-dir')).toHaveText(host.dataDir);
  await page.getByRole('button', { name: '退出登录' }).click();

  // 4. Five wrong passwords lock the account.
  for (let i = 1; i <= 4; i++) {
    await login(page, 'zhangsan', `Wrong-Pass-${i}`);
    await expect(page.getByTestId('error')).toHaveText('用户名或密码错误');
  }
  await login(page, 'zhangsan', 'Wrong-Pass-5');
  await expect(page.getByTestId('error')).toContainText('连续登录失败次数过多，账号已被锁定');
  // The right password does not get through while locked.
  await login(page, 'zhangsan', 'Reviewer-Own-22');
  await expect(page.getByTestId('error')).toContainText('账号已被锁定');

  expect(foreign).toEqual([]);
});
