import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The version in package.json, found from the project root the code runs in. */
export function packageVersion(root: string): string {
  return (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
}
