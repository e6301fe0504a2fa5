import { expect, test } from '@playwright/test';
import { startHost } from './host';
import { expectOpinionWords, loginAs, openItem, register, seed, sign } from './workflow';

let host: Awaited<ReturnType<typeof startHost>>;
test.beforeAll(async ({ request }) => {
  host = await startHost();
  await seed(request, host.url, 'yongji');
});
test.afterAll(async () => host.stop());

test('永吉: 报保密部门确定, the reply within 5 working days, and the review resumes', async ({ page }) => {
  const title = '永吉县重点项目推进情况通报';
  await page.goto(host.url);
  await loginAs(page, 'liu');
  await register(page, title);
  await expectOpinionWords(page, ['主动公开', '依申请公开', '免予公开']);
  await sign(page, '标明公开属性', '主动公开');

  await loginAs(page, 'zhao');
  await openItem(page, title);
  await expectOpinionWords(page, ['主动公开', '依申请公开', '免予公开', '报保密部门确定']);
  await sign(page, '保密审查', '报保密部门确定', {
    grounds: ['虽未标密级，但属于国家秘密'],
    basis: '《国家秘密及其密级具体范围规定》',
    reason: '通报中涉及项目选址坐标，不能确定是否属于国家秘密',
  });
  await expect(page.getByTestId('item-status')).toHaveText('报审待复');
  await page.getByLabel('受文机关名称').fill('永吉县国家保密局');
  await page.getByLabel('函件文号').fill('永政办函〔2026〕5号');
  await page.getByLabel('报送日期').fill('2026-11-23');
  await page.getByRole('button', { name: '登记报审函' }).click();
  await expect(page.getByText('答复期限：2026-11-30')).toBeVisible();
  await page.getByLabel('答复日期').fill('2026-11-26');
  await page.getByLabel('答复文号').fill('永保函〔2026〕9号');
  await page.getByLabel('答复结论').fill('不属于国家秘密，可以公开');
  await page.getByRole('button', { name: '登记答复并恢复审查' }).click();
  await expect(page.getByTestId('step-name')).toHaveText('保密审查');
  await sign(page, '保密审查', '主动公开');
  await expect(page.getByTestId('item-status')).toHaveText('已批准公开');
});
