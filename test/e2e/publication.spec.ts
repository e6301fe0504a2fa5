import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { residentId } from '../helpers/synthetic';
import { startHost } from './host';
import { loginAs, openItem, register, seed, sign } from './workflow';

// 区分处理 through the UI under 通辽 (000 第八条): a 公示名单 decided 部分公开, its public
// version produced, compared with the original and confirmed by the 保密领导小组, approved;
// then the publisher exports the queue to a drive and records the website publication;
// and the 保密审查记录 is printed from the item.

const ID = residentId('150502', '19800101', '041');
let host: Awaited<ReturnType<typeof startHost>>;
let dir: string;
test.beforeAll(async ({ request }) => {
  dir = mkdtempSync(join(tmpdir(), 'mishen-e2e-pub-'));
  host = await startHost();
  await seed(request, host.url, 'tongliao');
});
test.afterAll(async () => {
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('部分公开 with a proved public version, export by the publisher, the website record and the printed record', async ({ page }) => {
  test.setTimeout(240_000);
  const title = '城乡低保对象公示';
  const file = join(dir, '公示名单.txt');
  writeFileSync(file, `城乡低保对象公示名单\n张小明 身份证号 ${ID}\n`);
  await page.goto(host.url);
  await loginAs(page, 'liu');
  await register(page, title);
  await page.locator('[data-testid="documents"] input[type="file"]').setInputFiles(file);
  // The header says how many findings wait; each kind is confirmed at once, one audit entry per batch.
  await expect(page.getByTestId('open-findings')).toContainText('扫描发现未处理');
  const bulk = page.getByTestId('document-findings').getByRole('button', { name: /^全部确认/ });
  await expect(bulk.first()).toBeVisible();
  while ((await bulk.count()) > 0) {
    const before = await bulk.count();
    await bulk.first().click();
    await expect(bulk).toHaveCount(before - 1);
  }
  await expect(page.getByTestId('open-findings')).toHaveCount(0);
  const reasoned = { grounds: ['个人隐私'], basis: '《中华人民共和国政府信息公开条例》', reason: '公示名单含身份证号码，删除后公开' };
  await sign(page, '初审', '部分公开', reasoned);
  await loginAs(page, 'zhao');
  await openItem(page, title);
  await sign(page, '复审', '部分公开', reasoned);

  // The 保密领导小组 confirms only a public version that passed the proof.
  await loginAs(page, 'zhou');
  await openItem(page, title);
  await page.getByTestId('step-panel').getByRole('radio', { name: '审核确认', exact: true }).check();
  await page.getByRole('button', { name: '签署意见' }).click();
  await expect(page.getByTestId('error')).toContainText('公开版本');
  const versions = page.getByTestId('public-versions');
  await versions.getByRole('button', { name: '制作公开版本' }).click();
  await expect(versions.getByTestId('proof')).toHaveText('核验通过');
  await versions.getByRole('button', { name: '对照查看' }).click();
  await expect(page.getByTestId('original-text')).toContainText(ID);
  await expect(page.getByTestId('public-text')).toContainText('城乡低保对象公示名单');
  await expect(page.getByTestId('public-text')).toContainText('〔已删除〕');
  await expect(page.getByTestId('public-text')).not.toContainText(ID);
  await sign(page, '保密领导小组审核确认', '审核确认');
  await loginAs(page, 'sun');
  await openItem(page, title);
  await sign(page, '审批', '同意');
  await expect(page.getByTestId('item-status')).toHaveText('已批准公开');

  // The publisher: the queue, the export to a drive, the website record.
  await loginAs(page, 'wu');
  await page.getByText('发布', { exact: true }).click();
  await expect(page.getByTestId('queue').locator(`tr[data-title="${title}"]`)).toContainText('可以导出');
  await page.getByLabel('导出到（移动存储介质上的文件夹）').fill(dir);
  await page.getByRole('button', { name: /^导出发布包/ }).click();
  await expect(page.getByTestId('export-result')).toContainText('第 1 号发布包');
  expect(readdirSync(dir).filter((n) => n.startsWith('MMX-'))).toHaveLength(1);
  const row = page.getByTestId('register').locator(`tr[data-title="${title}"]`);
  await row.getByLabel('网址').fill('http://www.example.gov.cn/gk/1.html');
  await row.getByRole('button', { name: '登记发布' }).click();
  await expect(row).toContainText('http://www.example.gov.cn/gk/1.html');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 CSV' }).click();
  const csv = await download;
  expect(csv.suggestedFilename()).toBe('政府信息公开登记.csv');
  expect(readFileSync((await csv.path())!, 'utf8')).toContain(title);

  // The signed paper record, from the item, as the handler prints it.
  await loginAs(page, 'liu');
  await page.getByText('待办事项', { exact: true }).click();
  await page.getByText('全部', { exact: true }).click();
  await page.locator(`tr[data-title="${title}"]`).click();
  await page.getByRole('button', { name: '打印' }).click();
  await page.getByRole('button', { name: '生成' }).click();
  await expect(page.getByTestId('form-sha256')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(page.getByTitle('打印预览')).toBeVisible();

  await page.keyboard.press('Escape');

  // The 《信息发布保密审查表》 for items chosen in the catalogue.
  await page.getByText('公开目录', { exact: true }).click();
  await page.getByRole('checkbox', { name: `选择“${title}”` }).check();
  await page.getByRole('button', { name: /^打印信息发布保密审查表/ }).click();
  await expect(page.getByTestId('form-sha256')).toHaveText(/^[0-9a-f]{64}$/);
});
