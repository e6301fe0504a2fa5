import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { residentId } from '../helpers/synthetic';
import { startHost } from './host';
import { loginAs, openItem, register, seed, sign } from './workflow';

// The review gate under each of the five procedures, through the UI: with undecided
// findings nobody proposes or approves publication, and a file marked 秘密★ on an item
// registered as 未标密级 is blocked until its classification is corrected.

const PROFILES: Array<{ id: string; name: string; before: Array<[string, string, string]>; gate: [string, string]; cite?: boolean }> = [
  { id: 'tongliao', name: '通辽', before: [], gate: ['liu', '主动公开'] },
  { id: 'taierzhuang', name: '台儿庄', before: [['liu', '填写《信息发布保密审查表》', '报保密审查工作机构审查']], gate: ['zhao', '同意公开'] },
  { id: 'yongji', name: '永吉', before: [], gate: ['liu', '主动公开'] },
  { id: 'xinfu', name: '忻府', before: [], gate: ['liu', '公开'], cite: true },
  { id: 'aershan', name: '阿尔山', before: [['liu', '提出发布申请', '提出发布申请'], ['wang', '部门负责人审核', '审核同意']], gate: ['zhao', '主动公开'] },
];

let dir: string;
test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mishen-e2e-gate-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function attempt(page: Page, opinion: string, cite: boolean): Promise<void> {
  await page.getByTestId('step-panel').getByRole('radio', { name: opinion, exact: true }).check();
  if (cite) {
    await page.getByRole('combobox', { name: '审查依据' }).click();
    await page.getByRole('option', { name: '《中华人民共和国政府信息公开条例》' }).click();
    await page.keyboard.press('Escape');
    await page.getByLabel(/^理由/).fill('经审查不涉及国家秘密');
  }
  await page.getByRole('button', { name: '签署意见' }).click();
}

for (const p of PROFILES)
  test.describe(p.name, () => {
    let host: Awaited<ReturnType<typeof startHost>>;
    test.beforeAll(async ({ request }) => {
      host = await startHost();
      await seed(request, host.url, p.id);
    });
    test.afterAll(async () => host.stop());

    test(`${p.name}: open findings block publication, and a file marked 秘密★ blocks an unmarked item`, async ({ page }) => {
      const title = `${p.name}：关于某项工作的通知`;
      const file = join(dir, `${p.id}-通知.txt`);
      writeFileSync(file, `秘密★1年\n关于某项工作的通知\n联系人 张小明 身份证号 ${residentId('150502', '19800101', '077')}\n`);
      await page.goto(host.url);
      await loginAs(page, 'liu');
      await register(page, title);
      await page.locator('[data-testid="documents"] input[type="file"]').setInputFiles(file);
      await expect(page.getByTestId('document-findings')).toContainText('发现');
      for (const [user, step, opinion] of p.before) {
        if (user !== 'liu') {
          await loginAs(page, user);
          await openItem(page, title);
        }
        await sign(page, step, opinion);
      }
      const [who, opinion] = p.gate;
      if (who !== 'liu') {
        await loginAs(page, who);
        await openItem(page, title);
      }
      await attempt(page, opinion, !!p.cite);
      await expect(page.getByTestId('error')).toContainText('扫描发现未处理');
      // The person at this step decides every finding.
      await page.locator('tr[data-document]').first().click();
      const findings = page.getByTestId('document-findings');
      const confirm = findings.getByRole('button', { name: '确认', exact: true });
      await expect(confirm.first()).toBeVisible();
      while ((await confirm.count()) > 0) {
        const before = await confirm.count();
        await confirm.first().click();
        await expect(confirm).toHaveCount(before - 1);
      }
      // The form keeps what was filled in: the same opinion is signed again as it stands.
      await attempt(page, opinion, false);
      await expect(page.getByTestId('error')).toContainText('载体文件标有密级标志，但事项登记为未标密级');
    });
  });
