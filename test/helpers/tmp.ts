import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScryptParams } from '../../electron/keys/crypto';

/** A fresh folder under the system temp dir, removed by the returned function. */
export function tempDir(prefix = 'mishen-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Unit tests use a cheap scrypt so that hundreds of logins stay fast; one test checks the real one. */
export const TEST_KDF: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
