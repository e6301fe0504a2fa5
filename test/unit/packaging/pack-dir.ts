import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './builder';

// A real `electron-builder --linux dir` run, offline: a scratch copy of the project
// (node_modules hard-linked, so nothing is copied or downloaded), the build output and
// development files as small stand-ins, and in place of Electron's download a stand-in
// binary that carries the fuse wire of Electron 45 (nine fuses, factory settings).

export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's factory wire: RunAsNode, cookie encryption off, NODE_OPTIONS and inspect on, … WasmTrapHandlers on. */
export const FACTORY_WIRE = '101100011';

export interface PackRun {
  scratch: string;
  /** dist/linux-unpacked */
  appOutDir: string;
  status: number | null;
  output: string;
  /** The stand-in for Electron's build of the SQLite module, as seeded. */
  seededBinding: Buffer;
  /** The scanner's native pass as built by npm install. */
  scanBinding: Buffer;
}

const STAND_INS: Record<string, string> = {
  'out/main/index.js': 'export {};\n',
  'out/main/index.js.map': '{}\n',
  'out/main/documents-worker.js': 'export {};\n',
  'out/main/scan-pool-worker.js': 'export {};\n',
  'out/preload/index.cjs': '"use strict";\n',
  'out/preload/index.cjs.map': '{}\n',
  'out/renderer/index.html': '<!doctype html><title>密审台</title>\n',
  'out/renderer/assets/index-0000.js': 'export {};\n',
  'out/renderer/assets/index-0000.js.map': '{}\n',
  'out/host-shim/host-shim.js': 'export {};\n',
  'electron/host/cli.ts': 'export {};\n',
  'electron/main/index.ts': 'export {};\n',
  'shared/contract.ts': 'export {};\n',
  'test/unit/a.test.ts': 'export {};\n',
  'bench/run.ts': 'export {};\n',
  'tools/eslint/layers.js': 'export {};\n',
  'bin/mishen.mjs': 'export {};\n',
};

/** null when hard links cannot reach the checkout from the temp folder (another file system). */
export function packLinuxDir(arch: 'x64' | 'arm64'): PackRun | null {
  const scratch = mkdtempSync(join(tmpdir(), 'mishen-pack-'));
  const proj = join(scratch, 'proj');
  mkdirSync(proj);
  try {
    execFileSync('cp', ['-al', join(ROOT, 'node_modules'), join(proj, 'node_modules')], { stdio: 'ignore' });
  } catch {
    return null;
  }
  for (const f of ['package.json', 'electron-builder.yml']) cpSync(join(ROOT, f), join(proj, f));
  cpSync(join(ROOT, 'scripts'), join(proj, 'scripts'), { recursive: true });
  cpSync(join(ROOT, 'resources/build'), join(proj, 'resources/build'), { recursive: true });
  for (const [f, text] of Object.entries(STAND_INS)) {
    mkdirSync(join(proj, f, '..'), { recursive: true });
    writeFileSync(join(proj, f), text);
  }

  // Electron's build of the SQLite module, as a previous rebuild would have left it: this
  // machine's Node build stands in (right format and CPU, so the hook's check passes).
  const electronVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version as string;
  const moduleVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules/better-sqlite3-multiple-ciphers/package.json'), 'utf8')).version as string;
  const seeded = join(proj, 'build/native', `electron-${electronVersion}-linux-${arch}`);
  mkdirSync(seeded, { recursive: true });
  const seededBinding = readFileSync(join(ROOT, 'node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node'));
  writeFileSync(join(seeded, 'better_sqlite3.node'), seededBinding);
  writeFileSync(join(seeded, 'build.json'), JSON.stringify({ module: moduleVersion }));

  // The scanner's native pass, as npm install built it (this machine's system and CPU).
  const scanBinding = readFileSync(join(ROOT, 'electron/scanner/native/build/Release/mishen_scan.node'));
  mkdirSync(join(proj, 'electron/scanner/native/build/Release'), { recursive: true });
  writeFileSync(join(proj, 'electron/scanner/native/build/Release/mishen_scan.node'), scanBinding);

  const electronDist = join(scratch, 'electron-dist');
  mkdirSync(electronDist);
  writeFileSync(join(electronDist, 'electron'), Buffer.concat([Buffer.from('stand-in binary\0'), Buffer.from(FUSE_SENTINEL), Buffer.from([1, FACTORY_WIRE.length]), Buffer.from(FACTORY_WIRE), Buffer.from('\0')]));
  chmodSync(join(electronDist, 'electron'), 0o755);
  writeFileSync(join(electronDist, 'chrome-sandbox'), '');
  writeFileSync(join(electronDist, 'LICENSE'), '');

  const dist = join(scratch, 'dist');
  // electron-builder goes quiet under Vitest; its log is what the test reads.
  const { VITEST: _vitest, VITEST_WORKER_ID: _worker, VITEST_POOL_ID: _pool, ...env } = process.env;
  const r = spawnSync(
    process.execPath,
    ['node_modules/electron-builder/cli.js', '--linux', 'dir', `--${arch}`, '--config', 'electron-builder.yml', `-c.electronDist=${electronDist}`, `-c.directories.output=${dist}`],
    {
      cwd: proj,
      encoding: 'utf8',
      timeout: 240_000,
      env: {
        ...env,
        // Any download would fail at once instead of leaving the machine.
        HTTPS_PROXY: 'http://127.0.0.1:9',
        HTTP_PROXY: 'http://127.0.0.1:9',
        https_proxy: 'http://127.0.0.1:9',
        http_proxy: 'http://127.0.0.1:9',
        ELECTRON_BUILDER_CACHE: join(scratch, 'cache'),
        ELECTRON_CACHE: join(scratch, 'cache'),
      },
    },
  );
  const appOutDir = join(dist, arch === 'x64' ? 'linux-unpacked' : `linux-${arch}-unpacked`);
  return { scratch, appOutDir, status: r.status, output: `${r.stdout}\n${r.stderr}`, seededBinding, scanBinding };
}
