// Child process for the rotation kill tests: opens a data folder, logs in and rotates the
// data key (or, for `login`, just logs in, which rewraps a stale slot); MISHEN_FAULT makes
// it SIGKILL itself at a named point (electron/vault/faults.ts).
// Usage: node test/unit/vault/rotation-child.mjs <dataDir> <rotate|login> <json args>
import { register } from 'tsx/esm/api';

register();
const [dir, op, argsJson] = process.argv.slice(2);
const args = JSON.parse(argsJson);
const { createServices } = await import('../../../electron/app/services.ts');
const { KeyRotationService } = await import('../../../electron/vault/rotation-service.ts');
const { TEST_KDF } = await import('../../helpers/tmp.ts');
const s = createServices({ dataDir: dir, kdf: TEST_KDF });
await s.session.login(args.username, args.password);
if (op === 'rotate') {
  // The code is fixed by the parent so that it can check the folder against it after the kill.
  const keys = new KeyRotationService(s.vault, s.session.context(), s.locks.vault, (p) => s.session.confirmPassword(p), () => args.code);
  await keys.rotate(args.password);
}
process.stdout.write('done\n');
process.exit(0);
