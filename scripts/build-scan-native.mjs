// npm install (postinstall): builds the scanner's native pass (electron/scanner/native)
// with node-gyp. It is a Node-API module: this one build loads in Node (tests, the
// command line, the browser host) and in Electron of the same system and CPU, so unlike
// the SQLite module it needs no second build for Electron. Without it the scanner finds
// the same, in JavaScript alone, only slower; the build failing fails the install all the
// same, as a missing compiler fails the SQLite module's.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SCAN_DIR = join(ROOT, 'electron', 'scanner', 'native');
export const SCAN_FILE = 'mishen_scan.node';

/** Where the build lands. */
export const scanBuild = (root = ROOT) => join(root, 'electron', 'scanner', 'native', 'build', 'Release', SCAN_FILE);

/** node-gyp: the one npm runs scripts with, else the one in node_modules. */
function nodeGyp() {
  const fromNpm = process.env.npm_config_node_gyp;
  if (fromNpm && existsSync(fromNpm)) return fromNpm;
  try {
    return createRequire(join(ROOT, 'package.json')).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    return null;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const gyp = nodeGyp();
  if (!gyp) {
    console.error('mishen: node-gyp not found; cannot build electron/scanner/native');
    process.exit(1);
  }
  // npm passes its own settings (nodedir among them) to scripts as npm_config_* variables.
  const r = spawnSync(process.execPath, [gyp, 'rebuild', '--directory', SCAN_DIR], { stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(scanBuild())) {
    console.error('mishen: building electron/scanner/native failed (needs make, a C compiler and python3)');
    process.exit(r.status || 1);
  }
}
