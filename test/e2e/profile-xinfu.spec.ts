import { expect, test } from '@playwright/test';
import { startHost } from './host';
import { expectOpinionWords, loginAs, openItem, register, seed, sign } from './workflow';

let host: Awaited<ReturnType<typeof startHost>>;
test.beforeAll(async ({ request }) => {
  host = await startHost();
  await seed(request, host.url, 'xinfu');
});
test.afterAll(async () => host.stop());

test('忻府: four steps by four people, ending in 不予公开 with basis and reason', async ({ page }) => {
  const title = '忻府区征地补偿人员名单';
  await page.goto(host.url);
  await loginAs(page, 'liu');
  await register(page, title);
  await expectOpinionWords(page, ['公开', '不予公开']);
  // 忻府 第十一条: every opinion, 公开 included, carries its 依据 and 理由.
  const cited = { basis: '《中华人民共和国政府信息公开条例》', reason: '经审查不涉及国家秘密、商业秘密和个人隐私' };
  await sign(page, '提出初步意见', '公开', cited);

  await loginAs(page, 'wang');
  await openItem(page, title);
  await sign(page, '负责人审查', '公开', cited);

  await loginAs(page, 'zhao');
  await openItem(page, title);
  await expectOpinionWords(page, ['公开', '部分公开', '不予公开', '须报审']);
  // Refused without basis and reason, in Chinese.
  await page.getByTestId('step-panel').getByRole('radio', { name: '不予公开', exact: true }).check();
  await page.getByRole('button', { name: '签署意见' }).click();
  await expect(page.getByTestId('error')).toHaveText('意见“不予公开”须至少选择一项情形');
  await sign(page, '保密审查', '不予公开', {
    grounds: ['个人隐私'],
    basis: '《中华人民共和国政府信息公开条例》',
    reason: '名单含有被征地人员的身份证号码和银行账号',
  });

  await loginAs(page, 'sun');
  await openItem(page, title);
  await expectOpinionWords(page, ['批准', '不予批准']);
  await sign(page, '分管领导审查批准', '批准');
  await expect(page.getByTestId('item-status')).toHaveText('不予公开');
  await expect(page.getByTestId('opinions-table').getByRole('row')).toHaveCount(5);
});
