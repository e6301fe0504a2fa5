import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { docx, pdf } from '../helpers/fixtures';
import { residentId } from '../helpers/synthetic';
import { startHost } from './host';
import { loginAs, openItem, PASSWORD, register, seed, sign } from './workflow';

// The reviewer's loop on the item page (issue #14): findings gone through with the
// keyboard alone, the file shown with its hidden places labelled and the findings
// highlighted in place, a batch of decisions as one line of the timeline, and a letter
// being written kept across the idle lock.

const FIRST = '关于2026年度补贴发放情况的公示';
const SECOND = '关于某项工作安排的通知';
const ID = residentId('420106', '19830909', '515');
const MOBILES = ['13912345678', '13812345671', '13712345672'];
const COMMENT_MOBILE = '13612345673';

let host: Awaited<ReturnType<typeof startHost>>;
let dir: string;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async ({ request }) => {
  host = await startHost();
  // 台儿庄: the handler fills in the form, the 保密审查工作机构 (a reviewer) decides.
  await seed(request, host.url, 'taierzhuang');
  dir = mkdtempSync(join(tmpdir(), 'mishen-e2e-reviewer-'));
});
test.afterAll(async () => {
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function registerAndSend(page: Page, title: string, file?: string): Promise<void> {
  await page.getByText('待办事项', { exact: true }).click();
  await register(page, title);
  if (file) {
    await page.locator('[data-testid="documents"] input[type="file"]').setInputFiles(file);
    await expect(page.getByTestId('document-findings')).toContainText('发现');
  }
  await sign(page, '填写《信息发布保密审查表》', '报保密审查工作机构审查');
}

const current = (page: Page) => page.getByTestId('document-findings').locator('tr[data-current="true"]');

test('a reviewer decides findings with the keyboard, sees hidden places labelled, and one line per batch', async ({ page }) => {
  const file = join(dir, '补贴发放名单.docx');
  writeFileSync(
    file,
    docx({
      body: ['2026年度补贴发放名单', `经办电话 ${MOBILES[0]}`, `值班电话 ${MOBILES[1]}`, `备用电话 ${MOBILES[2]}`],
      hidden: `身份证号码 ${ID}`,
      comment: { author: '审稿人', text: `请核实，联系电话 ${COMMENT_MOBILE}` },
    }),
  );
  await page.goto(host.url);
  await loginAs(page, 'liu');
  // The second item is registered first: the inbox lists the newest first, so ] from the first leads to it.
  await registerAndSend(page, SECOND);
  await registerAndSend(page, FIRST, file);

  await loginAs(page, 'zhao');
  await openItem(page, FIRST);
  await expect(page.getByTestId('open-findings-count')).toHaveText(/^\d+ 处发现未处理$/);
  const before = Number((await page.getByTestId('open-findings-count').textContent())!.split(' ')[0]);
  await expect(page.getByTestId('signing-open-findings')).toContainText(`尚有 ${before} 处扫描发现未处理`);

  // The file as itself: the hidden text and the comment sit in labelled places, findings highlighted there.
  const view = page.getByTestId('text-view');
  const hidden = view.locator('[data-location*="隐藏文字"]');
  await expect(hidden.getByTestId('place-label')).toHaveText('隐藏文字');
  await expect(hidden.locator('mark[data-kind="ID_CARD"]')).toHaveText(ID);
  const comment = view.locator('section[data-part="批注"]');
  await expect(comment.getByTestId('place-label').first()).toHaveText('批注');
  await expect(comment.locator('mark[data-kind="MOBILE"]')).toHaveText(COMMENT_MOBILE);
  await expect(view.locator('section[data-part="正文"]').locator('mark[data-kind="MOBILE"]')).toHaveCount(3);
  // Every part of the package is listed with whether it was read (nothing skipped silently).
  await page.getByTestId('parts-toggle').click();
  const parts = page.getByRole('table', { name: '“补贴发放名单.docx”的文件组成' });
  await expect(parts.getByRole('row').filter({ hasText: 'word/document.xml' })).toContainText('已读取');
  await expect(parts.getByRole('row').filter({ hasText: 'word/comments.xml' })).toContainText('已读取');

  // ? shows the shortcuts.
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-help')).toContainText('确认当前发现');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcut-help')).toBeHidden();

  // J: the first undecided finding (kinds in the table's order: the ID number first).
  await page.keyboard.press('j');
  await expect(current(page)).toHaveCount(1);
  await expect(current(page)).toContainText(ID);
  await expect(current(page)).toBeFocused();
  // Y confirms it and moves on to the next undecided one.
  await page.keyboard.press('y');
  const idRow = page.locator(`div[data-kind="ID_CARD"] tr`).filter({ hasText: ID });
  await expect(idRow.getByTestId('finding-status')).toHaveText('已确认');
  await expect(current(page)).toContainText(MOBILES[0]!);
  // O shows it in the file.
  await page.keyboard.press('o');
  await expect(view.locator('mark[data-current="true"]')).toHaveText(MOBILES[0]!);
  await expect(view.locator('mark[data-current="true"]')).toBeFocused();

  // N asks for the reason; Enter dismisses.
  await page.keyboard.press('n');
  const reason = page.getByRole('dialog').getByLabel('排除理由');
  await expect(reason).toBeFocused();
  await page.keyboard.type('单位公开的办公电话');
  await page.keyboard.press('Enter');
  const row0 = page.locator(`div[data-kind="MOBILE"] tr`).filter({ hasText: MOBILES[0]! });
  await expect(row0.getByTestId('finding-status')).toHaveText('已排除');
  await expect(row0).toContainText('单位公开的办公电话');
  // The next dismissal offers the same reason.
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(current(page)).toContainText(MOBILES[1]!);
  await page.keyboard.press('n');
  const again = page.getByRole('dialog').getByLabel('排除理由');
  await expect(again).toHaveValue('单位公开的办公电话');
  // Enter submits from the field: wait for the dialog to put the focus there (a CI run pressed it before).
  await expect(again).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator(`div[data-kind="MOBILE"] tr`).filter({ hasText: MOBILES[1]! }).getByTestId('finding-status')).toHaveText('已排除');
  // K goes back.
  await expect(current(page)).toContainText(MOBILES[2]!);
  await page.keyboard.press('k');
  await expect(current(page)).toContainText(MOBILES[1]!);

  // The rest of the phone numbers in one bulk call.
  await page.getByTestId('bulk-MOBILE').getByRole('button', { name: /全部确认/ }).click();
  await expect(page.getByTestId('bulk-MOBILE')).toHaveCount(0);
  // Five decided: the header's count follows.
  const badge = page.getByTestId('open-findings-count');
  // allTextContents never waits: the badge may go away between two reads once nothing is left open.
  await expect(async () => {
    const shown = await badge.allTextContents();
    expect(shown.length ? Number(shown[0]!.split(' ')[0]) : 0).toBe(before - 5);
  }).toPass();

  // The timeline: the two single dismissals are one line, the bulk confirmation another; each expands.
  const batches = page.getByTestId('history').getByTestId('history-batch');
  await expect(batches.filter({ hasText: '排除扫描发现 2 处' })).toHaveCount(1);
  await expect(batches.filter({ hasText: '确认扫描发现 2 处' })).toHaveCount(1);
  const dismissed = page.getByTestId('history-line').filter({ hasText: '排除扫描发现 2 处' });
  await dismissed.getByRole('button', { name: '展开 2 条记录' }).click();
  await expect(dismissed.getByRole('listitem')).toHaveCount(2);
  await expect(dismissed.getByRole('listitem').first()).toContainText('单位公开的办公电话');

  // ] goes on to the next item of the inbox.
  await page.keyboard.press(']');
  await expect(page.getByTestId('item-title')).toHaveText(SECOND);
});

test('shortcuts never fire while typing', async ({ page }) => {
  await page.goto(host.url);
  await loginAs(page, 'zhao');
  await openItem(page, SECOND);
  const text = page.getByLabel('需确认的事项');
  await text.click();
  await page.keyboard.type('jy]n?');
  await expect(text).toHaveValue('jy]n?');
  await expect(page.getByTestId('item-title')).toHaveText(SECOND);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByTestId('shortcut-help')).toBeHidden();
});

test('a consultation letter being written survives the idle lock, and is gone after logout', async ({ page }) => {
  await page.goto(host.url);
  await loginAs(page, 'zhao');
  await openItem(page, FIRST);
  await page.getByLabel('名称', { exact: true }).fill('某某县自然资源局');
  await page.getByLabel('需确认的事项').fill('附件中地块编号能否公开，正在写的函');
  await page.getByRole('button', { name: '锁定' }).click();
  await expect(page.getByRole('heading', { name: '会话已锁定' })).toBeVisible();
  await expect(page.getByText('正在写的函')).toHaveCount(0);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '解锁' }).click();
  await expect(page.getByTestId('item-title')).toHaveText(FIRST);
  await expect(page.getByLabel('名称', { exact: true })).toHaveValue('某某县自然资源局');
  await expect(page.getByLabel('需确认的事项')).toHaveValue('附件中地块编号能否公开，正在写的函');

  await loginAs(page, 'zhao');
  await openItem(page, FIRST);
  await expect(page.getByLabel('需确认的事项')).toHaveValue('');
});

test("a PDF is shown as its pages, with each finding highlighted where it is drawn", async ({ page }) => {
  const file = join(dir, '联系表.pdf');
  writeFileSync(file, pdf({ pages: [`联系表`, `经办人联系电话 ${MOBILES[0]}`] }));
  await page.goto(host.url);
  await loginAs(page, 'liu');
  await page.getByText('待办事项', { exact: true }).click();
  await register(page, '关于联系表的公告');
  await page.locator('[data-testid="documents"] input[type="file"]').setInputFiles(file);
  const pages = page.getByTestId('original-pages');
  await expect(pages.locator('[data-page]')).toHaveCount(2);
  const mark = pages.locator('[data-page="2"] span[data-finding]');
  await expect(mark).toHaveCount(1);
  await expect(mark).toHaveAttribute('data-status', 'open');
  const box = (await mark.boundingBox())!;
  expect(box.width).toBeGreaterThan(20);
  expect(box.height).toBeGreaterThan(4);
  await expect(pages.locator('[data-page="1"] span[data-finding]')).toHaveCount(0);
});
