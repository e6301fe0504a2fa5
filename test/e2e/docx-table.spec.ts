import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { docxWithTables } from '../helpers/docx-table';
import { residentId } from '../helpers/synthetic';
import { axeSerious } from './axe';
import { startHost, watchNetwork } from './host';
import { loginAs, register, seed } from './workflow';

// A Word file's tables appear on the item page as tables, where they stand among the
// paragraphs, with an ID number found in a cell highlighted in that cell.


let host: Awaited<ReturnType<typeof startHost>>;
let dir: string;
test.beforeAll(async ({ request }) => {
  host = await startHost();
  await seed(request, host.url, 'tongliao');
  dir = mkdtempSync(join(tmpdir(), 'mishen-e2e-docx-table-'));
});
test.afterAll(async () => {
  await host.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a table in a Word file is shown as a table with the finding highlighted in its cell', async ({ page, context }) => {
  const foreign = watchNetwork(context);
  const id = residentId('320102', '19880512', '274');
  const file = join(dir, '人员名单.docx');
  writeFileSync(file, docxWithTables({ value: id, hidden: '内部备注' }));

  await page.goto(host.url);
  await loginAs(page, 'liu');
  await register(page, '2026年度人员名单公示');
  await page.locator('[data-testid="documents"] input[type="file"]').setInputFiles(file);
  const view = page.getByTestId('text-view');
  await expect(view.locator('mark[data-kind="ID_CARD"]')).toHaveText(id);

  const body = view.locator('section[data-part="正文"]');
  const first = body.locator('table[data-testid="word-table"][data-table="1"]');
  await expect(first.locator('caption')).toHaveText('表格1');
  await expect(first.locator(':scope > tbody > tr')).toHaveCount(2);
  // The ID is in row 2, column 3, highlighted there; the hidden note in the same cell is labelled.
  const cell = first.locator('td[data-row="2"][data-col="3"]');
  await expect(cell.locator('mark[data-kind="ID_CARD"]')).toHaveText(id);
  await expect(cell.getByTestId('place-label')).toHaveText('隐藏文字');
  await expect(first.locator('td[data-row="1"][data-col="2"]')).toHaveText('姓名');

  // Merged cells span, and the nested table sits inside its cell.
  const second = body.locator('table[data-testid="word-table"][data-table="2"]');
  // The outer table's own cells, not those of the table nested in it.
  const own = (row: number, col: number) => second.locator(`:scope > tbody > tr > td[data-row="${row}"][data-col="${col}"]`);
  await expect(own(1, 1)).toHaveAttribute('colspan', '2');
  await expect(own(1, 3)).toHaveAttribute('rowspan', '2');
  const nested = own(2, 2).locator('table[data-testid="word-table"][data-table="3"]');
  await expect(nested.locator('caption')).toHaveText('表格3');
  await expect(nested.locator('td[data-col="2"]')).toHaveText('内乙');

  // Paragraphs keep their place around the tables.
  const order = await body.evaluate((el) =>
    [...el.querySelectorAll(':scope div[data-location], :scope table[data-testid="word-table"]')]
      .filter((n) => !n.parentElement?.closest('table'))
      .map((n) => (n.tagName === 'TABLE' ? `表格${n.getAttribute('data-table')}` : n.textContent)),
  );
  expect(order).toEqual(['表前的段落', '表格1', '两表之间', '表格2', '表后的段落']);
  // The header's table is a table of its own part.
  await expect(view.locator('section[data-part="页眉1"] table[data-testid="word-table"] caption')).toHaveText('表格1');

  // The drawn tables pass axe: no serious or critical violation inside the document view.
  const serious = await axeSerious(page, { within: view });
  expect(serious).toEqual([]);

  expect(foreign).toEqual([]);
});
