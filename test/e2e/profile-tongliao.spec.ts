import { expect, test } from '@playwright/test';
import { startHost, watchNetwork } from './host';
import { expectOpinionWords, loginAs, openItem, register, seed, sign } from './workflow';

let host: Awaited<ReturnType<typeof startHost>>;
test.beforeAll(async ({ request }) => {
  host = await startHost();
  await seed(request, host.url, 'tongliao');
});
test.afterAll(async () => host.stop());

test('通辽: 初审 → 复审 → 审批, in its own words, to publication and the catalogue', async ({ page, context }) => {
  const foreign = watchNetwork(context);
  await page.goto(host.url);
  await loginAs(page, 'liu');
  await register(page, '关于城区道路改造工程的公告');
  await expect(page.getByText('主动公开的政府信息是否涉及国家秘密、商业秘密和个人隐私', { exact: false })).toBeVisible();
  await expectOpinionWords(page, ['主动公开', '依申请公开', '部分公开', '不予公开', '暂缓公开']);
  await sign(page, '初审', '主动公开');

  await loginAs(page, 'zhao');
  await openItem(page, '关于城区道路改造工程的公告');
  await expectOpinionWords(page, ['主动公开', '依申请公开', '部分公开', '不予公开', '暂缓公开', '需报审']);
  await sign(page, '复审', '主动公开');

  await loginAs(page, 'sun');
  await openItem(page, '关于城区道路改造工程的公告');
  await expectOpinionWords(page, ['同意', '不同意']);
  await sign(page, '审批', '同意');
  await expect(page.getByTestId('item-status')).toHaveText('已批准公开');
  await expect(page.getByTestId('opinions-table')).toContainText('复审审查人：赵审查');
  await expect(page.getByTestId('signature').first()).toHaveText('签名有效');
  await page.getByText('公开目录', { exact: true }).click();
  await expect(page.getByRole('cell', { name: '关于城区道路改造工程的公告', exact: true })).toBeVisible();
  expect(foreign).toEqual([]);
});
