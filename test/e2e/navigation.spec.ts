import { expect, test } from '@playwright/test';
import { startHost } from './host';
import { loginAs, PASSWORD, register, seed } from './workflow';

// Navigation by route: a deep link to an item survives the login, back and forward
// move between list and item, unknown routes say so; form errors sit next to their
// field in Chinese and never show a schema key.

let host: Awaited<ReturnType<typeof startHost>>;
test.beforeAll(async ({ request }) => {
  host = await startHost();
  await seed(request, host.url, 'tongliao');
});
test.afterAll(async () => host.stop());

test('a deep link opens the item after login; back and forward move between list and item; an unknown route says so', async ({ page }) => {
  const title = '关于城区道路改造工程的公告';
  await page.goto(host.url);
  await loginAs(page, 'liu');
  await register(page, title);
  const itemUrl = page.url();
  expect(itemUrl).toMatch(/#\/items\/[0-9a-f-]{36}$/);
  await page.getByRole('button', { name: '退出登录' }).click();

  // Typed before login: the link is kept through the login screen.
  await page.goto(itemUrl);
  await page.getByLabel('用户名').fill('liu');
  await page.getByLabel(/^密码/).fill(PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('item-title')).toHaveText(title);

  await page.getByRole('button', { name: '待办事项' }).click();
  await page.locator('.mantine-SegmentedControl-root').getByText('全部', { exact: true }).click();
  await page.locator(`tr[data-title="${title}"]`).click();
  await expect(page.getByTestId('item-title')).toHaveText(title);
  await page.goBack();
  await expect(page.locator(`tr[data-title="${title}"]`)).toBeVisible();
  expect(page.url()).toContain('view=all');
  await page.goForward();
  await expect(page.getByTestId('item-title')).toHaveText(title);

  await page.goto(itemUrl.replace(/#\/.*$/, '#/no/such/page'));
  await expect(page.getByRole('heading', { name: '找不到该页面' })).toBeVisible();
  await page.getByRole('button', { name: '返回首页' }).click();
  await expect(page.getByRole('heading', { name: '待办' })).toBeVisible();
});

test('form errors are Chinese, next to their field, and never name a schema key', async ({ page }) => {
  await page.goto(host.url);
  await loginAs(page, 'liu');
  await page.getByRole('button', { name: '登记拟公开信息' }).click();
  await page.getByRole('button', { name: '登记', exact: true }).click();
  const title = page.getByLabel('信息名称');
  await expect(page.getByText('请填写信息名称')).toBeVisible();
  // The message belongs to the field: the input points at it.
  const describedBy = (await title.getAttribute('aria-describedby'))!.split(' ');
  const messages = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
  expect(messages).toContain('请填写信息名称');
  await page.getByLabel('内容摘要').fill('长'.repeat(2001));
  await page.getByLabel('内容摘要').blur();
  await expect(page.getByText('内容摘要不得超过 2000 个字')).toBeVisible();
  const text = await page.locator('main').innerText();
  for (const key of ['title', 'summary', 'formedOn', 'issuer', 'Too big', 'Invalid', 'expected']) expect(text).not.toContain(key);

  // The date is picked in a Chinese DateInput and reaches the item as YYYY-MM-DD.
  await page.getByLabel('信息名称').fill('关于日期选择的测试');
  await page.getByLabel('内容摘要').fill('摘要');
  await page.getByLabel(/发布机构/).fill('某某县人民政府办公室');
  await page.getByLabel('形成或变更日期').fill('2026-11-18');
  await page.getByRole('button', { name: '登记', exact: true }).click();
  await expect(page.getByTestId('item-title')).toHaveText('关于日期选择的测试');
  await expect(page.getByText('2026-11-18')).toBeVisible();
});

test('the opinion being written survives a lock, and the page comes back as it was', async ({ page }) => {
  await page.goto(host.url);
  await loginAs(page, 'liu');
  await register(page, '关于锁屏的测试');
  await page.getByTestId('step-panel').getByRole('radio', { name: '不予公开', exact: true }).check();
  await page.getByLabel(/^理由/).fill('附件含有个人身份信息，正在写的理由');
  await page.getByRole('button', { name: '锁定' }).click();
  await expect(page.getByRole('heading', { name: '会话已锁定' })).toBeVisible();
  await expect(page.getByText('正在写的理由')).toHaveCount(0);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByTestId('item-title')).toHaveText('关于锁屏的测试');
  await expect(page.getByLabel(/^理由/)).toHaveValue('附件含有个人身份信息，正在写的理由');
  await expect(page.getByTestId('step-panel').getByRole('radio', { name: '不予公开', exact: true })).toBeChecked();
});
