import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { docx } from '../helpers/fixtures';
import { residentId } from '../helpers/synthetic';
import { startHost, watchNetwork } from './host';
import { loginAs, register, seed } from './workflow';

let host: Awaited<ReturnType<typeof startHost>>;
let dir: string;
test.beforeAll(async ({ request }) => {
  host = await startHost();
  await seed(request, host.url, 'tongliao');
  dir = mkdtempSync(join(tmpdir(), 'mishen-e2e-files-'));
});
test.afterAll(async () => {
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('attach a file, see the findings highlighted, confirm one and dismiss one with a reason', async ({ page, context }) => {
  const foreign = watchNetwork(context);
  const id = residentId('420106', '19830909', '515');
  const file = join(dir, '补贴发放名单.docx');
  // The ID sits in a tracked deletion: invisible in Word's final view, found here.
  writeFileSync(file, docx({ body: ['2026年度补贴发放名单', '申请人：王小明，金额 3000 元'], deleted: `身份证号码 ${id}` }));
  const title = '2026年度补贴发放情况公示';

  await page.goto(host.url);
  await loginAs(page, 'liu');
  await register(page, title);
  await page.locator('[data-testid="documents"] input[type="file"]').setInputFiles(file);
  const findings = page.getByTestId('document-findings');
  await expect(findings).toContainText('补贴发放名单.docx：发现');
  await expect(page.getByTestId('text-view').locator('mark[data-kind="ID_CARD"]')).toHaveText(id);
  await expect(findings.locator('div[data-kind="ID_CARD"]')).toContainText('修订：已删除的文字');
  // The handler's 初审 decides the findings (000 第十八条第（一）项).
  const idRow = findings.locator('div[data-kind="ID_CARD"] tr').first();
  await idRow.getByRole('button', { name: '确认' }).click();
  await expect(idRow.getByTestId('finding-status')).toHaveText('已确认');
  const nameRow = findings.locator('div[data-kind="PERSON_NAME"] tr').first();
  await nameRow.getByRole('button', { name: '排除' }).click();
  await expect(page.getByTestId('error')).toHaveText('排除一处发现须说明理由');
  await nameRow.getByLabel('排除理由').fill('公示对象姓名依法应当公开');
  await nameRow.getByRole('button', { name: '排除' }).click();
  await expect(nameRow.getByTestId('finding-status')).toHaveText('已排除');
  await expect(nameRow).toContainText('公示对象姓名依法应当公开');
  // Every other finding decided too: nothing open may remain before proposing publication.
  for (const row of await findings.locator('tr').filter({ has: page.getByRole('button', { name: '确认', exact: true }) }).all()) await row.getByRole('button', { name: '确认', exact: true }).click();

  // A confirmed finding rules out full publication; 部分公开 comes with its ground ticked.
  await page.getByTestId('step-panel').getByRole('radio', { name: '主动公开', exact: true }).check();
  await page.getByRole('button', { name: '签署意见' }).click();
  await expect(page.getByTestId('error')).toContainText('不能全部公开');
  await page.getByTestId('step-panel').getByRole('radio', { name: '部分公开', exact: true }).check();
  await expect(page.getByRole('checkbox', { name: '个人隐私' })).toBeChecked();

  expect(foreign).toEqual([]);
});
