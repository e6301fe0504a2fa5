// Browser side of tools/verify-bundle.html: the folder picked with
// <input webkitdirectory> and WebCrypto's SHA-256 and Ed25519 behind the one
// verification of verify-bundle-core.mjs. tools/verify-bundle-html.mjs inlines this
// file after the core (import lines dropped). Text is set with textContent only.
import { formatReport, isFingerprint, normalizeTrust, verifyBundle } from './verify-bundle-core.mjs';

function webCrypto(subtle) {
  return {
    sha256: async (bytes) => new Uint8Array(await subtle.digest('SHA-256', bytes)),
    verifyEd25519: async (rawKey, signature, data) => {
      try {
        const key = await subtle.importKey('raw', rawKey, { name: 'Ed25519' }, false, ['verify']);
        return await subtle.verify({ name: 'Ed25519' }, key, signature, data);
      } catch {
        return false;
      }
    },
  };
}

// A picked folder arrives as files whose webkitRelativePath starts with the folder's
// own name; browsers show neither empty folders nor links (the page says so).
function pickedFolder(files) {
  const byPath = new Map();
  let root = '';
  for (const file of files) {
    const rel = file.webkitRelativePath || file.name;
    const cut = rel.indexOf('/');
    root = cut >= 0 ? rel.slice(0, cut) : '';
    byPath.set(cut >= 0 ? rel.slice(cut + 1) : rel, file);
  }
  return {
    root,
    folder: {
      entries: [...byPath.keys()].map((path) => ({ path, kind: 'file' })),
      read: async (path) => new Uint8Array(await byPath.get(path).arrayBuffer()),
    },
  };
}

async function ed25519Supported(subtle) {
  try {
    await subtle.importKey('raw', new Uint8Array(32).fill(1), { name: 'Ed25519' }, false, ['verify']);
    return true;
  } catch {
    return false;
  }
}

export function startPage(doc, cryptoApi) {
  const $ = (id) => doc.getElementById(id);
  const result = $('result');
  const list = $('failures');
  const show = (state, status, lines) => {
    result.dataset.state = state;
    result.dataset.status = status;
    list.replaceChildren();
    $('headline').textContent = lines[0] ?? '';
    for (const line of lines.slice(1)) {
      const li = doc.createElement('li');
      li.textContent = line;
      list.append(li);
    }
  };
  $('verify').addEventListener('click', async () => {
    const subtle = cryptoApi?.subtle;
    if (!subtle || !(await ed25519Supported(subtle))) {
      show('done', 'error', ['此浏览器不支持 Ed25519 签名验证，请改用新版 Chrome、Edge、Firefox 或 Safari，或使用命令行验证工具。']);
      return;
    }
    const trust = normalizeTrust($('trust').value);
    if (!isFingerprint(trust)) {
      show('done', 'error', ['受信任的单位密钥指纹格式不正确：应为“sha256:”加 64 位小写十六进制数字。']);
      return;
    }
    const files = $('folder').files;
    if (!files || files.length === 0) {
      show('done', 'error', ['请先选择导出包文件夹。']);
      return;
    }
    show('running', '', ['正在验证……']);
    const { root, folder } = pickedFolder(files);
    let report;
    try {
      report = await verifyBundle(folder, webCrypto(subtle), trust);
    } catch {
      show('done', 'unreadable', ['导出包无法读取：读取所选文件时出错，请重新选择文件夹后再试。']);
      return;
    }
    // formatReport gives the headline, then one line per failure in the same order.
    show('done', report.status, formatReport(report, root));
    if (report.status !== 'valid') list.querySelectorAll('li').forEach((li, i) => (li.dataset.code = report.failures[i].code));
  });
}
