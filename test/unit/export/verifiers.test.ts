import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBundleVerifyCli, verifyBundleDir } from '../../../electron/export/verify';
import { tempDir } from '../../helpers/tmp';
import { CASES, TRUST, codesOf, prepareCases, sorted } from './cases';

// The app's entry (electron/export/verify.ts) and tools/verify-bundle.mjs against the
// shared table; the browser page runs the same table in verify-html.test.ts.

function mjs(args: string[]) {
  const r = spawnSync(process.execPath, ['tools/verify-bundle.mjs', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Every path (as bytes) with its kind, size, mtime and content hash: proof that verifying changed nothing. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: Buffer) => {
    const here = Buffer.concat([Buffer.from(dir), rel]);
    for (const name of readdirSync(here, { encoding: 'buffer' }).sort(Buffer.compare)) {
      const relPath = Buffer.concat([rel, Buffer.from('/'), name]);
      const p = Buffer.concat([Buffer.from(dir), relPath]);
      const st = lstatSync(p);
      const hash = st.isFile() ? createHash('sha256').update(readFileSync(p)).digest('hex') : '';
      out.push(`${relPath.toString('hex')} ${st.mode} ${st.size} ${st.mtimeMs} ${hash}`);
      if (st.isDirectory()) walk(relPath);
    }
  };
  walk(Buffer.alloc(0));
  return out;
}

let t: ReturnType<typeof tempDir>;
let dirs: Map<string, string>;
beforeAll(async () => {
  t = tempDir('mishen-bundle-');
  dirs = await prepareCases(t.dir);
});
afterAll(() => t.cleanup());

describe.each(CASES)('$name', (c) => {
  const trust = c.trust ?? TRUST;
  const status = c.expected.length ? 'invalid' : 'valid';

  it('verifyBundleDir (mishen bundle verify) lists exactly the expected failures, in Chinese', async () => {
    const dir = dirs.get(c.name)!;
    const before = snapshot(dir);
    const report = await verifyBundleDir(dir, trust);
    expect(sorted(report.failures.map((f) => f.code))).toEqual(sorted(c.expected));
    expect(report.status).toBe(status);
    for (const f of report.failures) expect(f.message).toMatch(/[\u4e00-\u9fff]/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('tools/verify-bundle.mjs prints the same failures with the same exit status', async () => {
    const dir = dirs.get(c.name)!;
    const before = snapshot(dir);
    const r = mjs([dir, '--trust', trust]);
    expect(r.err).toBe('');
    expect(r.code).toBe(c.expected.length ? 1 : 0);
    expect(sorted(codesOf(r.out))).toEqual(sorted(c.expected));
    expect(r.out.split('\n')[0]).toMatch(c.expected.length ? /^导出包验证未通过：.*共 \d+ 处问题$/ : /^导出包验证通过：/);
    expect(snapshot(dir)).toEqual(before);
    // The app's CLI entry prints the very same report.
    let printed = '';
    const write = process.stdout.write;
    process.stdout.write = ((s: string) => ((printed += s), true)) as typeof process.stdout.write;
    try {
      expect(await runBundleVerifyCli([dir, '--trust', trust])).toBe(r.code);
    } finally {
      process.stdout.write = write;
    }
    expect(printed).toBe(r.out);
  });
});

describe('unreadable input and wrong arguments', () => {
  it('exit 2 when the folder does not exist or is a file', async () => {
    const missing = mjs([join(t.dir, 'no-such-folder'), '--trust', TRUST]);
    expect(missing.code).toBe(2);
    expect(missing.out).toContain('[FOLDER_UNREADABLE]');
    expect((await verifyBundleDir(join(t.dir, 'no-such-folder'), TRUST)).status).toBe('unreadable');
    const file = join(dirs.get('a valid bundle')!, 'manifest.json');
    expect(mjs([file, '--trust', TRUST]).code).toBe(2);
  });

  it('exit 2 with the usage when --trust is missing or malformed', () => {
    const dir = dirs.get('a valid bundle')!;
    expect(mjs([dir]).code).toBe(2);
    const bad = mjs([dir, '--trust', 'sha256:1234']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('指纹格式不正确');
  });

  it('forgives spaces and capitals in a typed fingerprint', () => {
    const typed = `SHA256:${TRUST.slice(7).toUpperCase().replace(/(.{16})/g, '$1 ')}`;
    expect(mjs([dirs.get('a valid bundle')!, '--trust', typed]).code).toBe(0);
  });
});
