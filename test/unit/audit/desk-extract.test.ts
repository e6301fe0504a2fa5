import { createPublicKey, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/app/services';
import { verifyExtract } from '../../../electron/audit/extract';
import { CSV_HEADER } from '../../../electron/audit/extract-csv';
import { ADMINS, fakeClock, firstLogin, setUpCore, type Clock } from '../../helpers/setup';
import { tempDir } from '../../helpers/tmp';
import { as, fields, staffUp } from '../../helpers/workflow';

// A signed extract checks out on its own — entries, links, signatures, the auditor's
// signature over the whole — and any change to it is found. A checkpoint the auditor
// countersigns carries a signature anyone can check with the public key alone.

let core: Services;
let cleanup: () => void;
let clock: Clock;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  clock = fakeClock(new Date('2026-11-20T09:00:00+08:00'));
  core = (await setUpCore(t.dir, clock)).core;
  const wf = await staffUp(core, 'tongliao');
  clock.advance(24 * 3600_000);
  await as(core, 'liu');
  await wf.register(fields({ title: '关于道路改造的公告' }));
  await core.session.logout();
  await firstLogin(core, ADMINS.auditor);
});
afterAll(async () => {
  await core.close();
  cleanup();
});

const orgFingerprint = () => core.vault.org().fingerprint;

describe('signed extract', () => {
  it('verifies, names the range, and is itself recorded', async () => {
    const x = await core.audit.signedExtract({ fromSeq: 3, toSeq: 12 });
    expect(x).toMatchObject({ fromSeq: 3, toSeq: 12, count: 10, fileName: '审计记录-3-12' });
    expect(verifyExtract(x.json, { trustedOrgFingerprint: orgFingerprint() })).toEqual({ ok: true, count: 10, fromSeq: 3, toSeq: 12, problems: [] });
    const parsed = JSON.parse(x.json) as { format: string; body: { entries: Array<{ seq: number; prevHash: string; hash: string }>; keys: Array<{ ownerName: string }> } };
    expect(parsed.format).toBe('mishen-audit-extract/2');
    expect(parsed.body.entries[1]!.prevHash).toBe(parsed.body.entries[0]!.hash);
    expect(parsed.body.keys.map((k) => k.ownerName)).toContain(ADMINS.auditor.displayName);
    const last = await core.audit.page({ page: 1, pageSize: 5, actions: ['audit.extracted'] });
    expect(last.entries[0]!.text).toBe('导出审计记录第 3–12 条（签名摘录）');
  });

  it('fails on any changed byte: payload text, a hash, the signature, the range', async () => {
    const head = (await core.audit.page({ page: 1, pageSize: 5 })).head!;
    const x = await core.audit.signedExtract({ fromSeq: 1, toSeq: head.seq });
    const text = x.json;
    const at = text.indexOf('登记“关于道路改造的公告”');
    expect(at).toBeGreaterThan(0);
    const flipped = text.slice(0, at + 3) + '某' + text.slice(at + 4);
    const r = verifyExtract(flipped);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual(expect.arrayContaining(['摘录签名验证失败：内容被改动', expect.stringMatching(/哈希不符$/)]));

    // Flip one byte anywhere in the body and it must fail (not only where we looked).
    const bytes = Buffer.from(text, 'utf8');
    for (const pos of [Math.floor(bytes.length * 0.3), Math.floor(bytes.length * 0.6), bytes.length - 40]) {
      const b = Buffer.from(bytes);
      b[pos] = b[pos]! ^ 0x01;
      expect(verifyExtract(b.toString('utf8')).ok, `byte ${pos}`).toBe(false);
    }
    const sig = JSON.parse(text) as { signature: { signature: string } };
    const other = sig.signature.signature.startsWith('A') ? 'B' : 'A';
    expect(verifyExtract(text.replace(sig.signature.signature, other + sig.signature.signature.slice(1))).problems).toContain('摘录签名验证失败：内容被改动');
    expect(verifyExtract(text, { trustedOrgFingerprint: 'sha256:' + '0'.repeat(64) }).problems).toContain('单位密钥指纹与受信任的指纹不符');
    expect(verifyExtract('{}').ok).toBe(false);
  });

  it('takes a range by Beijing dates and writes a CSV with Chinese headers and a BOM', async () => {
    const x = await core.audit.signedExtract({ from: '2026-11-21', to: '2026-11-21' });
    expect(verifyExtract(x.json).ok).toBe(true);
    expect(x.csv.startsWith(`\uFEFF${CSV_HEADER.join(',')}\r\n`)).toBe(true);
    const lines = x.csv.trim().split('\r\n');
    expect(lines).toHaveLength(x.count + 1);
    expect(x.csv).toContain('刘承办,承办人,登记事项,关于道路改造的公告');
    expect(lines[1]).toMatch(/^\d+,2026-11-21 \d{2}:\d{2}:\d{2},/);
    await expect(core.audit.signedExtract({ from: '2031-01-01', to: '2031-01-02' })).rejects.toThrow('该期间内没有审计记录');
  });
});

describe('countersigned checkpoints', () => {
  it('records the auditor’s signature over “序号:哈希”, checkable with the public key alone', async () => {
    const head = await core.audit.countersign();
    const [cp] = await core.audit.checkpointList();
    expect(cp).toMatchObject({ seq: head.seq, hash: head.hash, by: ADMINS.auditor.displayName, entrySeq: head.seq + 1 });
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(cp!.publicKey!, 'base64').toString('base64url') }, format: 'jwk' });
    expect(verify(null, Buffer.from(`${head.seq}:${head.hash}`), key, Buffer.from(cp!.signature!, 'base64'))).toBe(true);
    expect(verify(null, Buffer.from(`${head.seq + 1}:${head.hash}`), key, Buffer.from(cp!.signature!, 'base64'))).toBe(false);
    // The entry is signed by the auditor's own key (not the organization's), and the trail still verifies.
    const entry = (await core.audit.page({ page: 1, pageSize: 5, actions: ['audit.countersigned'] })).entries[0]!;
    expect(entry).toMatchObject({ actorName: ADMINS.auditor.displayName, roleLabel: '安全审计员' });
    expect((await core.audit.verify()).ok).toBe(true);
  });

  it('reports verification progress while it runs and refuses a second run', async () => {
    const seen: number[] = [];
    const running = core.audit.verify(undefined, (f) => seen.push(f));
    expect(core.audit.progress().running).toBe(true);
    await expect(core.audit.verify()).rejects.toThrow('审计日志正在验证');
    expect((await running).ok).toBe(true);
    expect(seen.at(-1)).toBe(1);
    expect(core.audit.progress()).toEqual({ running: false, fraction: 0 });
  });
});
