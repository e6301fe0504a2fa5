// Child process of kill.test.ts: starts an export whose third file never finishes
// loading, says READY, and waits to be killed.
import { writeBundle } from '../../../electron/export/write';
import { ORG_SIGNER, sampleInput } from './cases';

const input = sampleInput();
input.items[1]!.files = [
  {
    name: '公示.pdf',
    size: 10,
    load: () => {
      process.stdout.write('READY\n');
      return new Promise<Uint8Array>(() => undefined);
    },
  },
];
await writeBundle(process.argv[2]!, input, ORG_SIGNER);
