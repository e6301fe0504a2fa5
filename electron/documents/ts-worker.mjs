// Development only (browser host, tests): lets a worker thread run a TypeScript entry.
// The packaged app runs the bundled documents-worker.js instead.
import { pathToFileURL } from 'node:url';
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(pathToFileURL(workerData.entry).href);
