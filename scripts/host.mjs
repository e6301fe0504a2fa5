// npm run host -- --data <dir> [--port <n>]: build the UI, then serve it with the
// browser host. The host's first line on stdout is the URL to open.
import { register } from 'tsx/esm/api';

register();
const { buildWeb } = await import('./build-web.mjs');
if (!process.argv.includes('--no-build')) await buildWeb();
await import('../electron/host/cli.ts');
