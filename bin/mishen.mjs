#!/usr/bin/env node
// Runs the TypeScript CLI directly in a checkout (after npm install), through tsx.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../electron/cli/index.ts');
run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`无法完成：${err?.message ?? String(err)}\n`);
    process.exit(2);
  },
);
