import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer/vite.config';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: { index: resolve('electron/main/index.ts'), 'documents-worker': resolve('electron/documents/worker.ts'), 'scan-pool-worker': resolve('electron/scanner/pool-worker.ts'), 'verify-worker': resolve('electron/audit/verify-worker.mjs') },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require packages: bundle zod and shared/ into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  // electron-vite bundles this file and what it imports into one file at the project
  // root, where import.meta.dirname in renderer/vite.config.ts no longer names renderer/:
  // its folders are given again here from the project root, as main's and preload's are.
  renderer: {
    ...rendererConfig,
    root: resolve('renderer'),
    build: {
      ...rendererConfig.build,
      outDir: resolve(process.env['MISHEN_OUT'] ?? 'out', 'renderer'),
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
