// Node ≥ 20 side of the bundle verifier: lists a folder without following links,
// reads bytes, and supplies SHA-256 and Ed25519 from node:crypto. No dependencies,
// so tools/verify-bundle.mjs can be copied to a public-network PC with its two siblings.
// It only ever opens files for reading: nothing in the folder changes.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { exitCode, formatReport, isFingerprint, normalizeTrust, unreadableFolder, verifyBundle } from './verify-bundle-core.mjs';

const SLASH = Buffer.from('/');
const utf8 = new TextDecoder('utf-8', { fatal: true });

export const nodeCrypto = {
  sha256: async (bytes) => new Uint8Array(createHash('sha256').update(bytes).digest()),
  verifyEd25519: async (rawKey, signature, data) => {
    try {
      const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(rawKey).toString('base64url') }, format: 'jwk' });
      return verify(null, data, key, signature);
    } catch {
      return false;
    }
  },
};

// Names are read as bytes so that a name which is not UTF-8 is reported, not silently
// replaced; the raw bytes are kept to read the file back.
async function walk(root, rel, relRaw, out, raw) {
  const dirents = await readdir(relRaw.length ? Buffer.concat([root, SLASH, relRaw]) : root, { withFileTypes: true, encoding: 'buffer' });
  for (const d of dirents) {
    const nameRaw = Buffer.isBuffer(d.name) ? d.name : Buffer.from(d.name);
    let name;
    let badName = false;
    try {
      name = utf8.decode(nameRaw);
    } catch {
      name = new TextDecoder().decode(nameRaw);
      badName = true;
    }
    const path = rel ? `${rel}/${name}` : name;
    const pathRaw = relRaw.length ? Buffer.concat([relRaw, SLASH, nameRaw]) : nameRaw;
    const kind = d.isSymbolicLink() ? 'link' : d.isDirectory() ? 'dir' : d.isFile() ? 'file' : 'other';
    out.push(badName ? { path, kind, badName } : { path, kind });
    raw.set(path, Buffer.concat([root, SLASH, pathRaw]));
    if (kind === 'dir') await walk(root, path, pathRaw, out, raw);
  }
}

/** The abstract folder of verify-bundle-core.mjs over a real directory. Throws when it cannot be listed. */
export async function nodeFolder(dir) {
  if (!(await stat(dir)).isDirectory()) throw new Error('not a directory');
  const root = Buffer.from(dir);
  const entries = [];
  const raw = new Map();
  await walk(root, '', Buffer.alloc(0), entries, raw);
  return {
    entries,
    read: async (path) => {
      const p = raw.get(path);
      if (!p) throw new Error('not in folder');
      return new Uint8Array(await readFile(p));
    },
  };
}

/** Verifies a bundle folder; a folder that cannot be listed gives status 'unreadable'. */
export async function verifyDir(dir, trust) {
  let folder;
  try {
    folder = await nodeFolder(dir);
  } catch {
    return unreadableFolder(dir);
  }
  return verifyBundle(folder, nodeCrypto, trust);
}

const usage = (program) => `用法：${program} <导出包文件夹> --trust sha256:<单位密钥指纹>
  按 mishen-bundle/1 格式验证导出包，列出发现的全部问题，不改动文件夹中的任何内容。
  退出码：0 验证通过；1 验证未通过；2 无法读取（或参数有误）。
`;

/**
 * The command line shared by tools/verify-bundle.mjs and `mishen bundle verify`:
 * `<dir> --trust sha256:<fp>`. Writes the report to `out`, usage errors to `err`.
 */
export async function runVerifyCli(args, out = (s) => process.stdout.write(s), err = (s) => process.stderr.write(s), program = 'node tools/verify-bundle.mjs') {
  const USAGE = usage(program);
  let dir;
  let trust;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--trust') trust = args[++i];
    else if (a.startsWith('--trust=')) trust = a.slice('--trust='.length);
    else if (a === '--help' || a === '-h') {
      out(USAGE);
      return 0;
    } else if (!a.startsWith('--') && dir === undefined) dir = a;
    else {
      err(`无法识别的参数：${a}\n${USAGE}`);
      return 2;
    }
  }
  if (dir === undefined || trust === undefined) {
    err(USAGE);
    return 2;
  }
  if (!isFingerprint(normalizeTrust(trust))) {
    err(`受信任的单位密钥指纹格式不正确：应为“sha256:”加 64 位小写十六进制数字\n${USAGE}`);
    return 2;
  }
  const result = await verifyDir(dir, trust);
  out(`${formatReport(result, dir).join('\n')}\n`);
  return exitCode(result);
}
