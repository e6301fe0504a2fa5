import { createRuntime } from '../electron/app/runtime';
import { TEST_KDF, tempDir } from '../test/helpers/tmp';
import { rate, type Figure } from './harness';

/** A call through the dispatcher (lookup, zod parse, authorize) vs calling the service directly. */
export async function run(): Promise<Figure[]> {
  const t = tempDir('mishen-bench-');
  const runtime = createRuntime({ dataDir: t.dir, kdf: TEST_KDF, host: 'browser-host', version: 'bench' });
  try {
    const caller = { trustedSender: true };
    const n = 20_000;
    const direct = await rate(n, () => runtime.services.session.info());
    const viaDispatcher = await rate(n, () => runtime.dispatcher.dispatch('mishen:auth.session', undefined, caller));
    return [{ name: 'IPC round trip through the dispatcher', rate: viaDispatcher, baselineRate: direct, baseline: 'a direct call', unit: 'calls' }];
  } finally {
    await runtime.close();
    t.cleanup();
  }
}
