import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

// One renderer build for both hosts: Electron (app://mishen) and the browser host.
export const rendererConfig: UserConfig = {
  root: resolve(import.meta.dirname),
  base: './',
  plugins: [react()],
  build: {
    // MISHEN_OUT lets parallel work build and test without sharing one output folder.
    outDir: resolve(process.env['MISHEN_OUT'] ?? resolve(import.meta.dirname, '../out'), 'renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: { input: resolve(import.meta.dirname, 'index.html') },
  },
};

export default defineConfig(rendererConfig);
