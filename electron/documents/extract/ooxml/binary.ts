import { posix } from 'node:path';

// What a part that is not XML is, in the reviewer's words, and why it was not read when
// it was not. Only what no reader here understands ends up 未读取.

export interface BinaryKind {
  what: string;
  /** Set when the part is not read at all; the reason shown as 未读取. */
  unread?: string;
  /** Printable runs are searched as a last resort (file paths in OLE objects, printer names). */
  strings?: boolean;
  /** The part is text itself in this encoding, and is read whole. */
  text?: 'utf-16le';
}

const IMAGE_EXT = new Set(['.gif', '.bmp', '.tif', '.tiff', '.wdp', '.jxr', '.ico', '.webp']);

export function binaryKind(name: string): BinaryKind {
  const base = posix.basename(name).toLowerCase();
  const ext = posix.extname(base);
  // A worksheet's custom property (customPr, ECMA-376 §18.3.1.23): its value, stored as UTF-16 text.
  if (/^customproperty\d*\.bin$/.test(base)) return { what: '工作表自定义属性', text: 'utf-16le' };
  if (base.startsWith('vbaproject') || base === 'vbadata.xml') return { what: '宏代码（VBA）', unread: '宏代码为二进制格式，无法解析；含有宏的文件不能公开', strings: true };
  if (base.startsWith('printersettings')) return { what: '打印机设置', unread: '打印机设置为二进制数据，不含文档文字', strings: true };
  if (/\/fonts\//.test(name) || ['.odttf', '.ttf', '.otf', '.fntdata'].includes(ext)) return { what: '嵌入字体', unread: '字形数据，不含文档文字' };
  if (ext === '.emf' || ext === '.wmf' || ext === '.emz' || ext === '.wmz') return { what: '矢量图（EMF/WMF）', unread: '矢量图中的文字无法解析，请人工查看', strings: true };
  if (IMAGE_EXT.has(ext)) return { what: '图片', unread: '此格式的图片不读取元数据，图中文字不做识别，请人工查看' };
  if (ext === '.bin' || /oleobject/i.test(base)) return { what: '嵌入的对象（OLE）', unread: '二进制对象，无法解析；仅检查了其中可打印的文字', strings: true };
  return { what: '二进制数据', unread: '二进制数据，无法解析；仅检查了其中可打印的文字', strings: true };
}

/** Runs of printable text in binary data: ASCII and UTF-16LE, at least `min` characters. */
export function printableStrings(b: Uint8Array, min = 6, max = 200): string[] {
  const out = new Set<string>();
  const printable = (c: number) => (c >= 0x20 && c < 0x7f) || c === 9;
  let run = '';
  for (const c of b) {
    if (printable(c)) run += String.fromCharCode(c);
    else {
      if (run.trim().length >= min) out.add(run.trim());
      run = '';
    }
    if (out.size >= max) break;
  }
  if (run.trim().length >= min) out.add(run.trim());
  // UTF-16LE: Chinese file names and paths in OLE package headers are written this way.
  for (const start of [0, 1]) {
    let u = '';
    for (let i = start; i + 1 < b.length && out.size < max; i += 2) {
      const code = b[i]! | (b[i + 1]! << 8);
      const ok = (code >= 0x20 && code < 0x7f) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3000 && code <= 0x303f) || (code >= 0xff00 && code <= 0xffef);
      if (ok) u += String.fromCharCode(code);
      else {
        if (u.trim().length >= min && /[\u4e00-\u9fff]|[A-Za-z]{3}/.test(u) && !misaligned(u)) out.add(u.trim());
        u = '';
      }
    }
    if (u.trim().length >= min && !misaligned(u)) out.add(u.trim());
  }
  return [...out];
}

/** ASCII read as UTF-16 one byte off: every unit's low byte is zero (尀唀猀…). */
function misaligned(u: string): boolean {
  let zero = 0;
  for (const c of u) if ((c.charCodeAt(0) & 0xff) === 0) zero++;
  return zero > u.length / 2;
}
