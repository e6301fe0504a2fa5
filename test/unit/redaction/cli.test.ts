import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redact } from '../../../electron/cli/redact';
import { docx } from '../../helpers/fixtures';
import { MOBILE, residentId } from '../../helpers/synthetic';
import { tempDir } from '../../helpers/tmp';
import { unzipGrep } from './tools';

const ID = residentId('330106', '19880512', '234');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await redact(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

let cleanup = () => {};
afterEach(() => cleanup());

describe('mishen redact', () => {
  it('--all removes what the scanner finds, masks by template, prints the proof in Chinese, exit 0', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const src = join(t.dir, '名单.txt');
    writeFileSync(src, `低保对象公示名单\n身份证号 ${ID}\n联系电话 ${MOBILE}\n`);
    const outFile = join(t.dir, 'out.txt');
    const r = await run([src, '--out', outFile, '--all', '--mask', 'mobile-middle']);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toContain('核验通过');
    expect(r.out).toContain('身份证号码');
    expect(r.out).not.toContain(ID);
    const text = readFileSync(outFile, 'utf8');
    expect(text).not.toContain(ID);
    expect(text).toContain('139****5678');
    expect(text).toContain('低保对象公示名单');
  });

  it('--text on a docx with --json', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const src = join(t.dir, 'a.docx');
    writeFileSync(src, docx({ body: ['经办人 王小五', `证件 ${ID}`] }));
    const outFile = join(t.dir, 'b.docx');
    const r = await run([src, '--out', outFile, '--text', '王小五', '--text', ID, '--json']);
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.proof).toMatchObject({ ok: true, problems: [] });
    expect(json.proof.publicSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(unzipGrep(readFileSync(outFile), '王小五')).toEqual([]);
    expect(unzipGrep(readFileSync(outFile), ID)).toEqual([]);
  });

  it('exit 2 for an unreadable file or bad arguments; exit 1 and nothing written when the proof fails', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const bad = join(t.dir, 'x.pdf');
    writeFileSync(bad, Buffer.from([0, 1, 2, 3, 0, 0, 0, 9]));
    expect((await run([bad, '--out', join(t.dir, 'y.pdf')])).code).toBe(2);
    expect((await run([join(t.dir, 'missing.txt'), '--out', join(t.dir, 'y.txt')])).code).toBe(2);
    expect((await run([bad])).code).toBe(2);
    // A part the engine does not understand (a stray binary entry) keeps the value: the proof finds it.
    const { unzipSync, zipSync } = await import('fflate');
    const files = unzipSync(docx({ body: [`证件 ${ID}`] }));
    files['word/stray.bin'] = new Uint8Array(Buffer.from(`x${ID}y`, 'utf16le'));
    const src = join(t.dir, 'a.docx');
    writeFileSync(src, zipSync(files));
    const outFile = join(t.dir, 'c.docx');
    const failing = await run([src, '--out', outFile, '--text', ID]);
    expect(failing.code).toBe(1);
    expect(failing.out).toMatch(/核验未通过/);
    expect(failing.out).toMatch(/word\/stray\.bin.*UTF-16LE/);
    expect(failing.out).not.toContain(ID);
    expect(existsSync(outFile)).toBe(false);
    expect((await run([src, '--out', outFile, '--text', ID, '--mask', 'no-such'])).code).toBe(2);
  });
});
