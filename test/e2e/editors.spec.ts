import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { emptyItemFields } from '../../shared/schemas';
import { axeSerious } from './axe';
import { startHost } from './host';
import { loginAs, PASSWORD, seed } from './workflow';

// The procedure editor and the calendar editor through the browser host: a copy of 通辽
// gets a longer first step and another signer through the form, shows its diff, is saved
// and chosen; an item registered under it runs into 2027, which the calendar does not
// cover until the 系统管理员 enters 2027 in the grid — the preview shows that deadline
// moving, and the saved year exports and imports again as the same file.

let host: Awaited<ReturnType<typeof startHost>>;
let dir: string;
test.beforeAll(async ({ request }) => {
  dir = mkdtempSync(join(tmpdir(), 'mishen-e2e-editors-'));
  host = await startHost();
  await seed(request, host.url, 'tongliao');
});
test.afterAll(async () => {
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The seed names its administrators by role; loginAs knows the business staff's names. */
async function loginAdmin(page: Page, username: string, displayName: string): Promise<void> {
  const logout = page.getByRole('button', { name: '退出登录' });
  const name = page.getByLabel('用户名');
  await expect(logout.or(name)).toBeVisible();
  if (await logout.isVisible()) await logout.click();
  await name.fill(username);
  await page.getByLabel(/^密码/).fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toHaveText(displayName);
}

const TITLE = '关于试行新审查流程的通知';


/** Opens the item by its route: the inbox list is not what this test is about. */
async function openById(page: Page, id: string): Promise<void> {
  await expect(page.getByRole('button', { name: '待办事项', exact: true })).toBeVisible();
  await page.evaluate((route) => (window.location.hash = route), `#/items/${id}`);
  await expect(page.getByTestId('item-title')).toHaveText(TITLE);
}

/** The item is registered through the host's IPC endpoint: this test is about the editors, not registration. */
async function registerItem(request: APIRequestContext): Promise<string> {
  const origin = new URL(host.url).origin;
  const headers = { 'x-mishen-token': new URL(host.url).searchParams.get('token')! };
  const rpc = async (channel: string, input?: unknown) => {
    const body = (await (await request.post(`${origin}/ipc/mishen:${channel}`, { data: { input }, headers })).json()) as { ok: boolean; value?: { id: string } };
    expect(body.ok).toBe(true);
    return body.value;
  };
  await rpc('auth.logout');
  await rpc('auth.login', { username: 'liu', password: PASSWORD });
  const fields = { title: TITLE, documentNumber: '某政办发〔2026〕30号', issuer: '某某县人民政府办公室', department: '办公室', formedOn: '2026-11-20', category: '综合政务' };
  const item = await rpc('items.register', emptyItemFields(fields));
  await rpc('auth.logout');
  return item!.id;
}

test('edit a procedure in the form, see the diff, save and choose it; then enter 2027 in the calendar grid', async ({ page, request }) => {
  await page.goto(host.url);
  await loginAdmin(page, 'secadm', '安全保密管理员');
  await page.getByRole('button', { name: '审查流程', exact: true }).click();
  await page.getByTestId('profile-tongliao-2').getByRole('button', { name: '复制并编辑' }).click();
  const editor = page.getByTestId('profile-editor');
  expect(await axeSerious(page, { contrast: false })).toEqual([]);

  // A field error, in Chinese, next to its field.
  const signer = editor.getByTestId('step-1').getByLabel('签署人');
  await signer.fill('');
  await signer.blur();
  await expect(editor.getByTestId('step-1')).toContainText('请填写签署人');
  await signer.fill('分管领导');
  await editor.getByTestId('step-0').getByLabel(/^办理期限/).fill('60');

  // The advanced tab holds the same values; broken JSON is reported by its line.
  await editor.getByRole('tab', { name: '高级' }).click();
  const json = editor.getByLabel('流程配置');
  await expect(json).toHaveValue(/"limitDays": 60/);
  const text = await json.inputValue();
  await json.fill(text.replace('"name": "初审"', '"name": "初审",,'));
  await expect(editor).toContainText(/JSON 格式有误：第 \d+ 行/);
  await json.fill(text);

  await editor.getByRole('tab', { name: /与原版本对比/ }).click();
  const diff = editor.getByTestId('profile-diff');
  await expect(diff).toContainText('第1步 办理期限：（无） → 60 个工作日');
  await expect(diff).toContainText('第2步 签署人：复审审查人 → 分管领导');
  await editor.getByRole('button', { name: '保存为新版本' }).click();
  await expect(page.getByTestId('success')).toHaveText('已保存“通辽市政府信息公开保密审查制度”第 1 版，选用后生效');
  await page.getByTestId('profile-tongliao-custom1-1').getByRole('button', { name: '选用' }).click();
  await expect(page.getByTestId('success')).toHaveText('本单位现行审查流程：通辽市政府信息公开保密审查制度（第 1 版）');
  await expect(page.getByTestId('profile-tongliao-custom1-1')).toContainText('本单位现行');
  await page.getByTestId('profile-tongliao-custom1-1').getByRole('button', { name: '与复制来源对比' }).click();
  await expect(page.getByTestId('base-diff')).toContainText('第2步 签署人：复审审查人 → 分管领导');

  // A trial copy that no item used can be deleted (the first click asks).
  await page.getByTestId('profile-yongji-2').getByRole('button', { name: '复制并编辑' }).click();
  await editor.getByRole('button', { name: '保存为新版本' }).click();
  const trial = page.getByTestId('profile-yongji-custom1-1');
  await trial.getByRole('button', { name: '删除' }).click();
  await trial.getByRole('button', { name: '确认删除（不能恢复）' }).click();
  await expect(page.getByTestId('success')).toHaveText(/^已删除“.+”第 1 版$/);
  await expect(trial).toHaveCount(0);

  // Sixty working days from today run past the end of the known calendar.
  const itemId = await registerItem(request);
  await page.reload();
  await loginAs(page, 'liu');
  await openById(page, itemId);
  await expect(page.getByTestId('item-title')).toHaveText(TITLE);
  await expect(page.getByTestId('deadline').filter({ hasText: '初审' })).toContainText('日历未覆盖');

  await loginAdmin(page, 'sysadm', '系统管理员');
  await page.getByRole('button', { name: '工作日历', exact: true }).click();
  await expect(page.getByTestId('calendar-uncovered')).toHaveText('2027-01-01 起的期限未覆盖：请录入国务院办公厅公布的 2027 年放假安排');
  expect(await axeSerious(page, { contrast: false })).toEqual([]);
  const grid = page.getByTestId('year-grid');
  for (const d of ['2027-01-01', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12', '2027-10-01']) await grid.locator(`[data-date="${d}"]`).click();
  const saturday = grid.locator('[data-date="2027-02-06"]');
  await saturday.click();
  await saturday.click();
  await expect(saturday).toHaveAttribute('data-state', 'makeup');
  await expect(grid.locator('[data-date="2027-02-08"]')).toHaveAttribute('aria-label', '2027 年 2 月 8 日 节假日');
  await page.getByLabel('通知文号').fill('国办发明电〔2026〕99号');
  await page.getByLabel('通知发布日期').fill('2026-11-10');
  await page.getByRole('button', { name: '查看变化' }).click();
  const moved = page.getByTestId('moved-deadlines');
  await expect(moved).toContainText('“初审”办理期限（60 个工作日）');
  await expect(moved.getByRole('row').filter({ hasText: '初审' })).toContainText(/日历未覆盖\s*2027-\d\d-\d\d/);
  await page.getByRole('button', { name: '确认保存' }).click();
  await expect(page.getByTestId('success')).toHaveText('已保存 2027 年工作日历');
  await expect(page.getByTestId('calendar-uncovered')).toHaveText('2028-01-01 起的期限未覆盖：请录入国务院办公厅公布的 2028 年放假安排');

  // Export, then import the same file: nothing changes and nothing moves.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 2027 年日历文件' }).click();
  const file = join(dir, '工作日历-2027.json');
  await (await download).saveAs(file);
  const exported = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  expect(exported).toMatchObject({ format: 'mishen-calendar/1', year: 2027, noticeNumber: '国办发明电〔2026〕99号', noticeDate: '2026-11-10', workdays: ['2027-02-06'] });
  expect(exported['holidays']).toContain('2027-02-10');
  await page.locator('input[type="file"]').setInputFiles(file);
  await expect(page.getByTestId('calendar-changes')).toHaveText('0');
  await expect(page.getByTestId('calendar-moved')).toHaveText('0');
  await page.getByRole('button', { name: '确认保存' }).click();
  await expect(page.getByTestId('success')).toHaveText('已保存 2027 年工作日历');

  await loginAs(page, 'liu');
  await openById(page, itemId);
  await expect(page.getByTestId('item-title')).toHaveText(TITLE);
  await expect(page.getByTestId('deadline').filter({ hasText: '初审' })).toContainText(/期限 2027-/);
});
