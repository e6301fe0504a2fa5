import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHost } from './host';

// Walks every page of the app as each person of the demonstration agency would, at the
// size of an office laptop screen (1366×768): each page is photographed into a folder
// outside the repository, and its visible text must hold no stray English — a schema
// key, a validator's wording or an untranslated label is a bug a user would see.

const SHOTS = process.env['MISHEN_SCREENSHOTS'] ?? join(tmpdir(), 'mishen-screenshots');

/** ASCII words a Chinese page may rightly show: names of formats and standards, keys on the keyboard, the demo's own data. */
const ALLOWED = new Set(
  [
    // formats, standards, hardware
    'KB MB GB PDF OFD Word Excel WPS CSV JSON USB ID SHA XLSX DOCX DOC XLS XML HTML GPS EXIF XMP IPTC ICC OOXML ZIP QR PNG JPEG JPG TIFF TXT CPU RSS UTF BOM Ed ISO',
    // keyboard keys named in the shortcut help
    'Ctrl Alt Shift Enter Tab Esc',
    // the demonstration agency's short name and its people's user names (user-entered text)
    'DEMO sysadmin secadmin auditor liu chen wang zhao sun li zhou wu',
  ]
    .join(' ')
    .split(' ')
    .map((w) => w.toLowerCase()),
);

/** The ASCII words on the page that are neither allowed nor part of a file name, number, hash or address. */
function strayWords(text: string): string[] {
  const out = new Set<string>();
  // Tokens with a digit, a dot, a slash, an underscore or a hyphen are file names,
  // document numbers, hashes, dates or addresses: data, not wording.
  for (const token of text.split(/[\s，。、：；（）()【】《》“”"'‘’·|,:;!?！？]+/)) {
    if (!/[A-Za-z]/.test(token) || /[\d./_\\@=-]/.test(token)) continue;
    for (const word of token.match(/[A-Za-z]{2,}/g) ?? []) if (!ALLOWED.has(word.toLowerCase())) out.add(word);
  }
  return [...out];
}

type Account = { username: string; password: string };

function buildDemo(dir: string): Account[] {
  const r = spawnSync(process.execPath, ['bin/mishen.mjs', 'demo', '--data', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`demo failed: ${r.stderr}`);
  return r.stdout
    .split('\n')
    .map((l) => l.split('\t'))
    .filter((f) => f.length >= 4)
    .map(([username, password]) => ({ username: username!, password: password! }));
}

const problems: string[] = [];
let shot = 0;

async function check(page: Page, who: string, what: string): Promise<void> {
  // Let queries settle: a page shows its loading state first.
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  shot++;
  await page.screenshot({ path: join(SHOTS, `${String(shot).padStart(3, '0')}-${who}-${what.replace(/[\\/:*?"<>|\s]+/g, '_')}.png`), fullPage: true });
  const words = strayWords(await page.locator('body').innerText());
  if (words.length) problems.push(`${who} · ${what}: ${words.join(', ')}`);
}

test.use({ viewport: { width: 1366, height: 768 } });

test('the setup and login pages hold no stray English', async ({ page }) => {
  mkdirSync(SHOTS, { recursive: true });
  const fresh = await startHost();
  try {
    await page.goto(fresh.url);
    await expect(page.getByRole('heading', { name: '密审台 · 首次设置' })).toBeVisible();
    await check(page, 'anyone', '首次设置');
  } finally {
    await fresh.stop();
  }
  expect(problems).toEqual([]);
});

test('every page, for every person, holds no stray English (screenshots at 1366×768)', async ({ page }) => {
  test.setTimeout(900_000);
  problems.length = 0;
  mkdirSync(SHOTS, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'mishen-walk-'));
  const accounts = buildDemo(join(dir, 'data'));
  expect(accounts.length).toBeGreaterThanOrEqual(11);
  const host = await startHost(join(dir, 'data'));
  try {
    await page.goto(host.url);
    await expect(page.getByLabel('用户名')).toBeVisible();
    await check(page, 'anyone', '登录');
    for (const a of accounts) {
      await page.getByLabel('用户名').fill(a.username);
      await page.getByLabel(/^密码/).fill(a.password);
      await page.getByRole('button', { name: '登录' }).click();
      await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
      const nav = page.locator('nav');
      const labels = (await nav.locator('a, button').allInnerTexts()).map((l) => l.trim()).filter(Boolean);
      expect(labels.length).toBeGreaterThan(2);
      for (const label of labels) {
        await nav.getByText(label, { exact: true }).first().click();
        await check(page, a.username, label);
      }
      // Business people also open an item, and each of its tabs.
      if (labels.includes('待办事项')) {
        await page.goto(`${new URL(host.url).origin}/#/inbox?view=all`);
        const first = page.locator('tr[data-title]').first();
        if (await first.waitFor({ timeout: 10_000 }).then(() => true, () => false)) {
          await first.click();
          await expect(page.getByTestId('item-title')).toBeVisible();
          await check(page, a.username, '事项');
          const tabs = page.getByRole('tab');
          for (let i = 0; i < (await tabs.count()); i++) {
            const name = (await tabs.nth(i).innerText()).trim();
            await tabs.nth(i).click();
            await check(page, a.username, `事项-${name}`);
          }
        }
      }
      const origin = new URL(host.url).origin;
      if (labels.includes('待办事项')) {
        await page.goto(`${origin}/#/search?q=${encodeURIComponent('通知')}`);
        await check(page, a.username, '查找结果');
      }
      if (labels.includes('依申请公开')) {
        await page.goto(`${origin}/#/applications/report`);
        await check(page, a.username, '年度报告');
        await page.goto(`${origin}/#/applications`);
        const application = page.locator('tr[data-title]').first();
        if (await application.waitFor({ timeout: 5_000 }).then(() => true, () => false)) {
          await application.click();
          await check(page, a.username, '申请');
        }
      }
      await page.getByRole('button', { name: '退出登录' }).click();
      await expect(page.getByLabel('用户名')).toBeVisible();
    }
  } finally {
    await host.stop();
  }
  expect(problems, `screenshots in ${SHOTS}`).toEqual([]);
});
