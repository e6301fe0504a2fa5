import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { residentId } from '../helpers/synthetic';
import { cjkPdf } from '../unit/redaction/pdf-files';
import { startHost } from './host';
import { loginAs, openItem, register, seed, sign } from './workflow';

// A PDF 公示名单 under 通辽: the names stay (公示), the ID number goes with the confirmed
// finding, a line the scanner cannot know about goes with an area the 保密领导小组 draws
// on the page; both are gone from the public version, shown page by page beside the original.

const ID = residentId('150502', '19800101', '041');
let host: Awaited<ReturnType<typeof startHost>>;
let dir: string;
test.beforeAll(async ({ request }) => {
  dir = mkdtempSync(join(tmpdir(), 'mishen-e2e-redact-'));
  host = await startHost();
  await seed(request, host.url, 'tongliao');
});
test.afterAll(async () => {
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('an area drawn on a PDF page and a confirmed finding are removed; the pages are compared side by side', async ({ page }) => {
  test.setTimeout(240_000);
  const title = '某某村低保公示';
  const file = join(dir, '公示.pdf');
  writeFileSync(file, await cjkPdf({ lines: [['某某村低保对象公示', `张小明 身份证号 ${ID}`, '内部备注此行只供内部参考']] }));
  await page.goto(host.url);
  await loginAs(page, 'liu');
  await register(page, title);
  await page.locator('[data-testid="documents"] input[type="file"]').setInputFiles(file);
  // A 公示名单 publishes the names (公示 is required by law) and masks the ID numbers.
  const findings = page.getByTestId('document-findings');
  await findings.locator('[data-kind="PERSON_NAME"] tr[data-status="open"]').getByLabel('排除理由').fill('公示对象姓名依法公开');
  await findings.locator('[data-kind="PERSON_NAME"] tr[data-status="open"]').getByRole('button', { name: '排除' }).click();
  await findings.locator('[data-kind="ID_CARD"] tr[data-status="open"]').getByRole('button', { name: '确认' }).click();
  await expect(findings.locator('tr[data-status="open"]')).toHaveCount(0);
  const reasoned = { grounds: ['个人隐私'], basis: '《中华人民共和国政府信息公开条例》', reason: '公示名单含身份证号码，删除后公开' };
  await sign(page, '初审', '部分公开', reasoned);
  await loginAs(page, 'zhao');
  await openItem(page, title);
  await sign(page, '复审', '部分公开', reasoned);

  await loginAs(page, 'zhou');
  await openItem(page, title);
  const versions = page.getByTestId('public-versions');
  await versions.getByRole('button', { name: /^标出删除区域/ }).click();
  const sheet = page.getByTestId('area-editor').locator('[data-page="1"]');
  await expect(sheet).toBeVisible();
  // The third line: baseline 110 pt from the top of an 842 pt page, 12 pt type.
  const box = (await sheet.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.05, box.y + box.height * 0.112);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.128, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.95, box.y + box.height * 0.142, { steps: 5 });
  await page.mouse.up();
  await expect(versions.getByRole('button', { name: '标出删除区域（1）' })).toBeVisible();
  await versions.getByRole('button', { name: '制作公开版本' }).click();
  await expect(versions.getByTestId('proof')).toHaveText('核验通过');
  await versions.getByRole('button', { name: '对照查看' }).click();
  await expect(page.getByTestId('pages-原件').locator('[data-page="1"]')).toBeVisible();
  await expect(page.getByTestId('pages-公开版本').locator('[data-page="1"]')).toBeVisible();
  const published = page.getByTestId('public-text');
  await expect(published).toContainText('某某村低保对象公示');
  await expect(published).toContainText('张小明');
  await expect(published).not.toContainText(ID);
  await expect(published).not.toContainText('内部备注');
  await sign(page, '保密领导小组审核确认', '审核确认');
  await loginAs(page, 'sun');
  await openItem(page, title);
  await sign(page, '审批', '同意');
  await expect(page.getByTestId('item-status')).toHaveText('已批准公开');
});
