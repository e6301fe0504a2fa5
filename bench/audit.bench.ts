import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { createServices } from '../electron/app/services';
import { verifyAudit } from '../electron/audit/verify';
import { verifyAuditParallel } from '../electron/audit/verify-parallel';
import { ADMINS, firstLogin } from '../test/helpers/setup';
import { TEST_KDF, tempDir } from '../test/helpers/tmp';
import { rate, type Figure } from './harness';

/**
 * Appending a signed, chained entry vs a bare Ed25519 signature; verifying the whole
 * chain vs bare Ed25519 verification of the same number of signatures.
 */
export async function run(): Promise<Figure[]> {
  const t = tempDir('mishen-bench-');
  const core = createServices({ dataDir: t.dir, kdf: TEST_KDF });
  try {
    await core.setup.run({ organizationName: '基准测试单位', organizationShortName: 'BENCH', ...ADMINS });
    await firstLogin(core, ADMINS.sysAdmin);
    const n = 20_000;
    const append = await rate(n, (i) => core.session.context().audit({ action: 'bench.append', subject: `item-${i}`, payload: { i, title: '关于开展保密审查工作的通知' } }));

    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const digest = Buffer.alloc(32, 7);
    const signRate = await rate(n, () => sign(null, digest, privateKey));

    const total = (await core.vault.db().selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const start = process.hrtime.bigint();
    const report = await verifyAudit(core.vault.db());
    const verifyRate = Number(total) / (Number(process.hrtime.bigint() - start) / 1e9);
    if (!report.ok) throw new Error('bench trail did not verify');
    const sig = sign(null, digest, privateKey);
    const rawVerify = await rate(Number(total), () => verify(null, digest, publicKey, sig));
    const startParallel = process.hrtime.bigint();
    const parallel = await verifyAuditParallel(core.vault.db(), { store: { dataKey: core.vault.dataKey(), file: core.vault.dbPath } });
    const parallelRate = Number(total) / (Number(process.hrtime.bigint() - startParallel) / 1e9);
    if (!parallel.ok) throw new Error('bench trail did not verify in parallel');

    return [
      { name: 'audit append (hash, sign, insert, own transaction)', rate: append, baselineRate: signRate, baseline: 'raw Ed25519 signing', unit: 'entries' },
      { name: 'audit verification (whole chain, one thread)', rate: verifyRate, baselineRate: rawVerify, baseline: 'raw Ed25519 verification of as many signatures', unit: 'entries' },
      { name: 'audit verification (whole chain, every core)', rate: parallelRate, baselineRate: rawVerify, baseline: 'single-thread raw Ed25519 verification of as many signatures (goal ≥ 1.5×)', unit: 'entries' },
    ];
  } finally {
    await core.close();
    t.cleanup();
  }
}
