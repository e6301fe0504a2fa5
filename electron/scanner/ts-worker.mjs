// Development only (browser host, tests, bench): lets a scanning thread run the
// TypeScript entry. The packaged app starts the bundled scanner worker instead.
import { pathToFileURL } from 'node:url';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(pathToFileURL(workerData.entry).href);
