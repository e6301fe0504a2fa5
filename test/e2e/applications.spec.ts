import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { residentId } from '../helpers/synthetic';
import { axeSerious } from './axe';
import { startHost } from './host';
import { loginAs, openItem, seed, sign } from './workflow';

// 依申请公开 through the UI under 通辽 (004 附件2): an application registered, its reply
// limit extended with approval, its review item decided 部分公开 with a proved public
// version, the reply 部分公开 carrying that version, and its notice printed.

const APPLICANT_ID = residentId('150502', '19800101', '031');
const LISTED_ID = residentId('150502', '19750505', '017');
const REQUEST = '城乡低保对象公示名单';
const ITEM = `依申请公开：${REQUEST}`;
test.use({ actionTimeout: 20_000 });

let host: Awaited<ReturnType<typeof startHost>>;
let dir: string;
test.beforeAll(async ({ request }) => {
  dir = mkdtempSync(join(tmpdir(), 'mishen-e2e-app-'));
  host = await startHost();
  await seed(request, host.url, 'tongliao');
});
test.afterAll(async () => {
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function choose(page: Page, label: string, option: string) {
  await page.getByRole('dialog').getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

const nav = (page: Page) => page.getByLabel('导航').getByRole('button', { name: '依申请公开' }).click();

async function openApplication(page: Page, number: string) {
  await nav(page);
  await page.locator(`tr[data-title="${number}"]`).click();
  await expect(page.getByRole('heading', { name: `政府信息公开申请 ${number}` })).toBeVisible();
}

test('register an application, extend it, reply 部分公开 with the public version, print the notice', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(host.url);
  await loginAs(page, 'liu');

  // 即时登记: the register form checks in Chinese, then the application has its number and clock.
  await nav(page);
  await page.getByRole('button', { name: '登记申请' }).click();
  const dialog = page.getByRole('dialog', { name: '登记政府信息公开申请' });
  await dialog.getByRole('button', { name: '登记申请' }).click();
  await expect(dialog.getByText('请填写申请人姓名或名称')).toBeVisible();
  await dialog.getByLabel('申请人姓名或名称').fill('王某某');
  await dialog.getByLabel('身份证明号码').fill(APPLICANT_ID);
  await dialog.getByLabel('联系方式').fill('13912345678');
  await dialog.getByLabel('申请公开的政府信息').fill(REQUEST);
  await dialog.getByRole('button', { name: '登记申请' }).click();
  await expect(page.getByRole('heading', { name: /^政府信息公开申请 \d{4}-0001$/ })).toBeVisible();
  const number = ((await page.getByRole('heading', { name: /^政府信息公开申请/ }).textContent()) ?? '').replace('政府信息公开申请 ', '');
  await expect(page.getByText(APPLICANT_ID)).toBeVisible();
  await expect(page.getByText(/剩余 20 个工作日/)).toBeVisible();

  // In the list the identity number is masked.
  await nav(page);
  const row = page.locator(`tr[data-title="${number}"]`);
  await expect(row).toContainText('1505**********');
  await expect(row).not.toContainText(APPLICANT_ID);
  expect(await axeSerious(page)).toEqual([]);
  await row.click();

  // One extension, approved by the head of the 政府信息公开工作机构.
  await page.getByRole('button', { name: '延期答复' }).click();
  const ext = page.getByRole('dialog');
  await ext.getByLabel('批准人（政府信息公开工作机构负责人）').fill('政府信息公开工作机构负责人张某');
  await ext.getByLabel('延长的工作日数').fill('5');
  await ext.getByLabel('延期理由').fill('需征求第三方意见');
  await ext.getByRole('button', { name: '确定' }).click();
  await expect(page.getByTestId('application-steps')).toContainText('同意延期答复 5 个工作日：需征求第三方意见');
  // (A limit past the last year the calendar knows would read 日历未覆盖: 5 days stay within it.)
  await expect(page.getByText(/剩余 25 个工作日/)).toBeVisible();
  await expect(page.getByRole('button', { name: '延期答复' })).toHaveCount(0);

  // 部分公开 before the review decided it is refused.
  await page.getByRole('button', { name: '答复', exact: true }).click();
  let reply = page.getByRole('dialog');
  await choose(page, '答复类型', '部分公开');
  await reply.getByLabel('答复内容').fill('名单中的身份证号码已删除。');
  await reply.getByRole('button', { name: '确定' }).click();
  await expect(reply.getByTestId('error')).toContainText('须先经保密审查');
  await page.keyboard.press('Escape');

  // The review item: 部分公开 with a public version proved, confirmed and approved.
  await page.getByRole('button', { name: '查看审查事项' }).click();
  await expect(page.getByTestId('item-title')).toHaveText(ITEM);
  const file = join(dir, '公示名单.txt');
  writeFileSync(file, `城乡低保对象公示名单\n张小明 身份证号 ${LISTED_ID}\n`);
  await page.locator('[data-testid="documents"] input[type="file"]').setInputFiles(file);
  const bulk = page.getByTestId('document-findings').getByRole('button', { name: /^全部确认/ });
  await expect(bulk.first()).toBeVisible();
  while ((await bulk.count()) > 0) {
    const before = await bulk.count();
    await bulk.first().click();
    await expect(bulk).toHaveCount(before - 1);
  }
  const reasoned = { grounds: ['个人隐私'], basis: '《中华人民共和国政府信息公开条例》', reason: '名单含身份证号码，删除后公开' };
  await sign(page, '初审', '部分公开', reasoned);
  await loginAs(page, 'zhao');
  await openItem(page, ITEM);
  await sign(page, '复审', '部分公开', reasoned);
  await loginAs(page, 'zhou');
  await openItem(page, ITEM);
  const versions = page.getByTestId('public-versions');
  await versions.getByRole('button', { name: '制作公开版本' }).click();
  await expect(versions.getByTestId('proof')).toHaveText('核验通过');
  await sign(page, '保密领导小组审核确认', '审核确认');
  await loginAs(page, 'sun');
  await openItem(page, ITEM);
  await sign(page, '审批', '同意');
  await expect(page.getByTestId('item-status')).toHaveText('已批准公开');

  // The reply 部分公开 carries the public version.
  await loginAs(page, 'liu');
  await openApplication(page, number);
  await page.getByRole('button', { name: '答复', exact: true }).click();
  reply = page.getByRole('dialog');
  await choose(page, '答复类型', '部分公开');
  await reply.getByLabel('答复内容').fill('名单中的身份证号码已删除。');
  await reply.getByRole('button', { name: '确定' }).click();
  await expect(page.getByTestId('application-status')).toHaveText('已答复：部分公开（区分处理后提供）');
  await expect(page.getByText('提供的公开版本')).toBeVisible();
  await expect(page.getByRole('button', { name: '公示名单（公开版本）.txt' })).toBeVisible();
  expect(await axeSerious(page)).toEqual([]);

  // The notice: 予以公开答复书（部分公开）, made in the main process and read back from its PDF.
  await page.getByRole('button', { name: '打印告知书' }).click();
  const print = page.getByRole('dialog', { name: '打印告知书' });
  await expect(print.getByRole('combobox', { name: '告知书' })).toHaveValue('予以公开答复书（部分公开）');
  await print.getByRole('button', { name: '生成' }).click();
  await expect(print.getByTestId('print-preview')).toBeVisible();
  const download = page.waitForEvent('download');
  await print.getByRole('link', { name: '保存为 PDF' }).click();
  const pdf = await download;
  expect(pdf.suggestedFilename()).toBe(`${number}-予以公开答复书（部分公开）.pdf`);
  const saved = join(dir, 'notice.pdf');
  writeFileSync(saved, readFileSync((await pdf.path())!));
  const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', saved, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  expect(text).toContain('予以公开答复书（部分公开）');
  expect(text).toContain(`申请编号：${number}`);
  expect(text).toContain('含有不应当公开的内容，但是能够作区分处理');
  expect(text).toContain('《公示名单（公开版本）.txt》');
  expect(text).toContain('不应当公开的理由：个人隐私');
  expect(text).not.toContain(APPLICANT_ID);
  expect(text).not.toContain(LISTED_ID);
});

test('the annual report: each number opens the applications behind it; review counts by hand; xlsx and print', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(host.url);
  await loginAs(page, 'liu');
  await nav(page);
  await page.getByRole('button', { name: '年度报告' }).click();
  // The year list arrives with the report's first query: read it only once it has a value.
  const yearBox = page.getByRole('combobox', { name: '年度' });
  await expect(yearBox).toHaveValue(/\d{4}/);
  const year = await yearBox.inputValue();
  await expect(page.getByTestId('report-title')).toHaveText(`《某某县人民政府办公室${year.replace(' 年', '')}年政府信息公开工作年度报告》`);
  const table = page.getByTestId('report-table');
  await expect(table.getByRole('row', { name: /^本年新收政府信息公开申请数量/ })).toContainText('1');
  // 无法提供 and 不予处理 are counted by their cases too, each under its result.
  await expect(table.getByRole('row', { name: /^其中无法提供：本机关不掌握相关政府信息/ })).toContainText('0');
  await expect(table.getByRole('row', { name: /^其中不予处理：重复申请/ })).toContainText('0');
  await table.getByRole('button', { name: /^本年度办理结果：部分公开：1 件/ }).click();
  const trace = page.getByTestId('trace');
  await expect(trace.getByRole('button')).toHaveCount(1);
  const number = (await trace.getByRole('button').textContent())!;
  await trace.getByRole('button').click();
  await expect(page.locator(`tr[data-title="${number}"]`)).toContainText('已答复：部分公开');
  await expect(page.getByTestId('list-total')).toHaveText('共 1 项');
  await page.getByRole('button', { name: '年度报告' }).click();
  await expect(page.getByTestId('report-table')).toBeVisible();
  expect(await axeSerious(page)).toEqual([]);
  await nav(page);

  await page.getByRole('button', { name: '年度报告' }).click();
  await page.getByLabel('行政复议（件）').fill('2');
  await page.getByRole('button', { name: '保存复议、诉讼件数' }).click();
  await nav(page);
  await page.getByRole('button', { name: '年度报告' }).click();
  await expect(page.getByLabel('行政复议（件）')).toHaveValue('2');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 xlsx' }).click();
  expect((await download).suggestedFilename()).toMatch(/^某某县人民政府办公室\d{4}年政府信息公开工作年度报告\.xlsx$/);
  await page.getByRole('button', { name: '打印报告' }).click();
  await expect(page.getByTestId('print-preview')).toBeVisible();
});

test('an application past its reply limit is flagged on the desk’s inbox and opens from there', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(host.url);
  await loginAs(page, 'liu');
  await page.getByLabel('导航').getByRole('button', { name: '待办事项' }).click();
  await expect(page.getByTestId('overdue-applications')).toHaveCount(0);
  // Received two months ago: 20 working days have long passed.
  const received = new Date(Date.now() - 60 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  await nav(page);
  await page.getByRole('button', { name: '登记申请' }).click();
  const dialog = page.getByRole('dialog', { name: '登记政府信息公开申请' });
  const date = dialog.getByLabel('收到申请日期');
  await date.fill(received);
  await date.blur();
  await dialog.getByLabel('申请人姓名或名称').fill('李某某');
  await dialog.getByLabel('身份证明号码').fill(residentId('150502', '19850202', '045'));
  await dialog.getByLabel('联系方式').fill('13900000000');
  await dialog.getByLabel('申请公开的政府信息').fill('某道路养护合同');
  await dialog.getByRole('button', { name: '登记申请' }).click();
  await expect(page.getByRole('heading', { name: /^政府信息公开申请 \d{4}-\d{4}$/ })).toBeVisible();
  await expect(page.getByTestId('overdue')).toBeVisible();

  await page.getByLabel('导航').getByRole('button', { name: '待办事项' }).click();
  await expect(page.getByTestId('overdue-applications')).toContainText('1 件政府信息公开申请已超过答复期限');
  await page.getByTestId('overdue-applications').getByRole('button', { name: '查看' }).click();
  await expect(page.getByTestId('list-total')).toHaveText('共 1 项');
  await expect(page.locator('tr[data-title]')).toContainText('某道路养护合同');
});
