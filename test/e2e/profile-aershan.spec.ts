import { expect, test } from '@playwright/test';
import { startHost } from './host';
import { expectOpinionWords, loginAs, openItem, register, seed, sign } from './workflow';

let host: Awaited<ReturnType<typeof startHost>>;
test.beforeAll(async ({ request }) => {
  host = await startHost();
  await seed(request, host.url, 'aershan');
});
test.afterAll(async () => host.stop());

test('阿尔山: a sensitive item needs the 市政府办公室分管领导 after the department’s leader', async ({ page }) => {
  const title = '阿尔山市旅游旺季交通管制方案';
  await page.goto(host.url);
  await loginAs(page, 'liu');
  await register(page, title, { sensitive: true });
  await sign(page, '提出发布申请', '提出发布申请');

  await loginAs(page, 'wang');
  await openItem(page, title);
  await expectOpinionWords(page, ['审核同意', '审核不同意']);
  await sign(page, '部门负责人审核', '审核同意');

  await loginAs(page, 'zhao');
  await openItem(page, title);
  await expectOpinionWords(page, ['主动公开', '依申请公开', '区分处理后公开', '免于公开', '需报审']);
  await sign(page, '保密审查', '主动公开');

  await loginAs(page, 'sun');
  await openItem(page, title);
  await sign(page, '部门分管局领导审批', '同意');
  await expect(page.getByTestId('step-name')).toHaveText('市政府办公室分管领导审批');
  // The same leader cannot sign the further approval.
  await expect(page.getByTestId('why-not')).toContainText('一人只能签署一个环节');

  await loginAs(page, 'li');
  await openItem(page, title);
  await sign(page, '市政府办公室分管领导审批', '同意');
  await expect(page.getByTestId('item-status')).toHaveText('已批准公开');
});
