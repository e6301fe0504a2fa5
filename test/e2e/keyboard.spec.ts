import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { docx } from '../helpers/fixtures';
import { residentId } from '../helpers/synthetic';
import { cjkPdf } from '../unit/redaction/pdf-files';
import { axeSerious } from './axe';
import { startHost } from './host';
import { loginAs, openItem, register, seed, sign } from './workflow';

// The review actions a mouse used to be needed for, done with the keyboard alone (issue
// #14 point 3): opening a file's 文件组成, marking text the scanner missed by typing it,
// and placing an area to remove on a PDF page. Each action is driven by page.keyboard;
// the result is checked where it lands (the finding, the public version), and axe checks
// the item page with the new controls open.

const ID = residentId('150502', '19800101', '041');
const TITLE = '某某村低保公示（键盘）';
const CODE = '青松计划';

test.describe.configure({ mode: 'serial' });

let host: Awaited<ReturnType<typeof startHost>>;
let dir: string;
test.beforeAll(async ({ request }) => {
  dir = mkdtempSync(join(tmpdir(), 'mishen-e2e-kbd-'));
  host = await startHost();
  await seed(request, host.url, 'tongliao');
});
test.afterAll(async () => {
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
});


test('文件组成 opens from the keyboard, text is marked by typing it, with 0 matches said in Chinese', async ({ page }) => {
  test.setTimeout(180_000);
  const file = join(dir, '公示.pdf');
  writeFileSync(file, await cjkPdf({ lines: [['某某村低保对象公示', `身份证号 ${ID}`, '内部备注此行只供内部参考', `内部代号${CODE}`, `${CODE}已于本月启动`]] }));
  await page.goto(host.url);
  await loginAs(page, 'liu');
  await register(page, TITLE);
  await page.locator('[data-testid="documents"] input[type="file"]').setInputFiles(file);
  const findings = page.getByTestId('document-findings');
  await expect(findings.getByTestId('text-view')).toContainText(CODE);

  // 文件组成 is folded; the toggle says how many parts and how many were not read.
  const toggle = findings.getByTestId('parts-toggle');
  await expect(toggle).toHaveText(/^展开文件组成（共 \d+ 个部分，未读取 \d+ 个）$/);
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('table', { name: '“公示.pdf”的文件组成' })).toHaveCount(0);
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('table', { name: '“公示.pdf”的文件组成' }).getByRole('row').nth(1)).toBeVisible();

  // Words that are not in the file: said so, nothing to mark.
  const byText = findings.getByTestId('mark-by-text');
  const field = byText.getByLabel('按文字标记');
  await field.focus();
  await page.keyboard.type('不存在的文字');
  await page.keyboard.press('Enter');
  await expect(byText.getByTestId('mark-by-text-status')).toHaveText(/^未找到“不存在的文字”/);
  await expect(byText.getByRole('button', { name: '标记这一处' })).toHaveCount(0);

  // The code name stands twice: one is marked, then the rest with 全部标记.
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(CODE);
  await page.keyboard.press('Enter');
  await expect(byText.getByTestId('mark-by-text-status')).toHaveText(`找到 2 处“${CODE}”`);
  const choice = byText.getByLabel('选择要标记的一处');
  await expect(choice.locator('option')).toHaveCount(2);
  await page.keyboard.press('Tab'); // 查找
  await page.keyboard.press('Tab'); // the places
  await expect(choice).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(choice).toHaveValue('1');
  await page.keyboard.press('Tab');
  await expect(byText.getByRole('button', { name: '标记这一处' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(byText.getByTestId('mark-by-text-status')).toHaveText(`已标记 1 处“${CODE}”为发现（已确认）`);
  const marked = findings.locator('tr[data-status="confirmed"]').filter({ hasText: '手工标记' });
  await expect(marked).toHaveCount(1);
  await expect(marked).toContainText(CODE);
  // The one left is the first; the one just marked says so in the list.
  await expect(choice.locator('option').nth(1)).toContainText('已确认');
  await byText.getByRole('button', { name: /^全部标记/ }).focus();
  await expect(byText.getByRole('button', { name: /^全部标记/ })).toHaveText('全部标记（1 处）');
  await page.keyboard.press('Enter');
  await expect(byText.getByTestId('mark-by-text-status')).toHaveText(`已标记 1 处“${CODE}”为发现（已确认）`);
  await expect(marked).toHaveCount(2);
  await expect(byText.getByRole('button', { name: /^全部标记/ })).toBeDisabled();

  expect(await axeSerious(page)).toEqual([]);
});

test('an area to remove is placed, moved, resized and set in % of the page with the keyboard; the public version lacks its text', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(host.url);
  await loginAs(page, 'liu');
  await openItem(page, TITLE);
  const findings = page.getByTestId('document-findings');
  await findings.locator('[data-kind="ID_CARD"] tr[data-status="open"]').getByRole('button', { name: '确认' }).click();
  await expect(findings.locator('[data-kind="ID_CARD"] tr[data-status="confirmed"]')).toHaveCount(1);
  // Whatever else the scanner proposed in the lines above is published as it stands.
  const open = findings.locator('tr[data-status="open"]');
  for (let left = await open.count(); left > 0; left--) {
    await open.first().getByLabel('排除理由').fill('公示内容依法公开');
    await open.first().getByRole('button', { name: '排除' }).click();
    await expect(open).toHaveCount(left - 1);
  }
  const reasoned = { grounds: ['个人隐私'], basis: '《中华人民共和国政府信息公开条例》', reason: '公示名单含身份证号码，删除后公开' };
  await sign(page, '初审', '部分公开', reasoned);
  await loginAs(page, 'zhao');
  await openItem(page, TITLE);
  await sign(page, '复审', '部分公开', reasoned);

  await loginAs(page, 'zhou');
  await openItem(page, TITLE);
  const versions = page.getByTestId('public-versions');
  await versions.getByRole('button', { name: /^标出删除区域/ }).focus();
  await page.keyboard.press('Enter');
  const editor = page.getByTestId('area-editor');
  await expect(editor.locator('[data-page="1"]')).toBeVisible();
  const said = editor.getByTestId('area-said');

  // Enter on 添加区域: an area in the middle of the page, focused, announced.
  await editor.getByRole('button', { name: '添加区域' }).focus();
  await page.keyboard.press('Enter');
  const first = editor.getByTestId('area-list').getByRole('button').first();
  await expect(first).toBeFocused();
  await expect(said).toContainText('已添加第 1 处删除区域：第 1 页，左 35%，上 45%，宽 30%，高 10%');
  await expect(editor.locator('[data-page="1"] [data-area]')).toHaveCount(1);
  await expect(editor.getByTestId('area-map').locator('[data-selected="true"]')).toHaveCount(1);
  // Arrows move it by 1% of the page, Shift resizes, Alt makes the step finer.
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
  await expect(said).toHaveText('第 1 处已移动：第 1 页，左 35%，上 42%，宽 30%，高 10%');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(said).toHaveText('第 1 处已调整大小：第 1 页，左 35%，上 42%，宽 31%，高 10%');
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(said).toHaveText('第 1 处已移动：第 1 页，左 34.8%，上 42%，宽 31%，高 10%');
  await expect(page.getByTestId('item-title')).toHaveText(TITLE);
  // The arrows stayed with the area: no finding became the current one.
  await expect(page.locator('tr[data-current="true"]')).toHaveCount(0);
  // Delete removes it; focus goes back to 添加区域.
  await page.keyboard.press('Delete');
  await expect(said).toHaveText('已删除第 1 处删除区域，还有 0 处');
  await expect(editor.getByRole('button', { name: '添加区域' })).toBeFocused();
  await expect(editor.locator('[data-area]')).toHaveCount(0);

  // Added again and set in % of the page: the third line (baseline 110 pt from the top of 842 pt).
  await page.keyboard.press('Enter');
  await expect(editor.getByTestId('area-list').getByRole('button')).toHaveCount(1);
  const fields = editor.getByTestId('area-fields');
  for (const [label, value] of [['左（%）', '5'], ['上（%）', '11.2'], ['宽（%）', '90'], ['高（%）', '3']] as const) {
    await fields.getByLabel(label).focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(value);
    await expect(fields.getByLabel(label)).toHaveValue(value);
  }
  await expect(said).toHaveText('第 1 处已修改：第 1 页，左 5%，上 11.2%，宽 90%，高 3%');
  await expect(versions.getByRole('button', { name: '标出删除区域（1）' })).toBeVisible();
  expect(await axeSerious(page)).toEqual([]);
  await versions.getByRole('button', { name: '制作公开版本' }).focus();
  await page.keyboard.press('Enter');
  await expect(versions.getByTestId('proof')).toHaveText('核验通过');
  await expect(versions).toContainText('按审查人划定的 1 个区域删除了其中的文字');
  await versions.getByRole('button', { name: '对照查看' }).focus();
  await page.keyboard.press('Enter');
  const published = page.getByTestId('public-text');
  await expect(published).toContainText('某某村低保对象公示');
  await expect(published).not.toContainText(ID);
  await expect(published).not.toContainText('内部备注');
  await expect(published).not.toContainText(CODE);
});

test('text past the first page of a long file is found and marked by typing it', async ({ page }) => {
  test.setTimeout(180_000);
  // About 30 000 characters: the view shows the first 20 000, the words stand after them.
  const body = Array.from({ length: 1200 }, (_, i) => `第${i + 1}段：本段为普通的工作说明文字，不含需要删除的内容。`);
  body[1100] = '内部代号白杨，仅限内部使用';
  const file = join(dir, '长文件.docx');
  writeFileSync(file, docx({ body }));
  await page.goto(host.url);
  await loginAs(page, 'liu');
  await register(page, '某项工作说明（长文件）');
  await page.locator('[data-testid="documents"] input[type="file"]').setInputFiles(file);
  const findings = page.getByTestId('document-findings');
  await expect(findings.getByTestId('text-view')).toContainText('第1段');
  await expect(findings.getByTestId('text-view')).not.toContainText('白杨');

  const byText = findings.getByTestId('mark-by-text');
  await byText.getByLabel('按文字标记').focus();
  await page.keyboard.type('白杨');
  await page.keyboard.press('Enter');
  await expect(byText.getByTestId('mark-by-text-status')).toHaveText('找到 1 处“白杨”');
  await expect(byText.getByLabel('选择要标记的一处').locator('option')).toHaveText('第 1 处（正文 第1101段）：内部代号【白杨】，仅限内部使用');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  await expect(byText.getByRole('button', { name: '标记这一处' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(byText.getByTestId('mark-by-text-status')).toHaveText('已标记 1 处“白杨”为发现（已确认）');
  await expect(findings.locator('tr[data-status="confirmed"]').filter({ hasText: '手工标记' })).toContainText('白杨');
});
