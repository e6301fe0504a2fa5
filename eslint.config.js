import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import mishen from './tools/eslint/layers.js';

const ELECTRON_ONLY_IN_MAIN = {
  paths: [{ name: 'electron', message: "Only electron/main and electron/preload may import 'electron'." }],
  patterns: [{ group: ['electron/*'], message: "Only electron/main and electron/preload may import 'electron'." }],
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'build/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { mishen },
    rules: {
      'mishen/layers': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    files: ['electron/**', 'renderer/**', 'shared/**'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: { 'no-restricted-imports': ['error', ELECTRON_ONLY_IN_MAIN] },
  },
  {
    files: ['renderer/src/**', 'renderer/host-shim.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['bench/**', 'scripts/**', 'bin/**', 'electron/cli/**', 'electron/host/cli.ts'],
    rules: { 'no-console': 'off' },
  },
);
