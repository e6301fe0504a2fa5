import { normalize, relative, resolve, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from './security';

/**
 * Maps app://mishen/<path> to a file inside the renderer folder, or null for anything
 * that would leave it (.., encoded separators, other hosts).
 */
export function resolveAppFile(rendererDir: string, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const rel = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = resolve(rendererDir);
  const file = resolve(root, normalize(rel));
  const back = relative(root, file);
  if (back.startsWith('..') || back.includes(`..${sep}`) || resolve(root, back) !== file) return null;
  return file;
}

/** `--data <dir>` on the command line wins over the default under userData. */
export function dataDirFromArgs(argv: readonly string[], fallback: string): string {
  const i = argv.indexOf('--data');
  const value = i >= 0 ? argv[i + 1] : undefined;
  return value ? resolve(value) : fallback;
}
