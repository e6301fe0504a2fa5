import { expect, test } from '@playwright/test';
import { startHost } from './host';
import { expectOpinionWords, loginAs, openItem, register, seed, sign } from './workflow';

let host: Awaited<ReturnType<typeof startHost>>;
test.beforeAll(async ({ request }) => {
  host = await startHost();
  await seed(request, host.url, 'taierzhuang');
});
test.afterAll(async () => host.stop());

test('台儿庄: the leader’s 不同意 sends it back to the review office, which reviews again', async ({ page }) => {
  const title = '台儿庄区2026年度惠民补贴发放情况';
  await page.goto(host.url);
  await loginAs(page, 'liu');
  await register(page, title);
  await expectOpinionWords(page, ['报保密审查工作机构审查']);
  await sign(page, '填写《信息发布保密审查表》', '报保密审查工作机构审查');

  await loginAs(page, 'zhao');
  await openItem(page, title);
  await expect(page.getByTestId('deadline').filter({ hasText: /期限|超期/ }).first()).toBeVisible();
  await expectOpinionWords(page, ['同意公开', '非密处理后同意公开', '不同意公开', '申报确定']);
  await sign(page, '保密审查', '同意公开');

  await loginAs(page, 'sun');
  await openItem(page, title);
  await expectOpinionWords(page, ['同意', '不同意']);
  await sign(page, '主管领导批准', '不同意', { reason: '名单中含有未脱敏的个人信息，请重新审查' });
  await expect(page.getByTestId('step-name')).toHaveText('保密审查');

  await loginAs(page, 'zhao');
  await openItem(page, title);
  await sign(page, '保密审查', '同意公开');
  await loginAs(page, 'sun');
  await openItem(page, title);
  await sign(page, '主管领导批准', '同意');
  await expect(page.getByTestId('item-status')).toHaveText('已批准公开');
  const table = page.getByTestId('opinions-table');
  await expect(table.getByRole('row')).toHaveCount(6); // header + 5 signatures over two rounds
  await expect(table).toContainText('名单中含有未脱敏的个人信息');
});
