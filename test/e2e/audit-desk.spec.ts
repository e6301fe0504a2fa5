import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { verifyExtract } from '../../electron/audit/extract';
import { emptyItemFields } from '../../shared/schemas';
import { E2E_TODAY, startHost } from './host';
import { PASSWORD, seed } from './workflow';

// The 安全审计员's desk through the browser host: filter the trail by person and date,
// open an entry's details, verify with a progress bar, countersign and print a
// checkpoint, export a signed extract (JSON + CSV, both checked) and print it; then the
// 系统管理员 pages and filters the users list.

let host: Awaited<ReturnType<typeof startHost>>;
test.beforeAll(async ({ request }) => {
  test.setTimeout(300_000); // every account's password is wrapped with the real scrypt
  host = await startHost();
  await seed(request, host.url, 'tongliao');
  const origin = new URL(host.url).origin;
  const token = new URL(host.url).searchParams.get('token')!;
  const rpc = async (channel: string, input?: unknown) => {
    const res = await request.post(`${origin}/ipc/mishen:${channel}`, { data: { input }, headers: { 'x-mishen-token': token } });
    const body = (await res.json()) as { ok: boolean; error?: { message: string } };
    if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  };
  await rpc('auth.login', { username: 'liu', password: PASSWORD });
  await rpc('items.register', emptyItemFields({ title: '关于道路改造的公告', documentNumber: '某政办发〔2026〕12号', issuer: '某某县人民政府办公室', department: '办公室', formedOn: '2026-11-20', category: '城乡建设' }));
  await rpc('auth.logout');
  // Eleven more accounts, so that the users list has a second page.
  await rpc('auth.login', { username: 'sysadm', password: PASSWORD });
  for (let i = 1; i <= 11; i++)
    await rpc('users.create', { username: `cz${String(i).padStart(2, '0')}`, displayName: `财政科${i}号`, department: '财政科', roles: ['handler'], initialPassword: 'Initial-Pass-1' });
  await rpc('auth.logout');
  await rpc('auth.login', { username: 'shenji', password: 'Initial-Pass-1' });
  await rpc('auth.changePassword', { oldPassword: 'Initial-Pass-1', newPassword: PASSWORD });
  await rpc('auth.logout');
});
test.afterAll(async () => {
  await host.stop();
});

async function loginAdmin(page: Page, username: string, displayName: string) {
  await page.goto(host.url);
  // The host keeps one session: the previous test's may still be open.
  const logout = page.getByRole('button', { name: '退出登录' });
  const name = page.getByLabel('用户名');
  await expect(logout.or(name)).toBeVisible();
  if (await logout.isVisible()) await logout.click();
  await name.fill(username);
  await page.getByLabel(/^密码/).fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toHaveText(displayName);
}

/** The host's fixed day (Beijing time): every entry of this run is dated on it. */
const today = () => E2E_TODAY;

test('the auditor filters, reads, verifies, countersigns, exports and prints', async ({ page }) => {
  await loginAdmin(page, 'shenji', '安全审计员');
  await page.getByRole('button', { name: '审计日志' }).click();
  const table = page.getByTestId('audit-table');
  await expect(table.locator('tbody tr').first()).toBeVisible();

  // By person, then by date: the filter goes into the address.
  await page.getByRole('combobox', { name: '操作人' }).click();
  await page.getByRole('option', { name: /刘承办/ }).click();
  await expect(page).toHaveURL(/who=/);
  await page.getByLabel('日期（起）').fill(today());
  await page.getByLabel('日期（起）').press('Enter');
  await expect(page).toHaveURL(new RegExp(`from=${today()}`));
  await page.getByLabel('日期（止）').fill(today());
  await page.getByLabel('日期（止）').press('Enter');
  await expect(page).toHaveURL(new RegExp(`to=${today()}`));
  await expect(page).toHaveURL(new RegExp(`from=${today()}`));
  await expect(page.getByTestId('list-total')).toHaveText(/共 [1-9]\d* 项/);
  await expect(table.locator('tbody tr', { hasText: '登记事项' })).toBeVisible();
  // The address changes before the filtered page arrives: wait for its rows, not the old ones.
  const actors = () => table.locator('tbody tr td:nth-child(3)').allTextContents();
  await expect.poll(async () => [...new Set(await actors())]).toEqual(['刘承办']);
  expect((await actors()).length).toBeGreaterThan(1);

  // An entry's details: the item's title as its subject, its recorded words, the full hash on demand.
  const registered = table.locator('tbody tr', { hasText: '登记事项' });
  await expect(registered).toContainText('关于道路改造的公告');
  await registered.click();
  const details = page.getByTestId('audit-entry');
  await expect(details).toContainText('承办人');
  await expect(details).toContainText('登记“关于道路改造的公告”');
  await details.getByRole('button', { name: '展开记录哈希' }).click();
  await expect(details.getByTestId('hash-full')).toHaveText(/^[0-9a-f]{64}$/);
  await page.keyboard.press('Escape');

  // Verification with its progress bar, then a checkpoint signed and printed.
  await page.getByRole('tab', { name: '验证与检查点' }).click();
  await page.getByRole('button', { name: '验证完整性' }).click();
  await expect(page.getByTestId('success')).toContainText('验证通过');
  await expect(page.getByRole('progressbar', { name: '验证进度' })).toHaveAttribute('aria-valuenow', '100');
  await page.getByRole('button', { name: '签署当前检查点' }).click();
  await expect(page.getByText(/已签署检查点 \d+:[0-9a-f]{64}，请打印留存/)).toBeVisible();
  const cps = page.getByTestId('checkpoints');
  await expect(cps.locator('tbody tr')).toHaveCount(1);
  await cps.getByRole('button', { name: '打印' }).click();
  await expect(page.getByTestId('print-preview')).toContainText('共 1 页');
  await page.keyboard.press('Escape');

  // A signed extract of the whole trail: two files, the JSON verifies, the CSV has Chinese headers and a BOM.
  await page.getByRole('tab', { name: '导出与打印' }).click();
  const downloads: Array<Promise<import('@playwright/test').Download>> = [page.waitForEvent('download'), page.waitForEvent('download', (d) => d.suggestedFilename().endsWith('.csv'))];
  await page.getByRole('button', { name: '导出签名摘录' }).click();
  const [json, csv] = await Promise.all(downloads);
  expect(json.suggestedFilename()).toMatch(/^审计记录-1-\d+\.json$/);
  const report = verifyExtract(readFileSync(await json.path(), 'utf8'));
  expect(report.problems).toEqual([]);
  expect(report.count).toBeGreaterThan(10);
  const csvText = readFileSync(await csv.path(), 'utf8');
  expect(csvText.startsWith('\uFEFF序号,时间,操作人,角色,操作,对象,内容,详情,哈希,签名密钥指纹\r\n')).toBe(true);
  expect(csvText).toContain('刘承办,承办人,登记事项,关于道路改造的公告');
  await expect(page.getByTestId('success')).toContainText('已导出第 1–');

  await page.getByRole('button', { name: '打印摘录' }).click();
  await expect(page.getByTestId('print-preview')).toBeVisible();
  await expect(page.getByTestId('print-preview')).toContainText(/共 \d+ 页/);
});

test('the system administrator pages and filters the users list', async ({ page }) => {
  await loginAdmin(page, 'sysadm', '系统管理员');
  await page.getByRole('button', { name: '用户管理' }).click();
  const table = page.getByTestId('users-table');
  await expect(page.getByTestId('list-total')).toHaveText('共 21 项');
  await expect(table.locator('tbody tr')).toHaveCount(20);
  await page.getByRole('button', { name: '第 2 页' }).click();
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(page).toHaveURL(/page=2/);

  await page.getByRole('combobox', { name: '角色' }).click();
  await page.getByRole('option', { name: '分管领导' }).click();
  await expect(page.getByTestId('list-total')).toHaveText('共 2 项');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(page).toHaveURL(/role=approver/);
  await expect(page).not.toHaveURL(/page=2/);
  await page.getByRole('button', { name: '清除筛选' }).click();

  await page.getByRole('combobox', { name: '部门' }).click();
  await page.getByRole('option', { name: '财政科' }).click();
  await expect(page.getByTestId('list-total')).toHaveText('共 11 项');
  await page.getByRole('textbox', { name: '姓名或账号' }).fill('财政科1');
  await page.getByRole('textbox', { name: '姓名或账号' }).press('Enter');
  await expect(page.getByTestId('list-total')).toHaveText('共 3 项'); // 1, 10, 11
  await page.getByRole('button', { name: '清除筛选' }).click();

  // Sorted by user name, descending: the server's order, in the address.
  await page.getByRole('button', { name: '用户名', exact: true }).click();
  await page.getByRole('button', { name: '用户名', exact: true }).click();
  await expect(page).toHaveURL(/dir=desc/);
  await expect(page.getByRole('columnheader', { name: '用户名' })).toHaveAttribute('aria-sort', 'descending');
  await expect(table.locator('tbody tr').first()).toHaveAttribute('data-username', 'zhou');
  const names = await table.locator('tbody tr td:first-child').allTextContents();
  expect(names).toEqual([...names].sort().reverse());
});
