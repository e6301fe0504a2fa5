import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { emptyItemFields } from '../../shared/schemas';
import { axeSerious } from './axe';
import { startHost } from './host';
import { loginAs, PASSWORD, seed } from './workflow';

// The desk's lists through the browser host: 30 items registered through the host's IPC,
// then paging, sorting, filters kept in the route (reload, back), Enter on a row, the
// header's search for a 2- and a 4-character Chinese query, and the start page's figures.

let host: Awaited<ReturnType<typeof startHost>>;

interface Seeded {
  title: string;
  formedOn: string;
}
const ITEMS: Seeded[] = [
  ...Array.from({ length: 12 }, (_, i) => ({ title: `关于第${i + 1}批城区道路改造的公告`, formedOn: `2026-0${(i % 9) + 1}-1${i % 10}` })),
  ...Array.from({ length: 8 }, (_, i) => ({ title: `第${i + 1}批低保对象公示`, formedOn: `2026-0${(i % 4) + 3}-0${i + 1}` })),
  ...Array.from({ length: 10 }, (_, i) => ({ title: `关于疫情防控工作安排的通知（${i + 1}）`, formedOn: `2026-10-${10 + i}` })),
];
/** Approved for publication (so catalogued), not in anyone's inbox. */
const APPROVED = [
  { title: '城乡规划公告第1号', formedOn: '2026-02-03', category: '城乡建设' },
  { title: '城乡规划公告第2号', formedOn: '2026-06-15', category: '社会救助' },
  { title: '城乡规划公告第3号', formedOn: '2026-08-20', category: '城乡建设' },
];
const ALL_TITLES = [...ITEMS, ...APPROVED].map((i) => i.title);
const inRange = (from: string, to: string) => ITEMS.filter((i) => i.formedOn >= from && i.formedOn <= to);

async function rpcAs(request: APIRequestContext, url: string) {
  const origin = new URL(url).origin;
  const token = new URL(url).searchParams.get('token')!;
  return async (channel: string, input?: unknown) => {
    const res = await request.post(`${origin}/ipc/${channel}`, { data: { input }, headers: { 'x-mishen-token': token } });
    const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
    return body.value;
  };
}

test.beforeAll(async ({ request }) => {
  host = await startHost();
  await seed(request, host.url, 'tongliao');
  const rpc = await rpcAs(request, host.url);
  await rpc('mishen:auth.login', { username: 'liu', password: PASSWORD });
  let n = 0;
  for (const it of ITEMS)
    await rpc(
      'mishen:items.register',
      emptyItemFields({ title: it.title, formedOn: it.formedOn, documentNumber: `某政办发〔2026〕${++n}号`, issuer: '某某县人民政府办公室', department: '办公室', category: '城乡建设', summary: '按年度计划办理。' }),
    );
  // 初审 and 复审 propose 主动公开, 审批 agrees: the item is approved and catalogued.
  const ids: string[] = [];
  for (const it of APPROVED) {
    const item = (await rpc(
      'mishen:items.register',
      emptyItemFields({ title: it.title, formedOn: it.formedOn, documentNumber: `某规发〔2026〕${++n}号`, issuer: '某某县人民政府办公室', department: '办公室', category: it.category, keywords: ['规划'], summary: '规划公告。' }),
    )) as { id: string };
    ids.push(item.id);
  }
  const signAll = async (username: string, opinionId: string) => {
    await rpc('mishen:auth.logout');
    await rpc('mishen:auth.login', { username, password: PASSWORD });
    for (const itemId of ids) {
      const detail = (await rpc('mishen:items.get', { itemId })) as { currentStepId: string };
      await rpc('mishen:items.submitOpinion', { itemId, stepId: detail.currentStepId, opinionId, grounds: [], bases: [], reason: '' });
    }
  };
  await signAll('liu', 'active');
  await signAll('zhao', 'active');
  await signAll('sun', 'approve');
  await rpc('mishen:auth.logout');
});
test.afterAll(async () => host.stop());

/** Screenshots for a person to look at, only when asked for (MISHEN_SHOTS=<folder outside the repo>). */
const shot = async (page: Page, name: string) => {
  const dir = process.env['MISHEN_SHOTS'];
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
};


const rows = (page: Page) => page.getByTestId('items-table').locator('tbody tr[data-title]');
const total = (page: Page) => page.getByTestId('list-total');
const titles = async (page: Page) => (await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-title')))) as string[];

test('the item list pages, sorts and filters on the server, and the route keeps the filter', async ({ page }) => {
  await page.goto(host.url);
  await loginAs(page, 'liu');
  await page.getByRole('button', { name: '待办事项' }).click();
  await expect(page.getByRole('heading', { name: '待办' })).toBeVisible();
  await expect(total(page)).toHaveText('共 30 项');
  await expect(rows(page)).toHaveCount(20);
  await page.getByRole('button', { name: '第 2 页' }).click();
  await expect(rows(page)).toHaveCount(10);
  expect(page.url()).toContain('page=2');

  // Sorting by title, ascending then descending, over all 30 items.
  await page.locator('.mantine-SegmentedControl-root').getByText('全部', { exact: true }).click();
  await expect(total(page)).toHaveText(`共 ${ALL_TITLES.length} 项`);
  await page.getByRole('button', { name: /^信息名称/ }).click();
  const sorted = [...ALL_TITLES].sort();
  await expect.poll(() => titles(page)).toEqual(sorted.slice(0, 20));
  await page.getByRole('button', { name: /^信息名称/ }).click();
  await expect.poll(() => titles(page)).toEqual([...sorted].reverse().slice(0, 20));
  expect(page.url()).toMatch(/sort=title/);
  expect(page.url()).toMatch(/dir=desc/);

  // Status, one and then two of them.
  await page.getByRole('combobox', { name: '状态', exact: true }).click();
  await page.getByRole('option', { name: '已撤回' }).click();
  await expect(total(page)).toHaveText('共 0 项');
  await expect(page.getByText('没有符合筛选条件的事项')).toBeVisible();
  await page.getByRole('option', { name: '已批准公开' }).click();
  await page.keyboard.press('Escape');
  await expect(total(page)).toHaveText(`共 ${APPROVED.length} 项`);
  expect((await titles(page)).sort()).toEqual(APPROVED.map((a) => a.title).sort());
  await page.getByRole('button', { name: '清除筛选' }).click();
  await expect(total(page)).toHaveText(`共 ${ALL_TITLES.length} 项`);

  // Text, then a 成文日期 range on top of it.
  await page.getByLabel('查找').fill('低保');
  await page.getByLabel('查找').press('Enter');
  await expect(total(page)).toHaveText('共 8 项');
  for (const t of await titles(page)) expect(t).toContain('低保');
  const [from, to] = ['2026-03-01', '2026-04-30'];
  const expected = inRange(from, to).filter((i) => i.title.includes('低保')).length;
  await page.getByLabel('成文日期（起）').fill(from);
  await page.getByLabel('成文日期（止）').fill(to);
  await page.getByLabel('成文日期（止）').press('Tab');
  await expect(total(page)).toHaveText(`共 ${expected} 项`);
  expect(page.url()).toContain(`from=${from}`);
  await shot(page, 'items-filtered');
  expect(await axeSerious(page, { contrast: false })).toEqual([]);

  // Reload keeps everything; back undoes the last filter; a copied address opens the same view.
  await page.reload();
  await expect(total(page)).toHaveText(`共 ${expected} 项`);
  await expect(page.getByLabel('查找')).toHaveValue('低保');
  const shared = page.url();
  await page.goBack();
  await expect(total(page)).not.toHaveText(`共 ${expected} 项`);
  await page.goBack();
  await expect(total(page)).toHaveText('共 8 项');
  await page.goto(shared);
  await expect(total(page)).toHaveText(`共 ${expected} 项`);

  // The keyboard opens a row with Enter.
  const first = rows(page).first();
  const title = (await first.getAttribute('data-title'))!;
  await first.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('item-title')).toHaveText(title);
  await page.goBack();
  await expect(total(page)).toHaveText(`共 ${expected} 项`);
});

test('the search box finds items by a 2- and a 4-character Chinese query, and only those', async ({ page }) => {
  await page.goto(host.url);
  await loginAs(page, 'liu');
  const box = page.getByRole('textbox', { name: '搜索事项' });
  const hits = page.getByTestId('search-results').locator('tbody tr[data-title]');

  await box.fill('低保');
  await box.press('Enter');
  await expect(page.getByRole('heading', { name: '搜索' })).toBeVisible();
  await expect(page.getByTestId('list-total')).toHaveText('共 8 项');
  for (const t of (await hits.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-title')))) as string[]) expect(t).toContain('低保');
  await expect(page.getByTestId('search-results').locator('mark').first()).toHaveText('低保');

  await box.fill('城区道路');
  await box.press('Enter');
  await expect(page.getByTestId('list-total')).toHaveText('共 12 项');
  const found = (await hits.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-title')))) as string[];
  expect(found.length).toBe(12);
  for (const t of found) expect(t).toContain('城区道路');
  await expect(page.getByTestId('search-results').locator('mark').first()).toHaveText('城区道路');
  await shot(page, 'search');
  expect(await axeSerious(page, { contrast: false })).toEqual([]);

  await box.fill('不存在的内容');
  await box.press('Enter');
  await expect(page.getByText('没有找到含有“不存在的内容”的事项')).toBeVisible();

  // Enter on a hit opens the item.
  await page.goBack();
  await expect(page.getByTestId('list-total')).toHaveText('共 12 项');
  await hits.first().focus();
  const title = (await hits.first().getAttribute('data-title'))!;
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('item-title')).toHaveText(title);
});

test('the catalogue pages, filters and sorts on the server, with the filter in the route', async ({ page }) => {
  await page.goto(host.url);
  await loginAs(page, 'liu');
  await page.getByRole('button', { name: '公开目录' }).click();
  const entries = page.getByTestId('catalogue-table').locator('tbody tr[data-title]');
  await expect(total(page)).toHaveText(`共 ${APPROVED.length} 项`);
  // Newest 生成日期 first by default.
  await expect(entries.first()).toHaveAttribute('data-title', '城乡规划公告第3号');
  await page.getByRole('button', { name: /^信息名称/ }).click();
  await expect(entries.first()).toHaveAttribute('data-title', '城乡规划公告第1号');
  await page.getByRole('combobox', { name: '分类', exact: true }).click();
  await page.getByRole('option', { name: '社会救助' }).click();
  await expect(total(page)).toHaveText('共 1 项');
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toHaveAttribute('data-title', '城乡规划公告第2号');
  await page.reload();
  await expect(total(page)).toHaveText('共 1 项');
  await page.getByRole('button', { name: '清除筛选' }).click();
  await page.getByLabel('生成日期（起）').fill('2026-06-01');
  await page.getByLabel('生成日期（起）').press('Tab');
  await expect(total(page)).toHaveText('共 2 项');
  await page.getByLabel('查找').fill('第3号');
  await page.getByLabel('查找').press('Enter');
  await expect(total(page)).toHaveText('共 1 项');
  await page.goBack();
  await expect(total(page)).toHaveText('共 2 项');
  expect(await axeSerious(page, { contrast: false })).toEqual([]);
  // Chosen rows feed the printed sheet.
  await page.getByRole('checkbox', { name: '选择“城乡规划公告第2号”' }).check();
  await expect(page.getByRole('button', { name: /^打印信息发布保密审查表/ })).toHaveText('打印信息发布保密审查表（1 项）');
});

test('the start page shows what waits for the user, with the figures by status', async ({ page }) => {
  await page.goto(host.url);
  await loginAs(page, 'liu');
  await page.getByRole('button', { name: '工作台' }).click();
  await expect(page.getByTestId('stat-mine')).toHaveText('30');
  await expect(page.getByTestId('desk-inbox').locator('tr[data-title]')).toHaveCount(5);
  await expect(page.getByTestId('chart-status-figures')).toHaveText(`审查中 30 项；已批准公开 ${APPROVED.length} 项`);
  // The approved items went through every step: the average days per step are charted, with the figures as text.
  await expect(page.getByTestId('chart-steps-figures')).toContainText('天');
  await shot(page, 'desk');
  expect(await axeSerious(page, { contrast: false })).toEqual([]);
  // The overdue figure opens the list it counts.
  const overdue = (await page.getByTestId('stat-overdue').textContent())!;
  await page.getByTestId('stat-overdue').click();
  await expect(page.getByRole('heading', { name: '全部事项' })).toBeVisible();
  await expect(page.getByTestId('list-total')).toHaveText(`共 ${overdue} 项`);
  expect(page.url()).toContain('overdue=1');

  // 三员 read no items: their start page keeps its duties and shows no item figures.
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByLabel('用户名').fill('sysadm');
  await page.getByLabel(/^密码/).fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('current-user')).toHaveText('系统管理员');
  await page.getByRole('button', { name: '工作台' }).click();
  await expect(page.getByText('创建、修改和停用用户账号')).toBeVisible();
  await expect(page.getByTestId('stat-mine')).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: '搜索事项' })).toHaveCount(0);
});
