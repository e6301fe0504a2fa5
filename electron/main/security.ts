import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';

// The window's and session's hardening, kept as plain options and functions so they
// are unit-tested without launching Electron.

export const APP_SCHEME = 'app';
export const APP_HOST = 'mishen';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function windowOptions(preloadPath: string, packaged: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: '密审台',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click opens windows; new windows are denied anyway, and this removes the path.
      disableBlinkFeatures: 'Auxclick',
      // Chromium's own PDF viewer shows printed forms (blob: frames only, see the CSP); no other plugin exists.
      plugins: true,
      // Spellcheck downloads dictionaries from the internet.
      spellcheck: false,
      devTools: !packaged,
      safeDialogs: true,
    },
  };
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // Mantine writes its theme variables into a <style> element.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Only the app's own files (and, in development, the local dev server) may load. */
export function isAllowedUrl(url: string, devServerUrl?: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST) return true;
  if (u.protocol === 'devtools:') return true;
  if (devServerUrl) {
    const dev = new URL(devServerUrl);
    if (u.origin === dev.origin && (u.hostname === 'localhost' || u.hostname === '127.0.0.1')) return true;
    if (u.protocol === 'ws:' && u.host === dev.host) return true; // vite's hot reload socket
  }
  return false;
}

/** An IPC call is trusted only from the main frame of the app's own page. */
export function isTrustedSender(
  frame: { url: string; parent: unknown } | null | undefined,
  devServerUrl?: string,
): boolean {
  if (!frame || frame.parent) return false;
  return isAllowedUrl(frame.url, devServerUrl) && !frame.url.startsWith('devtools:');
}

export function hardenSession(session: Session, devServerUrl?: string): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedUrl(details.url, devServerUrl) });
  });
  session.setSpellCheckerEnabled(false);
  session.on('will-download', (event) => event.preventDefault());
}

export function hardenContents(contents: WebContents, devServerUrl?: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
