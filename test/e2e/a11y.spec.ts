import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { docx, xlsx } from '../helpers/fixtures';
import { residentId } from '../helpers/synthetic';
import { axeViolations } from './axe';
import { startHost } from './host';
import { loginAs, openItem, PASSWORD, register, seed, sign } from './workflow';

// Every page of the app, checked by axe-core in the browser: no serious or critical
// violation anywhere. The findings of one run are listed page by page, so that a
// failure says where to look; MISHEN_A11Y_REPORT names a file (outside the repository)
// to write them to as JSON, MISHEN_A11Y_SHOTS a folder for a screenshot of each page.

const found: Array<{ page: string; rule: string; impact: string; help: string; targets: string[] }> = [];

let host: Awaited<ReturnType<typeof startHost>>;
let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mishen-e2e-a11y-'));
});
test.afterAll(async () => {
  await host?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function check(page: Page, name: string): Promise<void> {
  // axeViolations lets loaders finish and transitions settle; the screenshot waits with it.
  await expect(page.locator('.mantine-Loader-root')).toHaveCount(0);
  const shots = process.env['MISHEN_A11Y_SHOTS'];
  if (shots) await page.screenshot({ path: join(shots, `${String(found.length).padStart(3, '0')}-${name}.png`), fullPage: true });
  const violations = await axeViolations(page);
  for (const v of violations)
    if (v.impact === 'serious' || v.impact === 'critical')
      found.push({ page: name, rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}  ${n.html.slice(0, 160)}`) });
  // Written as it goes: a run that stops half way still says what it saw.
  const report = process.env['MISHEN_A11Y_REPORT'];
  if (report) writeFileSync(report, JSON.stringify(found, null, 2));
}

async function go(page: Page, hash: string, name: string): Promise<void> {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await expect(page.locator('main')).toBeVisible();
  await check(page, name);
}

/** The seed leaves the auditor with the initial password: the first login must change it. */
async function loginAdmin(page: Page, username: string, displayName: string, first = false): Promise<void> {
  const logout = page.getByRole('button', { name: '退出登录' });
  await expect(logout.or(page.getByLabel('用户名'))).toBeVisible();
  if (await logout.isVisible()) await logout.click();
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel(/^密码/).fill(first ? 'Initial-Pass-1' : PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  if (first) {
    await expect(page.getByLabel('原密码')).toBeVisible();
    await check(page, '首次登录修改密码');
    await page.getByLabel('原密码').fill('Initial-Pass-1');
    await page.getByLabel(/^新密码/).fill(PASSWORD);
    await page.getByLabel('确认新密码').fill(PASSWORD);
    await page.getByRole('button', { name: '修改密码' }).click();
  }
  await expect(page.getByTestId('current-user')).toHaveText(displayName);
}

test('no serious or critical accessibility violation on any page', async ({ page, request }) => {
  test.setTimeout(600_000);
  host = await startHost();
  await page.goto(host.url);

  // First run: the setup wizard, both steps.
  await expect(page.getByLabel('单位名称')).toBeVisible();
  await check(page, '首次设置（单位）');
  await page.getByLabel('单位名称').fill('某某县人民政府办公室');
  await page.getByLabel(/单位简称/).fill('MMXGOV');
  await page.getByRole('button', { name: '下一步' }).click();
  await check(page, '首次设置（三员）');

  await seed(request, host.url, 'taierzhuang');
  await page.goto(host.url);
  await expect(page.getByLabel('用户名')).toBeVisible();
  await check(page, '登录');

  // The handler: lists, registration, an item with its files, letters and records.
  await loginAs(page, 'liu');
  await check(page, '待办事项（承办人）');
  await go(page, '#/home', '工作台（承办人）');
  await go(page, '#/register', '登记拟公开信息');
  await go(page, '#/inbox', '待办事项（承办人）');
  const title = '关于2026年度补贴发放情况的公示';
  await register(page, title);
  const word = join(dir, '名单.docx');
  writeFileSync(word, docx({ body: ['2026年度补贴发放名单', '申请人：王小明'], hidden: `身份证号码 ${residentId('420106', '19830909', '515')}`, comment: { author: '审稿人', text: '请核实' } }));
  const sheet = join(dir, '明细.xlsx');
  writeFileSync(sheet, xlsx([
      { name: '明细', cells: [['A1', '姓名', 's'], ['B1', '电话', 's'], ['A2', '张小明', 's'], ['B2', '13912345678', 's']], hiddenRows: [2], note: { ref: 'B2', author: '审稿人', text: '请核实' } },
      { name: '备用', state: 'hidden', cells: [['A1', '13812345671', 's']] },
    ]));
  for (const f of [word, sheet]) {
    await page.locator('[data-testid="documents"] input[type="file"]').setInputFiles(f);
    await expect(page.getByTestId('documents').locator(`tr[data-document="${f.split('/').pop()}"]`)).toBeVisible();
  }
  await check(page, '事项（承办人，载体文件 docx）');
  await page.getByTestId('documents').locator('tr[data-document="明细.xlsx"]').getByRole('button').first().click();
  await check(page, '事项（承办人，载体文件 xlsx）');
  await page.getByRole('button', { name: '打印' }).click();
  await check(page, '事项：打印对话框');
  await page.keyboard.press('Escape');
  await sign(page, '填写《信息发布保密审查表》', '报保密审查工作机构审查');
  await go(page, '#/password', '修改密码');
  await go(page, '#/about', '关于');
  await go(page, '#/search?q=补贴', '搜索');
  await go(page, '#/no/such/page', '找不到页面');

  // The reviewer: the item with the findings to decide, the shortcuts, the public version.
  await loginAs(page, 'zhao');
  await openItem(page, title);
  await check(page, '事项（保密审查机构）');
  await page.keyboard.press('?');
  await check(page, '事项：快捷键说明');
  await page.keyboard.press('Escape');
  await page.keyboard.press('j');
  await page.keyboard.press('n');
  await check(page, '事项：排除理由对话框');
  await page.keyboard.press('Escape');
  for (const kind of ['ID_CARD', 'PERSON_NAME', 'MOBILE'])
    if (await page.getByTestId(`bulk-${kind}`).count()) await page.getByTestId(`bulk-${kind}`).getByRole('button', { name: /全部确认/ }).click();
  await page.getByTestId('public-versions').getByRole('button', { name: '制作公开版本' }).first().click();
  await expect(page.getByTestId('proof').first()).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('public-versions').getByRole('button', { name: '对照查看' }).first().click();
  await check(page, '事项：公开版本对照');
  await go(page, '#/catalogue', '公开目录（保密审查机构）');

  // The other business roles.
  await loginAs(page, 'wu');
  await go(page, '#/publication', '发布');
  await go(page, '#/catalogue', '公开目录');
  await loginAs(page, 'zhou');
  await check(page, '待办事项（保密工作部门）');

  // The three administrators.
  await loginAdmin(page, 'sysadm', '系统管理员');
  await check(page, '工作台（系统管理员）');
  await go(page, '#/users', '用户管理');
  await go(page, '#/calendar', '工作日历');
  await loginAdmin(page, 'secadm', '安全保密管理员');
  await go(page, '#/profiles', '审查流程');
  await go(page, '#/policy', '安全策略');
  await go(page, '#/bases', '审查依据');
  await loginAdmin(page, 'shenji', '安全审计员', true);
  await go(page, '#/audit', '审计日志');
  await page.getByRole('button', { name: '锁定' }).click();
  await expect(page.getByRole('heading', { name: '会话已锁定' })).toBeVisible();
  await check(page, '锁定');

  expect(found.map((f) => `${f.page}：${f.rule}（${f.impact}）${f.help}\n    ${f.targets.join('\n    ')}`).join('\n')).toBe('');
});
