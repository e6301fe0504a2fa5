import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleSigner } from '../../../electron/export/signer';
import { beijingIso, bundleFolderName, sanitizeFileName } from '../../../electron/export/names';
import { BundleRefused, type BundleProgress } from '../../../electron/export/types';
import { verifyBundleDir } from '../../../electron/export/verify';
import { writeBundle } from '../../../electron/export/write';
import { fingerprint, generateSigningKey, sha256Hex, verifyEd25519 } from '../../../electron/keys/crypto';
import { tempDir } from '../../helpers/tmp';
import { ITEM_A, ITEM_B, ORG_KEY, ORG_SIGNER, PUBLISHER_KEY, TRUST, sampleInput, writeSample } from './cases';

let t: ReturnType<typeof tempDir>;
beforeEach(() => (t = tempDir('mishen-writer-')));
afterEach(() => t.cleanup());

/** Every file under dir, relative, with `/`. */
function files(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1).split('\\').join('/'))
    .sort();
}

describe('writeBundle', () => {
  it('writes the layout of bundle.md under <short name>-<YYYYMMDD>-<sequence>, and the verifiers accept it', async () => {
    const r = await writeSample(t.dir);
    expect(r.folderName).toBe('TESTGOV-20261122-0012');
    expect(readdirSync(t.dir)).toEqual(['TESTGOV-20261122-0012']);
    expect(files(r.path)).toEqual(
      [
        'catalogue.csv',
        'index.html',
        'manifest.json',
        'manifest.sig',
        `items/${ITEM_A}/关于开展保密审查工作的通知.pdf`,
        `items/${ITEM_A}/附件1：名单.xlsx`,
        `items/${ITEM_B}/公示（区分处理后）.pdf`,
      ].sort(),
    );
    expect((await verifyBundleDir(r.path, TRUST)).status).toBe('valid');
  });

  it('manifest.json: no BOM, every other file with its SHA-256 and size, keys, audit head and recalls; signed over its exact bytes', async () => {
    const r = await writeSample(t.dir);
    const bytes = readFileSync(join(r.path, 'manifest.json'));
    expect(bytes[0]).toBe(0x7b);
    expect(r.manifestSha256).toBe(sha256Hex(bytes));
    const m = JSON.parse(bytes.toString('utf8'));
    expect(m).toMatchObject({
      format: 'mishen-bundle/1',
      bundleId: r.bundleId,
      sequence: 12,
      createdAt: '2026-11-22T10:15:00+08:00',
      organization: { name: '某某市人民政府办公室（测试）', keyFingerprint: fingerprint(ORG_KEY.publicKey) },
      exportedBy: { name: '网站管理员丁', keyFingerprint: fingerprint(PUBLISHER_KEY.publicKey) },
      auditHead: { seq: 1234, hash: sha256Hex('audit head') },
      recalls: [{ itemId: '01HZZZ0000000000000000000R', reason: '误公开了个人信息' }],
    });
    expect(m.files.map((f: { path: string }) => f.path).sort()).toEqual(files(r.path).filter((p) => !p.startsWith('manifest.')));
    for (const f of m.files) {
      const content = readFileSync(join(r.path, f.path));
      expect(f).toEqual({ path: f.path, sha256: sha256Hex(content), size: content.length });
    }
    expect(m.items.map((i: { outcome: string }) => i.outcome)).toEqual(['PUBLISH', 'PUBLISH_PART']);
    const sig = JSON.parse(readFileSync(join(r.path, 'manifest.sig'), 'utf8'));
    expect(sig.alg).toBe('Ed25519');
    expect(Buffer.from(sig.publicKey, 'base64')).toEqual(ORG_KEY.publicKey);
    expect(verifyEd25519(ORG_KEY.publicKey, bytes, Buffer.from(sig.signature, 'base64'))).toBe(true);
  });

  it('index.html: zh-CN, escaped, no script and no http', async () => {
    const r = await writeSample(t.dir);
    const html = readFileSync(join(r.path, 'index.html'), 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/http/i);
    expect(html).toContain('某某市&lt;b&gt;财政局&lt;/b&gt;');
    expect(html).not.toContain('<b>');
    expect(html).toContain(`href="items/${ITEM_A}/${encodeURIComponent('关于开展保密审查工作的通知.pdf')}"`);
    expect(html).toContain('误公开了个人信息');
  });

  it('catalogue.csv: BOM, RFC 4180 quoting, one row per item, formula cells defused', async () => {
    const r = await writeSample(t.dir);
    const bytes = readFileSync(join(r.path, 'catalogue.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('信息编号,标题,文号,发布机构,成文日期,分类,关键词,公开方式,审查结论,批准时间,文件');
    expect(lines[1]).toContain(`${ITEM_A},关于开展保密审查工作的通知,某政办发〔2026〕12号`);
    expect(lines[2]).toContain(`${ITEM_B},'=cmd|' /C calc'!A0 公示,'-,某某市<b>财政局</b>`);
    expect(lines[2]).toContain('部分公开');
  });

  it('quotes cells with commas, quotes and line breaks', async () => {
    const input = sampleInput();
    input.items[0]!.title = '关于"保密审查",\n的通知';
    const r = await writeBundle(t.dir, input, ORG_SIGNER);
    const text = readFileSync(join(r.path, 'catalogue.csv'), 'utf8');
    expect(text).toContain(`${ITEM_A},"关于""保密审查"",\n的通知",`);
  });

  it('sanitizes file names: NFC, no separators or reserved characters, no .., unique per item', async () => {
    const input = sampleInput();
    const b = (s: string) => ({ name: s, bytes: Buffer.from(s) });
    input.items[0]!.files = [b('a/b\\c:d*e?f"g<h>i|j\u0001.pdf'), b('..'), b('CON.txt'), b('报告.PDF'), b('报告.pdf'), b('Re\u0301sume\u0301.txt'), b('x..\u0000..y.pdf')];
    const r = await writeBundle(t.dir, input, ORG_SIGNER);
    const names = r.manifest.items[0]!.files.map((p) => p.slice(`items/${ITEM_A}/`.length));
    expect(names).toEqual(['a_b_c_d_e_f_g_h_i_j_.pdf', '文件', '_CON.txt', '报告.PDF', '报告 (2).pdf', 'Résumé.txt', 'x._.y.pdf']);
    expect((await verifyBundleDir(r.path, TRUST)).status).toBe('valid');
  });

  it('a bundle carrying only recalls has no items/ folder and is valid; an empty one is refused', async () => {
    const r = await writeSample(t.dir, { items: [] });
    expect(files(r.path)).toEqual(['catalogue.csv', 'index.html', 'manifest.json', 'manifest.sig']);
    expect(readdirSync(r.path)).not.toContain('items');
    expect(await verifyBundleDir(r.path, TRUST)).toMatchObject({ status: 'valid', failures: [] });
    await expect(writeSample(t.dir, { items: [], recalls: [], sequence: 13 })).rejects.toBeInstanceOf(BundleRefused);
  });

  it('refuses an item whose outcome is not PUBLISH or PUBLISH_PART, writing nothing', async () => {
    for (const outcome of ['NOT_PUBLISH', 'REFER', 'WITHHOLD', '']) {
      const input = sampleInput();
      input.items[1]!.outcome = outcome;
      await expect(writeBundle(t.dir, input, ORG_SIGNER)).rejects.toBeInstanceOf(BundleRefused);
    }
    expect(readdirSync(t.dir)).toEqual([]);
  });

  it('refuses a parent folder that does not exist, in Chinese', async () => {
    await expect(writeSample(join(t.dir, 'no-such-drive'))).rejects.toThrow('无法在所选位置创建文件夹');
  });

  it('refuses when the final folder exists, leaving it untouched', async () => {
    mkdirSync(join(t.dir, 'TESTGOV-20261122-0012'));
    writeFileSync(join(t.dir, 'TESTGOV-20261122-0012', 'mine.txt'), '别人的文件');
    const e = await writeSample(t.dir).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(BundleRefused);
    expect((e as BundleRefused).code).toBe('CONFLICT');
    expect(readdirSync(t.dir)).toEqual(['TESTGOV-20261122-0012']);
    expect(readdirSync(join(t.dir, 'TESTGOV-20261122-0012'))).toEqual(['mine.txt']);
  });

  it('a failure after any number of files leaves no folder under the final name and no partial folder', async () => {
    // 3 item files, index.html, catalogue.csv, manifest.json, manifest.sig
    for (let n = 1; n <= 7; n++) {
      await expect(writeBundle(t.dir, sampleInput(), ORG_SIGNER, { failAfterFiles: n })).rejects.toThrow('测试注入的导出故障');
      expect(readdirSync(t.dir)).toEqual([]);
    }
    await writeBundle(t.dir, sampleInput(), ORG_SIGNER, { failAfterFiles: 8 });
    expect(readdirSync(t.dir)).toEqual(['TESTGOV-20261122-0012']);
  });

  it('a public version whose loaded size differs from the announced one is refused, nothing left', async () => {
    const input = sampleInput();
    input.items[0]!.files[1] = { name: '附件.xlsx', size: 10, load: async () => new Uint8Array(11) };
    await expect(writeBundle(t.dir, input, ORG_SIGNER)).rejects.toBeInstanceOf(BundleRefused);
    expect(readdirSync(t.dir)).toEqual([]);
  });

  it('reports progress by bytes, ending at 1', async () => {
    const seen: BundleProgress[] = [];
    await writeBundle(t.dir, sampleInput(), ORG_SIGNER, { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBeGreaterThan(2);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.fraction).toBeGreaterThanOrEqual(seen[i - 1]!.fraction);
    expect(seen.at(-1)).toEqual({ fraction: 1, bytes: 4096 + 2048 + 1000, totalBytes: 4096 + 2048 + 1000 });
  });

  it('refuses a signer whose public key does not match its signatures', async () => {
    const other = bundleSigner(generateSigningKey().privateKey);
    const liar = { publicKey: ORG_SIGNER.publicKey, sign: other.sign };
    await expect(writeBundle(t.dir, sampleInput(), liar)).rejects.toBeInstanceOf(BundleRefused);
    expect(readdirSync(t.dir)).toEqual([]);
  });
});

describe('names', () => {
  it('folder name from the local date of createdAt and a 4-digit sequence', () => {
    expect(bundleFolderName('TESTGOV', '2026-01-02T00:30:00+08:00', 7)).toBe('TESTGOV-20260102-0007');
    expect(() => bundleFolderName('TESTGOV', '2026-01-02T00:30:00Z', 7)).toThrow(BundleRefused);
    expect(() => bundleFolderName('TESTGOV', '2026-01-02T00:30:00+08:00', 0)).toThrow(BundleRefused);
    expect(() => bundleFolderName(' ', '2026-01-02T00:30:00+08:00', 1)).toThrow(BundleRefused);
  });

  it('beijingIso writes +08:00 local time', () => {
    expect(beijingIso(new Date('2026-11-22T02:15:00Z'))).toBe('2026-11-22T10:15:00+08:00');
    expect(beijingIso(new Date('2026-11-22T17:00:00Z'))).toBe('2026-11-23T01:00:00+08:00');
  });

  it('keeps long names under the file system limit, extension kept', () => {
    const long = sanitizeFileName(`${'很长的标题'.repeat(40)}.pdf`);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(240);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});
