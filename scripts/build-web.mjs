// Builds the renderer (out/renderer) and the browser host's shim (out/host-shim).
// Logs go to stderr so that a host started after it still prints its URL first.
import { resolve } from 'node:path';
import { build, createLogger } from 'vite';
import { rendererConfig } from '../renderer/vite.config.ts';

const root = resolve(import.meta.dirname, '..');
const logger = createLogger('warn');
logger.info = (msg) => process.stderr.write(`${msg}\n`);

export async function buildWeb() {
  await build({ ...rendererConfig, configFile: false, customLogger: logger, logLevel: 'warn' });
  await build({
    configFile: false,
    customLogger: logger,
    logLevel: 'warn',
    build: {
      outDir: resolve(process.env['MISHEN_OUT'] ?? resolve(root, 'out'), 'host-shim'),
      emptyOutDir: true,
      lib: { entry: resolve(root, 'renderer/host-shim.ts'), formats: ['iife'], name: 'mishenHostShim', fileName: () => 'host-shim.js' },
    },
  });
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await buildWeb();
}
