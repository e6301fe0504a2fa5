import { describe, expect, it, vi } from 'vitest';
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  hardenContents,
  hardenSession,
  isAllowedUrl,
  isTrustedSender,
  windowOptions,
} from '../../../electron/main/security';
import { dataDirFromArgs, resolveAppFile } from '../../../electron/main/paths';
import { readFileSync } from 'node:fs';

// electron/main cannot be launched here (no Electron binary); its security settings are
// plain data and functions, tested against stand-ins for Electron's objects.

describe('window options', () => {
  it('isolates and sandboxes the renderer', () => {
    const w = windowOptions('/app/preload.cjs', true).webPreferences!;
    expect(w.contextIsolation).toBe(true);
    expect(w.sandbox).toBe(true);
    expect(w.nodeIntegration).toBe(false);
    expect(w.nodeIntegrationInSubFrames).toBe(false);
    expect(w.webSecurity).toBe(true);
    expect(w.allowRunningInsecureContent).toBe(false);
    expect(w.webviewTag).toBe(false);
    expect(w.spellcheck).toBe(false);
    expect(w.devTools).toBe(false);
    expect(w.preload).toBe('/app/preload.cjs');
    expect(windowOptions('/p', false).webPreferences!.devTools).toBe(true);
  });

  it('ships a strict CSP in the page and in code', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
    const html = readFileSync('renderer/index.html', 'utf8');
    expect(html).toContain("script-src 'self'");
    expect(html).not.toMatch(/script-src[^;"]*unsafe/);
  });
});

describe('request blocker', () => {
  it('allows only the app origin', () => {
    expect(isAllowedUrl(`${APP_ORIGIN}/index.html`)).toBe(true);
    expect(isAllowedUrl(`${APP_ORIGIN}/assets/x.js`)).toBe(true);
    for (const bad of [
      'https://example.com/',
      'http://127.0.0.1:8080/',
      'file:///etc/passwd',
      'app://other/index.html',
      'ws://10.0.0.1/',
      'data:text/html,hi',
      'not a url',
    ])
      expect(isAllowedUrl(bad), bad).toBe(false);
  });

  it('admits the dev server only when one is given', () => {
    expect(isAllowedUrl('http://localhost:5173/src/main.tsx')).toBe(false);
    expect(isAllowedUrl('http://localhost:5173/src/main.tsx', 'http://localhost:5173')).toBe(true);
    expect(isAllowedUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });

  it('cancels foreign requests and denies every permission', () => {
    let before: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | undefined;
    let permission: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    const on = vi.fn();
    const session = {
      setPermissionRequestHandler: (h: typeof permission) => (permission = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
      webRequest: { onBeforeRequest: (h: typeof before) => (before = h) },
      setSpellCheckerEnabled: vi.fn(),
      on,
    };
    hardenSession(session as never);
    const verdict = (url: string) => {
      let cancel: boolean | undefined;
      before!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(verdict('https://update.example.com/')).toBe(true);
    expect(verdict(`${APP_ORIGIN}/index.html`)).toBe(false);
    const granted = vi.fn();
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read']) permission!(null, p, granted);
    expect(granted.mock.calls.every(([ok]) => ok === false)).toBe(true);
    expect(check!()).toBe(false);
    expect(session.setSpellCheckerEnabled).toHaveBeenCalledWith(false);
    expect(on).toHaveBeenCalledWith('will-download', expect.any(Function));
  });

  it('blocks navigation away and window.open', () => {
    const handlers: Record<string, (e: { preventDefault: () => void }, url?: string) => void> = {};
    let openHandler: (() => { action: string }) | undefined;
    const contents = {
      on: (name: string, h: (e: { preventDefault: () => void }, url?: string) => void) => (handlers[name] = h),
      setWindowOpenHandler: (h: typeof openHandler) => (openHandler = h),
    };
    hardenContents(contents as never);
    const prevented = (event: string, url: string) => {
      const e = { preventDefault: vi.fn() };
      handlers[event]!(e, url);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(prevented('will-navigate', 'https://evil.example/')).toBe(true);
    expect(prevented('will-navigate', `${APP_ORIGIN}/index.html`)).toBe(false);
    expect(prevented('will-redirect', 'http://10.1.1.1/')).toBe(true);
    expect(openHandler!()).toEqual({ action: 'deny' });
    const e = { preventDefault: vi.fn() };
    handlers['will-attach-webview']!(e);
    expect(e.preventDefault).toHaveBeenCalled();
  });
});

describe('IPC sender check', () => {
  it('trusts only the main frame of the app page', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, parent: null })).toBe(true);
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'devtools://devtools/bundled/x.html', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});

describe('app:// file mapping', () => {
  it('serves files inside the renderer folder and nothing else', () => {
    expect(resolveAppFile('/r', `${APP_ORIGIN}/`)).toBe('/r/index.html');
    expect(resolveAppFile('/r', `${APP_ORIGIN}/assets/a.js`)).toBe('/r/assets/a.js');
    expect(resolveAppFile('/r', `${APP_ORIGIN}/../etc/passwd`)).toBe('/r/etc/passwd'); // URL parsing folds ..
    // WHATWG URL parsing folds encoded dots too: whatever comes out stays inside /r.
    expect(resolveAppFile('/r', `${APP_ORIGIN}/%2e%2e/%2e%2e/etc/passwd`)).toBe('/r/etc/passwd');
    expect(resolveAppFile('/r', `${APP_ORIGIN}/a%5c..%5c..%5cx`)).toBeNull();
    expect(resolveAppFile('/r', `${APP_ORIGIN}/a%00b`)).toBeNull();
    expect(resolveAppFile('/r', 'app://other/index.html')).toBeNull();
    expect(resolveAppFile('/r', 'file:///etc/passwd')).toBeNull();
  });

  it('takes --data from the command line', () => {
    expect(dataDirFromArgs(['electron', '.', '--data', '/tmp/d'], '/home/u/data')).toBe('/tmp/d');
    expect(dataDirFromArgs(['electron', '.'], '/home/u/data')).toBe('/home/u/data');
  });
});
