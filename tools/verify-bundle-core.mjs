// The one verification of `mishen-bundle/1` (../../shared/spec/bundle.md, fixed contract).
//
// No imports and no platform API beyond TextDecoder, atob and the two functions passed
// in: this file runs unchanged in Node ≥ 20 (tools/verify-bundle-node.mjs, the app's
// `mishen bundle verify`) and in a browser (inlined into tools/verify-bundle.html by
// tools/verify-bundle-html.mjs). Change it, then run `node tools/verify-bundle-html.mjs`.
//
// folder = { entries: [{ path, kind: 'file'|'dir'|'link'|'other', badName? }], read(path) }
// crypto = { sha256(bytes) -> Promise<Uint8Array>, verifyEd25519(rawKey, signature, data) -> Promise<boolean> }

export const BUNDLE_FORMAT = 'mishen-bundle/1';
const MANIFEST = 'manifest.json';
const SIGNATURE = 'manifest.sig';
const OUTCOMES = ['PUBLISH', 'PUBLISH_PART'];
const FINGERPRINT = /^sha256:[0-9a-f]{64}$/;
const HEX64 = /^[0-9a-f]{64}$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ITEM_FILE = /^items\/([^/]+)\/([^/]+)$/;

/** Failures that say the bundle could not be read, rather than that it is wrong. */
const READ_CODES = ['FOLDER_UNREADABLE', 'MANIFEST_UNREADABLE', 'SIG_UNREADABLE', 'FILE_UNREADABLE'];

const PATH_MESSAGES = {
  PATH_NOT_UTF8: '路径不是有效的 UTF-8 文本',
  PATH_ABSOLUTE: '路径以“/”开头，应为相对路径',
  PATH_BACKSLASH: '路径含有“\\”，分隔符只能是“/”',
  PATH_DRIVE: '路径含有盘符',
  PATH_DOTDOT: '路径含有“..”段',
  PATH_SEGMENT: '路径含有空段或“.”段',
  PATH_NOT_NFC: '路径不是 NFC 规范化形式的 UTF-8 文本',
};

/** Accepts what a person types from the printout: spaces and capitals are forgiven. */
export function normalizeTrust(text) {
  return String(text ?? '').replace(/\s+/g, '').toLowerCase();
}

export function isFingerprint(text) {
  return FINGERPRINT.test(text);
}

function hex(bytes) {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

function decodeBase64(text) {
  if (typeof text !== 'string' || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  try {
    const bin = atob(text);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

function decodeUtf8(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The path rules of bundle.md, as failure codes (empty when the path is fine). */
export function pathProblems(path) {
  const out = [];
  if (LONE_SURROGATE.test(path)) out.push('PATH_NOT_UTF8');
  if (path.startsWith('/')) out.push('PATH_ABSOLUTE');
  if (path.includes('\\')) out.push('PATH_BACKSLASH');
  if (/^[A-Za-z]:/.test(path)) out.push('PATH_DRIVE');
  const segments = path.split('/');
  if (segments.includes('..')) out.push('PATH_DOTDOT');
  if (segments.some((s, i) => s === '.' || (s === '' && !(i === 0 && path.length > 1)))) out.push('PATH_SEGMENT');
  if (!out.includes('PATH_NOT_UTF8') && path.normalize('NFC') !== path) out.push('PATH_NOT_NFC');
  return out;
}

/**
 * Checks a folder against bundle.md and returns every failure found, never only the
 * first. Reads only the manifest, its signature and the files the manifest lists; a
 * listed path is looked up as an exact string, never resolved.
 */
export async function verifyBundle(folder, crypto, trustText) {
  const failures = [];
  const fail = (code, message, path) => failures.push(path === undefined ? { code, message } : { code, path, message });
  const trust = normalizeTrust(trustText);
  if (!isFingerprint(trust)) fail('TRUST_INVALID', '受信任的单位密钥指纹格式不正确，应为“sha256:”加 64 位小写十六进制数字');

  const entries = new Map(folder.entries.map((e) => [e.path, e]));
  const read = async (path, code) => {
    try {
      return await folder.read(path);
    } catch {
      fail(code, '无法读取该文件', path);
      return null;
    }
  };

  // Paths: each distinct string is judged once, whether it comes from the folder or the manifest.
  const judged = new Map();
  const checkPath = (path) => {
    if (!judged.has(path)) {
      const problems = pathProblems(path);
      judged.set(path, problems.length === 0);
      for (const code of problems) fail(code, PATH_MESSAGES[code], path);
    }
    return judged.get(path);
  };
  for (const e of folder.entries) {
    if (e.badName) {
      if (!judged.has(e.path)) fail('PATH_NOT_UTF8', PATH_MESSAGES.PATH_NOT_UTF8, e.path);
      judged.set(e.path, false);
    } else checkPath(e.path);
    if (e.kind === 'link') fail('LINK', '导出包中不得有链接（符号链接、快捷方式或目录联接）', e.path);
    else if (e.kind === 'other') fail('NOT_REGULAR_FILE', '导出包中不得有普通文件和文件夹以外的对象', e.path);
    else if (e.kind === 'dir' && !folder.entries.some((o) => o.path.startsWith(`${e.path}/`)))
      fail('EMPTY_DIR', '导出包中不得有空文件夹', e.path);
  }

  // manifest.json
  const manifestEntry = entries.get(MANIFEST);
  let manifestBytes = null;
  let manifest = null;
  if (manifestEntry?.kind !== 'file') fail('MANIFEST_MISSING', '缺少清单文件 manifest.json', MANIFEST);
  else manifestBytes = await read(MANIFEST, 'MANIFEST_UNREADABLE');
  if (manifestBytes) {
    let body = manifestBytes;
    if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) {
      fail('MANIFEST_BOM', 'manifest.json 开头有字节顺序标记（BOM），格式规定不得有', MANIFEST);
      body = body.subarray(3);
    }
    const text = decodeUtf8(body);
    if (text === null) fail('MANIFEST_NOT_UTF8', 'manifest.json 不是有效的 UTF-8 文本', MANIFEST);
    else {
      try {
        manifest = JSON.parse(text);
      } catch {
        fail('MANIFEST_NOT_JSON', 'manifest.json 不是有效的 JSON', MANIFEST);
      }
      if (manifest !== null && !isObject(manifest)) {
        fail('MANIFEST_NOT_JSON', 'manifest.json 的内容不是 JSON 对象', MANIFEST);
        manifest = null;
      }
    }
  }

  // Rule 1: the signature, and whose key made it.
  const sigEntry = entries.get(SIGNATURE);
  let keyFingerprint = null;
  if (sigEntry?.kind !== 'file') fail('SIG_MISSING', '缺少签名文件 manifest.sig', SIGNATURE);
  else {
    const sigBytes = await read(SIGNATURE, 'SIG_UNREADABLE');
    let sig = null;
    if (sigBytes) {
      try {
        sig = JSON.parse(decodeUtf8(sigBytes) ?? '');
      } catch {
        sig = null;
      }
    }
    const publicKey = isObject(sig) ? decodeBase64(sig.publicKey) : null;
    const signature = isObject(sig) ? decodeBase64(sig.signature) : null;
    if (!sigBytes) {
      // already reported as unreadable
    } else if (!isObject(sig) || sig.alg !== 'Ed25519' || publicKey?.length !== 32 || signature?.length !== 64) {
      fail('SIG_MALFORMED', 'manifest.sig 格式不正确：应为 {"alg":"Ed25519","publicKey":"…","signature":"…"}，公钥 32 字节、签名 64 字节，Base64 编码', SIGNATURE);
    } else {
      keyFingerprint = `sha256:${hex(await crypto.sha256(publicKey))}`;
      if (manifestBytes && !(await crypto.verifyEd25519(publicKey, signature, manifestBytes)))
        fail('SIGNATURE_INVALID', '签名与 manifest.json 的内容不符：清单在签名后被改动，或签名并非由该密钥所做', SIGNATURE);
      if (isFingerprint(trust) && keyFingerprint !== trust)
        fail('KEY_NOT_TRUSTED', `签名密钥的指纹 ${keyFingerprint} 与受信任的单位密钥指纹 ${trust} 不一致：该导出包不是由受信任的单位签名的`, SIGNATURE);
    }
  }
  if (!manifest) return finish(failures, null, keyFingerprint);

  const field = (name, message) => fail('MANIFEST_FIELD', `manifest.json 的 ${name} ${message}`, MANIFEST);
  const orgFingerprint = isObject(manifest.organization) ? manifest.organization.keyFingerprint : undefined;
  if (typeof orgFingerprint !== 'string' || !isFingerprint(orgFingerprint)) field('organization.keyFingerprint', '缺失或格式不正确');
  else if (keyFingerprint && keyFingerprint !== orgFingerprint)
    fail('ORG_KEY_MISMATCH', `签名密钥的指纹 ${keyFingerprint} 与清单中的单位密钥指纹 organization.keyFingerprint ${orgFingerprint} 不一致`, MANIFEST);

  // Rule 5.
  if (manifest.format !== BUNDLE_FORMAT)
    fail('FORMAT', `格式标识 format 应为 ${BUNDLE_FORMAT}，实为 ${JSON.stringify(manifest.format) ?? '（缺失）'}`, MANIFEST);

  // Rule 2: exactly the listed files, each with its size and SHA-256.
  const listed = new Map();
  if (!Array.isArray(manifest.files)) field('files', '缺失或不是数组');
  else {
    for (const [i, f] of manifest.files.entries()) {
      if (!isObject(f) || typeof f.path !== 'string') {
        field(`files[${i}].path`, '缺失或不是文本');
        continue;
      }
      if (listed.has(f.path)) {
        fail('DUPLICATE_PATH', '该路径在 files 中出现不止一次', f.path);
        continue;
      }
      listed.set(f.path, f);
      const sizeOk = Number.isSafeInteger(f.size) && f.size >= 0;
      const hashOk = typeof f.sha256 === 'string' && HEX64.test(f.sha256);
      if (!sizeOk) field(`files[${i}].size`, '缺失或不是非负整数');
      if (!hashOk) field(`files[${i}].sha256`, '缺失或不是 64 位小写十六进制数字');
      if (f.path === MANIFEST || f.path === SIGNATURE) {
        fail('LISTS_MANIFEST', 'files 不得列出 manifest.json 和 manifest.sig', f.path);
        continue;
      }
      const pathOk = checkPath(f.path);
      if (pathOk && f.path !== 'index.html' && f.path !== 'catalogue.csv' && !ITEM_FILE.test(f.path))
        fail('LAYOUT', '导出包中只能有 index.html、catalogue.csv 和 items/<信息编号>/<文件名>', f.path);
      const entry = entries.get(f.path);
      if (!entry) {
        // A path that breaks the rules cannot be in a conforming folder: its rule failure says it all.
        if (pathOk) fail('MISSING_FILE', '清单中列出的文件在文件夹中不存在', f.path);
        continue;
      }
      if (entry.kind === 'dir') fail('NOT_A_FILE', '清单中列为文件的路径在文件夹中是一个文件夹', f.path);
      if (entry.kind !== 'file') continue; // links and other objects are reported above
      const bytes = await read(f.path, 'FILE_UNREADABLE');
      if (!bytes) continue;
      if (sizeOk && bytes.length !== f.size) fail('SIZE_MISMATCH', `文件大小 ${bytes.length} 字节与清单记录的 ${f.size} 字节不符`, f.path);
      if (hashOk && hex(await crypto.sha256(bytes)) !== f.sha256) fail('HASH_MISMATCH', '文件内容的 SHA-256 与清单记录的不符：文件已被改动', f.path);
    }
    for (const required of ['index.html', 'catalogue.csv'])
      if (!listed.has(required)) fail('LAYOUT_MISSING', `清单的 files 中没有 ${required}`, required);
    for (const e of folder.entries)
      if (e.kind === 'file' && e.path !== MANIFEST && e.path !== SIGNATURE && !listed.has(e.path))
        fail('EXTRA_FILE', '文件夹中有清单未列出的文件', e.path);
  }

  // Rules 3 and 4: items, their outcomes and their files.
  const owner = new Map();
  const items = Array.isArray(manifest.items) ? manifest.items : [];
  if (!Array.isArray(manifest.items)) field('items', '缺失或不是数组');
  for (const [i, item] of items.entries()) {
    if (!isObject(item) || typeof item.id !== 'string' || item.id === '') {
      field(`items[${i}].id`, '缺失或不是文本');
      continue;
    }
    if (owner.has(item.id)) fail('DUPLICATE_ITEM', `信息编号 ${item.id} 在 items 中出现不止一次`, MANIFEST);
    const names = new Set();
    owner.set(item.id, names);
    if (!OUTCOMES.includes(item.outcome))
      fail('OUTCOME', `信息 ${item.id} 的审查结论为 ${JSON.stringify(item.outcome) ?? '（缺失）'}，导出包中只能有全部公开（PUBLISH）或部分公开（PUBLISH_PART）的信息`, MANIFEST);
    if (!Array.isArray(item.files)) {
      field(`items[${i}].files`, '缺失或不是数组');
      continue;
    }
    for (const p of item.files) {
      if (typeof p !== 'string') {
        field(`items[${i}].files`, '含有不是文本的项');
        continue;
      }
      names.add(p);
      if (!checkPath(p)) continue;
      if (!listed.has(p)) fail('ITEM_FILE_UNLISTED', `信息 ${item.id} 的文件未列入清单的 files`, p);
      const m = ITEM_FILE.exec(p);
      if (!m || m[1] !== item.id) fail('ITEM_FILE_WRONG_FOLDER', `信息 ${item.id} 的文件应位于 items/${item.id}/ 下`, p);
    }
  }
  if (Array.isArray(manifest.files)) {
    for (const p of listed.keys()) {
      const m = ITEM_FILE.exec(p);
      if (!m || judged.get(p) === false) continue;
      const names = owner.get(m[1]);
      if (!names) fail('ITEM_FILE_ORPHAN', `items 中没有编号为 ${m[1]} 的信息，该文件不属于任何信息`, p);
      else if (!names.has(p)) fail('ITEM_FILE_NOT_NAMED', `该文件未列入信息 ${m[1]} 的 files`, p);
    }
  }
  if (manifest.recalls !== undefined && !Array.isArray(manifest.recalls)) field('recalls', '不是数组');
  return finish(failures, manifest, keyFingerprint);
}

function finish(failures, manifest, keyFingerprint) {
  const readOnly = failures.length > 0 && failures.every((f) => READ_CODES.includes(f.code));
  const status = failures.length === 0 ? 'valid' : readOnly ? 'unreadable' : 'invalid';
  const summary = manifest && status === 'valid'
    ? {
        bundleId: manifest.bundleId,
        sequence: manifest.sequence,
        createdAt: manifest.createdAt,
        organization: manifest.organization?.name,
        exportedBy: manifest.exportedBy?.name,
        keyFingerprint,
        files: manifest.files.length,
        items: manifest.items.length,
        recalls: Array.isArray(manifest.recalls) ? manifest.recalls.length : 0,
      }
    : null;
  return { status, failures, summary };
}

/** 0 valid, 1 invalid, 2 unreadable: the exit status of both command-line verifiers. */
export function exitCode(result) {
  return result.status === 'valid' ? 0 : result.status === 'invalid' ? 1 : 2;
}

/** A folder that could not even be listed. */
export function unreadableFolder(label) {
  return { status: 'unreadable', failures: [{ code: 'FOLDER_UNREADABLE', path: label, message: '无法读取该文件夹：不存在、不是文件夹或没有读取权限' }], summary: null };
}

// Text from the bundle reaches a terminal or a page: control and bidirectional
// characters are shown as escapes so they cannot rewrite what a person reads.
export function visible(text) {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
  return String(text).replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The report both command-line verifiers print, line by line. */
export function formatReport(result, label) {
  const lines = [];
  if (result.status === 'valid') {
    const s = result.summary;
    lines.push(`导出包验证通过：${visible(label)}`);
    lines.push(`单位：${visible(s.organization ?? '')}（密钥指纹 ${s.keyFingerprint}）`);
    lines.push(`导出包编号：${visible(s.bundleId ?? '')}；序号：${visible(s.sequence ?? '')}；导出时间：${visible(s.createdAt ?? '')}；导出人：${visible(s.exportedBy ?? '')}`);
    lines.push(`共 ${s.files} 个文件、${s.items} 项信息、${s.recalls} 项撤回`);
    return lines;
  }
  const head = result.status === 'unreadable' ? '导出包无法读取' : '导出包验证未通过';
  lines.push(`${head}：${visible(label)}，共 ${result.failures.length} 处问题`);
  result.failures.forEach((f, i) => {
    lines.push(`${i + 1}. [${f.code}] ${f.path === undefined ? '' : `${visible(f.path)}：`}${visible(f.message)}`);
  });
  return lines;
}
