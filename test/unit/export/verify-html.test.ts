import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { HTML_PATH, renderVerifyHtml } from '../../../tools/verify-bundle-html.mjs';
import { tempDir } from '../../helpers/tmp';
import { CHROMIUM, verifyInPage } from '../../helpers/verify-html';
import { CASES, TRUST, prepareCases, sorted } from './cases';

// tools/verify-bundle.html is generated from the one verifier core; this test keeps the
// committed page in step with it and runs the shared table in Debian's Chromium.


describe('tools/verify-bundle.html', () => {
  it('is the page generated from verify-bundle-core.mjs (run `node tools/verify-bundle-html.mjs`)', () => {
    expect(readFileSync(HTML_PATH, 'utf8')).toBe(renderVerifyHtml());
  });

  it('is self-contained: CSP forbids the network, no external reference', () => {
    const html = readFileSync(HTML_PATH, 'utf8');
    expect(html).toContain(`content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/\s(src|href)=/i);
    expect(html).not.toMatch(/https?:\/\//i);
    expect(html).toContain('<html lang="zh-CN">');
  });
});

describe.skipIf(!existsSync(CHROMIUM))('tools/verify-bundle.html in Chromium', () => {
  let browser: Browser;
  let t: ReturnType<typeof tempDir>;
  let dirs: Map<string, string>;
  const requests: string[] = [];
  const cases = CASES.filter((c) => !c.nodeOnly);

  beforeAll(async () => {
    t = tempDir('mishen-bundle-html-');
    dirs = await prepareCases(t.dir, cases);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'] });
  });
  afterAll(async () => {
    await browser?.close();
    t?.cleanup();
  });

  const verify = (dir: string, trust: string) => verifyInPage(browser, dir, trust, requests);

  it.each(cases)('$name', async (c) => {
    const r = await verify(dirs.get(c.name)!, c.trust ?? TRUST);
    expect(sorted(r.codes)).toEqual(sorted(c.expected));
    expect(r.status).toBe(c.expected.length ? 'invalid' : 'valid');
    expect(r.headline).toMatch(c.expected.length ? /^导出包验证未通过/ : /^导出包验证通过/);
    for (const line of c.expected.length ? r.lines : []) expect(line).toMatch(/[\u4e00-\u9fff]/);
    expect(requests).toEqual([]);
  });

  it('refuses a malformed fingerprint before reading anything', async () => {
    const r = await verify(dirs.get('a valid bundle')!, 'sha256:abc');
    expect(r.status).toBe('error');
    expect(r.headline).toContain('指纹格式不正确');
  });
});
