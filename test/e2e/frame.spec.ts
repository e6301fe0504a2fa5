import { expect, test } from '@playwright/test';
import { startHost, watchNetwork } from './host';

let host: Awaited<ReturnType<typeof startHost>>;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host.stop();
});

test('the app opens through the browser host, in Chinese, and stays on loopback', async ({ page, context }) => {
  const foreign = watchNetwork(context);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}$/);
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: '密审台 · 首次设置' })).toBeVisible();
  await expect(page.getByText('三员账号', { exact: true })).toBeVisible();
  // The token is taken out of the address bar.
  expect(page.url()).not.toContain('token=');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  expect(errors).toEqual([]);
  expect(foreign).toEqual([]);
});

test('calls without the token are refused', async ({ request }) => {
  const origin = new URL(host.url).origin;
  const res = await request.post(`${origin}/ipc/mishen:app.info`, { data: { input: undefined } });
  expect(await res.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  const token = new URL(host.url).searchParams.get('token')!;
  const ok = await request.post(`${origin}/ipc/mishen:app.info`, { data: {}, headers: { 'x-mishen-token': token } });
  expect(await ok.json()).toMatchObject({ ok: true, value: { productName: '密审台', needsSetup: true } });
  const unknown = await request.post(`${origin}/ipc/mishen:nope`, { data: {}, headers: { 'x-mishen-token': token } });
  expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION', message: '未知的操作，已拒绝' } });
});
