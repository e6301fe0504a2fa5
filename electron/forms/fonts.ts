import fontkit from '@pdf-lib/fontkit';
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { PDFDocument, PDFFont } from 'pdf-lib';
import type { Measure } from './layout';

// The typefaces of the forms: Noto Serif SC (SIL OFL 1.1, from npm) unless the agency's
// own fonts are given. Every font is embedded as a subset of the glyphs used. The font
// files are read and parsed once per process: a CJK font is 15 MB.

export interface FontFiles {
  regular: string;
  /** The title face (方正小标宋 where installed); the regular face when absent. */
  bold?: string;
}

export function defaultFonts(): FontFiles {
  const req = createRequire(import.meta.url);
  return {
    regular: req.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'),
    bold: req.resolve('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf'),
  };
}

/**
 * The agency's own typefaces where the machine has them (GB/T 9704: 仿宋_GB2312 for the
 * text, 方正小标宋 for titles), each falling back to Noto Serif SC. Looked for once per
 * process, by file name, in the system and user font folders.
 */
const AGENCY_FILES = {
  regular: ['仿宋_gb2312.ttf', 'fangsong_gb2312.ttf', 'fs_gb2312.ttf'],
  bold: ['方正小标宋简体.ttf', '方正小标宋_gbk.ttf', 'fzxbsjw.ttf', 'fzxbsk.ttf', 'fzxiaobiaosong-b05s.ttf'],
};

export function systemFontDirs(): string[] {
  const home = homedir();
  if (process.platform === 'win32')
    return [join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts'), ...(process.env.LOCALAPPDATA ? [join(process.env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts')] : [])];
  if (process.platform === 'darwin') return ['/Library/Fonts', '/System/Library/Fonts', join(home, 'Library', 'Fonts')];
  return ['/usr/share/fonts', '/usr/local/share/fonts', join(home, '.local', 'share', 'fonts'), join(home, '.fonts')];
}

function findFile(dirs: string[], names: string[], depth = 3): string | null {
  for (const dir of dirs) {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    const hit = entries.find((e) => (e.isFile() || e.isSymbolicLink()) && names.includes(e.name.toLowerCase()));
    if (hit) return join(dir, hit.name);
    if (depth > 0) {
      const found = findFile(entries.filter((e) => e.isDirectory()).map((e) => join(dir, e.name)), names, depth - 1);
      if (found) return found;
    }
  }
  return null;
}

const agencyCache = new Map<string, FontFiles>();

export function agencyFonts(dirs: string[] = systemFontDirs()): FontFiles {
  const key = dirs.join('\n');
  let hit = agencyCache.get(key);
  if (!hit) {
    const noto = defaultFonts();
    hit = { regular: findFile(dirs, AGENCY_FILES.regular) ?? noto.regular, bold: findFile(dirs, AGENCY_FILES.bold) ?? noto.bold };
    agencyCache.set(key, hit);
  }
  return hit;
}

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
type FontkitFont = ReturnType<Fontkit['create']>;

const bytesByPath = new Map<string, Uint8Array>();
const parsed = new WeakMap<Uint8Array, FontkitFont>();

interface TtfSubsetInternals {
  _addGlyph?: (gid: number) => number;
  glyf: Uint8Array[];
  offset: number;
}

/**
 * @pdf-lib/fontkit 1.1.1 writes a subset's `loca` in the short format (offsets / 2)
 * without padding glyph records to even length, so after the first odd-length glyph
 * every later glyph is read from the wrong offset and prints blank (pdf-lib #1232;
 * fixed upstream in fontkit 1.8 by foliojs/fontkit#191, which the fork predates). Padding
 * each record to an even length — what the TrueType spec recommends anyway — keeps every
 * offset exact in either format.
 */
function padGlyphRecords(subset: object): void {
  const s = subset as TtfSubsetInternals;
  const add = s._addGlyph?.bind(s);
  if (!add) return; // CFF subsets have no glyf records.
  s._addGlyph = (gid: number) => {
    const i = add(gid);
    const record = s.glyf[i]!;
    if (record.length % 2 === 1) {
      // The fork's streams accept only its own bundled Buffer class: build the padded record with it.
      const B = record.constructor as unknown as { concat(list: Uint8Array[]): Uint8Array; alloc(n: number): Uint8Array };
      s.glyf[i] = B.concat([record, B.alloc(1)]);
      s.offset += 1;
    }
    return i;
  };
}

/** fontkit, but a font file already parsed is handed out again instead of parsed anew, and its subsets are padded. */
const cachingFontkit: Fontkit = {
  create(buf: Uint8Array, postscriptName?: string) {
    const hit = parsed.get(buf);
    if (hit) return hit;
    const font = fontkit.create(buf, postscriptName);
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset();
      padGlyphRecords(subset);
      return subset;
    };
    parsed.set(buf, font);
    return font;
  },
};

function bytes(path: string): Uint8Array {
  let b = bytesByPath.get(path);
  if (!b) {
    b = new Uint8Array(readFileSync(path));
    bytesByPath.set(path, b);
  }
  return b;
}

export interface EmbeddedFonts {
  regular: PDFFont;
  bold: PDFFont;
  measure: Measure;
}

/** Subset tags follow the PDF convention (six capitals and '+') and are fixed so that a form renders to the same bytes twice. */
export async function embedFonts(doc: PDFDocument, files: FontFiles = defaultFonts()): Promise<EmbeddedFonts> {
  doc.registerFontkit(cachingFontkit);
  const regular = await doc.embedFont(bytes(files.regular), { subset: true, customName: 'MSHNRG+FormRegular' });
  const bold = files.bold ? await doc.embedFont(bytes(files.bold), { subset: true, customName: 'MSHNBD+FormTitle' }) : regular;
  const widths = new Map<string, number>();
  const unit = (ch: string, isBold: boolean): number => {
    const key = (isBold ? 'b' : 'r') + ch;
    let w = widths.get(key);
    if (w === undefined) {
      w = (isBold ? bold : regular).widthOfTextAtSize(ch, 1000) / 1000;
      widths.set(key, w);
    }
    return w;
  };
  return {
    regular,
    bold,
    measure: {
      width(text, size, isBold) {
        let w = 0;
        for (const ch of text) w += unit(ch, isBold);
        return w * size;
      },
    },
  };
}
