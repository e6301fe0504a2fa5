import type { Browser } from '@playwright/test';
import { pathToFileURL } from 'node:url';
import { HTML_PATH } from '../../tools/verify-bundle-html.mjs';

/** Debian's Chromium, where the public-side page is run as a user would. */
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * tools/verify-bundle.html on one folder, as a user on the public-network PC runs it:
 * type the fingerprint, pick the folder, press 验证. Every request that is not a file
 * is aborted and recorded in `requests`.
 */
export async function verifyInPage(browser: Browser, dir: string, trust: string, requests: string[] = []) {
  const context = await browser.newContext({ locale: 'zh-CN' });
  await context.route(/^(?!file:)/, (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  try {
    await page.goto(pathToFileURL(HTML_PATH).href);
    await page.fill('#trust', trust);
    await page.setInputFiles('#folder', dir);
    await page.click('#verify');
    await page.waitForSelector('#result[data-state=done]');
    return {
      status: await page.getAttribute('#result', 'data-status'),
      headline: await page.textContent('#headline'),
      codes: await page.$$eval('#failures li[data-code]', (lis) => lis.map((li) => li.getAttribute('data-code')!)),
      lines: await page.$$eval('#failures li', (lis) => lis.map((li) => li.textContent ?? '')),
    };
  } finally {
    await context.close();
  }
}
