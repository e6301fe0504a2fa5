// The one table of bundle cases that all three verifiers (the app's TypeScript entry,
// tools/verify-bundle.mjs and tools/verify-bundle.html) must judge alike. Bundles are
// written by the real writer from synthetic items, then damaged the way each case says.
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleSigner } from '../../../electron/export/signer';
import type { BundleInput, BundleSigner } from '../../../electron/export/types';
import { writeBundle } from '../../../electron/export/write';
import { fingerprint, generateSigningKey, sha256Hex } from '../../../electron/keys/crypto';

export const ORG_KEY = generateSigningKey();
export const OTHER_ORG_KEY = generateSigningKey();
export const PUBLISHER_KEY = generateSigningKey();
export const ORG_SIGNER = bundleSigner(ORG_KEY.privateKey);
export const OTHER_SIGNER = bundleSigner(OTHER_ORG_KEY.privateKey);
export const TRUST = fingerprint(ORG_KEY.publicKey);

export const ITEM_A = '01JD8Y3V6K2M9Q4R7T1W5X8Z0A';
export const ITEM_B = '01JD8Y3V6K2M9Q4R7T1W5X8Z0B';
export const NOTICE = `items/${ITEM_A}/关于开展保密审查工作的通知.pdf`;
// "é" as two code points: the same name in NFD.
export const NFD_NAME = 'Re\u0301sume\u0301.txt';

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

export function sampleInput(over: Partial<BundleInput> = {}): BundleInput {
  return {
    organization: { name: '某某市人民政府办公室（测试）', shortName: 'TESTGOV' },
    exportedBy: { name: '网站管理员丁', publicKey: PUBLISHER_KEY.publicKey },
    auditHead: { seq: 1234, hash: sha256Hex('audit head') },
    sequence: 12,
    createdAt: '2026-11-22T10:15:00+08:00',
    bundleId: 'b7c1f3a0-5d2e-4c1b-9e8f-0a1b2c3d4e5f',
    items: [
      {
        id: ITEM_A,
        title: '关于开展保密审查工作的通知',
        documentNumber: '某政办发〔2026〕12号',
        issuer: '某某市人民政府办公室',
        formedOn: '2026-11-20',
        category: '通知公告',
        keywords: ['保密审查', '政府信息公开'],
        disclosure: '主动公开',
        outcome: 'PUBLISH',
        approvedAt: '2026-11-21T16:02:11+08:00',
        files: [
          { name: '关于开展保密审查工作的通知.pdf', bytes: bytes(4096, 1) },
          { name: '附件1：名单.xlsx', size: 2048, load: async () => bytes(2048, 2) },
        ],
      },
      {
        id: ITEM_B,
        title: '=cmd|\' /C calc\'!A0 公示',
        documentNumber: '-',
        issuer: '某某市<b>财政局</b>',
        formedOn: '2026-11-19',
        category: '财政信息',
        keywords: ['公示'],
        disclosure: '主动公开',
        outcome: 'PUBLISH_PART',
        approvedAt: '2026-11-21T17:30:00+08:00',
        files: [{ name: '公示（区分处理后）.pdf', bytes: bytes(1000, 3) }],
      },
    ],
    recalls: [{ itemId: '01HZZZ0000000000000000000R', bundleId: 'a0000000-0000-4000-8000-000000000001', reason: '误公开了个人信息', recalledAt: '2026-11-22T09:00:00+08:00' }],
    ...over,
  };
}

export async function writeSample(parent: string, over: Partial<BundleInput> = {}) {
  return writeBundle(parent, sampleInput(over), ORG_SIGNER);
}

type Manifest = { organization: { keyFingerprint: string }; files: { path: string; sha256: string; size: number }[]; items: { id: string; outcome: string; title: string; files: string[] }[] };

/** Rewrites manifest.json and signs it again, as someone holding `signer` could. */
export function resign(dir: string, change: (m: Manifest) => void, signer: BundleSigner = ORG_SIGNER): void {
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  change(m);
  const body = Buffer.from(`${JSON.stringify(m, null, 2)}\n`);
  writeFileSync(join(dir, 'manifest.json'), body);
  const sig = { alg: 'Ed25519', publicKey: signer.publicKey.toString('base64'), signature: signer.sign(body).toString('base64') };
  writeFileSync(join(dir, 'manifest.sig'), JSON.stringify(sig));
}

function flipByte(path: string, at: number): void {
  const b = readFileSync(path);
  b.writeUInt8(b.readUInt8(at) ^ 1, at);
  writeFileSync(path, b);
}

export interface BundleCase {
  name: string;
  damage?: (dir: string) => void;
  trust?: string;
  /** Failure codes every verifier must list, in any order, no more and no fewer. */
  expected: string[];
  /** Browsers see neither links nor empty folders. */
  nodeOnly?: boolean;
}

export const CASES: BundleCase[] = [
  { name: 'a valid bundle', expected: [] },
  {
    name: 'a changed byte',
    damage: (d) => {
      flipByte(join(d, NOTICE), 100);
    },
    expected: ['HASH_MISMATCH'],
  },
  { name: 'an extra file', damage: (d) => writeFileSync(join(d, `items/${ITEM_A}/说明.txt`), '多出来的文件'), expected: ['EXTRA_FILE'] },
  { name: 'a missing file', damage: (d) => rmSync(join(d, NOTICE)), expected: ['MISSING_FILE'] },
  { name: 'a renamed file', damage: (d) => renameSync(join(d, NOTICE), join(d, `items/${ITEM_A}/通知.pdf`)), expected: ['MISSING_FILE', 'EXTRA_FILE'] },
  {
    name: 'a path with .. in the manifest',
    damage: (d) =>
      resign(d, (m) => {
        const path = `items/${ITEM_A}/../../../outside.txt`;
        m.files.push({ path, sha256: sha256Hex(''), size: 0 });
        m.items[0]!.files.push(path);
      }),
    expected: ['PATH_DOTDOT'],
  },
  { name: 'an item whose outcome is not PUBLISH/PUBLISH_PART', damage: (d) => resign(d, (m) => (m.items[1]!.outcome = 'WITHHOLD')), expected: ['OUTCOME'] },
  {
    name: 'the manifest edited after signing',
    damage: (d) => {
      const p = join(d, 'manifest.json');
      writeFileSync(p, readFileSync(p, 'utf8').replace('关于开展保密审查工作的通知"', '关于开展保密审查工作的通知（修订）"'));
    },
    expected: ['SIGNATURE_INVALID'],
  },
  {
    name: "another organization's key, claiming to be the trusted organization",
    damage: (d) => resign(d, () => undefined, OTHER_SIGNER),
    expected: ['KEY_NOT_TRUSTED', 'ORG_KEY_MISMATCH'],
  },
  {
    name: "another organization's own bundle",
    damage: (d) => resign(d, (m) => (m.organization.keyFingerprint = fingerprint(OTHER_SIGNER.publicKey)), OTHER_SIGNER),
    expected: ['KEY_NOT_TRUSTED'],
  },
  { name: 'a wrong trusted fingerprint', trust: fingerprint(OTHER_ORG_KEY.publicKey), expected: ['KEY_NOT_TRUSTED'] },
  {
    name: 'a path that is not NFC',
    damage: (d) => {
      const path = `items/${ITEM_A}/${NFD_NAME}`;
      writeFileSync(join(d, path), 'résumé');
      resign(d, (m) => {
        m.files.push({ path, sha256: sha256Hex(Buffer.from('résumé')), size: Buffer.byteLength('résumé') });
        m.items[0]!.files.push(path);
      });
    },
    expected: ['PATH_NOT_NFC'],
  },
  {
    name: 'several faults at once, every one listed',
    damage: (d) => {
      rmSync(join(d, 'catalogue.csv'));
      writeFileSync(join(d, 'extra.txt'), 'x');
      flipByte(join(d, NOTICE), 0);
    },
    expected: ['MISSING_FILE', 'EXTRA_FILE', 'HASH_MISMATCH'],
  },
  {
    name: 'manifest.json with a BOM (signed with it)',
    damage: (d) => {
      const body = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(join(d, 'manifest.json'))]);
      writeFileSync(join(d, 'manifest.json'), body);
      writeFileSync(join(d, 'manifest.sig'), JSON.stringify({ alg: 'Ed25519', publicKey: ORG_SIGNER.publicKey.toString('base64'), signature: ORG_SIGNER.sign(body).toString('base64') }));
    },
    expected: ['MANIFEST_BOM'],
  },
  { name: 'another format', damage: (d) => resign(d, (m) => ((m as unknown as { format: string }).format = 'mishen-bundle/2')), expected: ['FORMAT'] },
  { name: 'a size recorded wrong', damage: (d) => resign(d, (m) => (m.files[2]!.size += 1)), expected: ['SIZE_MISMATCH'] },
  { name: 'no manifest.sig', damage: (d) => rmSync(join(d, 'manifest.sig')), expected: ['SIG_MISSING'] },
  {
    name: 'a file under items/ of no item',
    damage: (d) => {
      mkdirSync(join(d, 'items/01JZNOITEM'));
      writeFileSync(join(d, 'items/01JZNOITEM/x.pdf'), 'x');
      resign(d, (m) => m.files.push({ path: 'items/01JZNOITEM/x.pdf', sha256: sha256Hex('x'), size: 1 }));
    },
    expected: ['ITEM_FILE_ORPHAN'],
  },
  {
    name: "a listed file not named in its item's files",
    damage: (d) => resign(d, (m) => m.items[0]!.files.splice(1, 1)),
    expected: ['ITEM_FILE_NOT_NAMED'],
  },
  {
    name: 'a file listed under another item',
    damage: (d) => resign(d, (m) => m.items[1]!.files.push(NOTICE)),
    expected: ['ITEM_FILE_WRONG_FOLDER'],
  },
  { name: 'a link', damage: (d) => symlinkSync('/etc/hostname', join(d, `items/${ITEM_A}/link.pdf`)), expected: ['LINK'], nodeOnly: true },
  { name: 'an empty folder', damage: (d) => mkdirSync(join(d, 'items/empty')), expected: ['EMPTY_DIR'], nodeOnly: true },
  {
    name: 'a listed file that is a folder',
    damage: (d) => {
      rmSync(join(d, NOTICE));
      mkdirSync(join(d, NOTICE));
      writeFileSync(join(d, NOTICE, 'inner.pdf'), 'x');
    },
    expected: ['NOT_A_FILE', 'EXTRA_FILE'],
    nodeOnly: true,
  },
  {
    name: 'a file name that is not UTF-8',
    damage: (d) => writeFileSync(Buffer.concat([Buffer.from(join(d, 'items/')), Buffer.from([0xff, 0xfe, 0x2e, 0x70, 0x64, 0x66])]), 'x'),
    expected: ['PATH_NOT_UTF8', 'EXTRA_FILE'],
    nodeOnly: true,
  },
];

/** Writes the sample bundle once and one damaged copy per case under `root`. */
export async function prepareCases(root: string, cases = CASES): Promise<Map<string, string>> {
  mkdirSync(join(root, 'base'));
  const base = await writeSample(join(root, 'base'));
  const dirs = new Map<string, string>();
  cases.forEach((c, i) => {
    const dir = join(root, `case-${i}`, base.folderName);
    cpSync(base.path, dir, { recursive: true });
    c.damage?.(dir);
    dirs.set(c.name, dir);
  });
  return dirs;
}

/** The failure codes of a printed report, as the two command-line verifiers print them. */
export function codesOf(report: string): string[] {
  return [...report.matchAll(/^\d+\. \[([A-Z_0-9]+)\]/gm)].map((m) => m[1]!);
}

export const sorted = (codes: string[]) => [...codes].sort();
