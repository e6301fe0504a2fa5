// npm start: the desktop app when the Electron binary is present; otherwise (as on
// build machines that cannot download it) the same app through the browser host, on
// the same default data folder.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The installed Electron binary, found without require('electron'): that call tries to
 * download the binary when it is missing, and this machine must make no such request.
 */
function electronBinary() {
  const dir = join('node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

/** Where Electron keeps userData for productName 密审台, so both ways share one store. */
function defaultDataDir() {
  const name = '密审台';
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name, 'data');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name, 'data');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), name, 'data');
}

const run = (cmd, args) =>
  new Promise((resolve) => spawn(cmd, args, { stdio: 'inherit' }).on('exit', (code) => resolve(code ?? 1)));

const extra = process.argv.slice(2);
const browserHost = async (why) => {
  process.stderr.write(`${why}改用浏览器宿主运行同一程序：请在浏览器中打开下面一行的地址。\n`);
  const data = extra.includes('--data') ? [] : ['--data', defaultDataDir()];
  return run(process.execPath, [join('scripts', 'host.mjs'), ...data, ...extra]);
};
if (!electronBinary()) {
  process.exit(await browserHost('未找到 Electron 可执行文件（本机无法下载）。'));
}
// Electron's build of the SQLite module, beside Node's (which tests and the CLI keep using);
// without it the window could not open the store.
if ((await run(process.execPath, [join('scripts', 'native-electron.mjs')])) !== 0) {
  process.exit(await browserHost('Electron 版数据库组件未能编译（见上一行）。'));
}
process.exit(await run(process.execPath, [join('node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'preview', '--', ...extra]));
