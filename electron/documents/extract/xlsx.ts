import { posix } from 'node:path';
import { safeUnzip } from '../zip';
import { OFFICE_META, propertySegments } from './office';
import type { Extraction, Segment } from './types';
import { walkXml } from './xml';

// Every sheet (hidden and very hidden too), hidden rows and columns, notes and threaded
// comments, defined names, and numbers long enough to be ID or card numbers — with a
// warning when Excel's 15 significant digits have already eaten some of them.

interface Rel {
  id: string;
  target: string;
}

function rels(files: Map<string, Uint8Array>, part: string): Rel[] {
  const dir = posix.dirname(part);
  const relPart = `${dir}/_rels/${posix.basename(part)}.rels`;
  const xml = files.get(relPart);
  if (!xml) return [];
  const out: Rel[] = [];
  walkXml(xml, relPart, {
    open: (tag) => {
      if (tag.name === 'Relationship') {
        const target = String(tag.attributes['Target'] ?? '');
        out.push({ id: String(tag.attributes['Id'] ?? ''), target: target.startsWith('/') ? target.slice(1) : posix.normalize(`${dir}/${target}`) });
      }
    },
  });
  return out;
}

function colIndex(ref: string): number {
  const letters = /^[A-Z]+/.exec(ref)?.[0] ?? 'A';
  return [...letters].reduce((n, c) => n * 26 + (c.charCodeAt(0) - 64), 0);
}

/** Excel keeps 15 significant digits; a longer integer in <v> has lost the rest. */
function numberText(v: string): { text: string; lost: boolean } {
  const t = v.trim();
  if (!/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(t)) return { text: t, lost: false };
  // A plain integer keeps its digits as written; only the count tells whether Excel kept them all.
  if (/^-?\d+$/.test(t)) return { text: t, lost: t.replace('-', '').length > 15 };
  const n = Number(t);
  if (!Number.isFinite(n) || Math.abs(n) < 1e15 || !Number.isInteger(n)) return { text: t, lost: false };
  const digits = BigInt(Math.round(n)).toString();
  const significant = digits.replace(/0+$/, '').replace(/^-/, '').length;
  return { text: digits, lost: /[eE]/.test(t) || digits.length > 15 || significant > 15 };
}

const HEADER_FOOTER: Record<string, string> = {
  oddHeader: '页眉',
  oddFooter: '页脚',
  evenHeader: '偶数页页眉',
  evenFooter: '偶数页页脚',
  firstHeader: '首页页眉',
  firstFooter: '首页页脚',
};

/**
 * Header and footer text without its formatting codes: &L, &C and &R start the left,
 * centre and right sections (a tab between them, as they are apart on the page); fonts
 * (&"宋体,常规"), sizes (&12) and fields (&P page, &N pages, &D date…) are dropped.
 */
function headerFooterText(raw: string): string {
  return raw
    .replace(/&&/g, '\ue000')
    .replace(/&"[^"]*"/g, '')
    .replace(/&\d+/g, '')
    .replace(/&[LCR]/g, '\t')
    .replace(/&[A-Za-z]/g, '')
    .replace(/\ue000/g, '&')
    .replace(/^\t+|\t+$/g, '');
}

export function extractXlsx(buf: Uint8Array): Extraction {
  const files = safeUnzip(buf, (n) => (n.startsWith('xl/') && (n.endsWith('.xml') || n.endsWith('.rels'))) || OFFICE_META(n));
  const segments: Segment[] = [];
  const warnings: string[] = [];
  // The parts read here, so the generic walk does not report their text again.
  const read = new Set<string>([...files.keys()].filter((n) => n.startsWith('docProps/') || /^customXml\/item\d+\.xml$/.test(n)));

  const shared: string[] = [];
  const sst = files.get('xl/sharedStrings.xml');
  if (sst) {
    read.add('xl/sharedStrings.xml');
    let cur = '';
    walkXml(sst, 'xl/sharedStrings.xml', {
      open: (tag) => tag.name === 'si' && (cur = ''),
      text: (t, path) => {
        // Phonetic runs (rPh) are not what the cell shows.
        if (path.at(-1) === 't' && !path.includes('rPh')) cur += t;
      },
      close: (n) => n === 'si' && shared.push(cur),
    });
  }

  const wb = files.get('xl/workbook.xml');
  if (!wb) return { segments, warnings: ['工作簿缺少 workbook.xml'], pages: null };
  read.add('xl/workbook.xml');
  const sheets: Array<{ name: string; rid: string; state: string }> = [];
  let definedName: string | null = null;
  let definedText = '';
  walkXml(wb, 'xl/workbook.xml', {
    open: (tag) => {
      if (tag.name === 'sheet')
        sheets.push({ name: String(tag.attributes['name'] ?? ''), rid: String(tag.attributes['r:id'] ?? ''), state: String(tag.attributes['state'] ?? 'visible') });
      if (tag.name === 'definedName') {
        definedName = String(tag.attributes['name'] ?? '');
        definedText = '';
      }
    },
    text: (t, path) => {
      if (path.at(-1) === 'definedName') definedText += t;
    },
    close: (n) => {
      if (n === 'definedName' && definedName !== null) {
        segments.push({ location: '定义的名称', text: definedName });
        if (definedText.trim()) segments.push({ location: `定义的名称：${definedName}`, text: definedText.trim() });
        definedName = null;
      }
    },
  });
  const wbRels = rels(files, 'xl/workbook.xml');

  for (const sheet of sheets) {
    const part = wbRels.find((r) => r.id === sheet.rid)?.target;
    const xml = part ? files.get(part) : undefined;
    if (!part || !xml) continue;
    read.add(part);
    const sheetNote = sheet.state === 'veryHidden' ? '（深度隐藏的工作表）' : sheet.state === 'hidden' ? '（隐藏的工作表）' : '';
    segments.push({ location: `工作表名称${sheetNote}`, text: sheet.name });
    const hiddenCols: Array<[number, number]> = [];
    const pageText: Array<[string, string]> = [];
    let hf: [string, string] | null = null;
    let rowHidden = false;
    let cell: { ref: string; type: string } | null = null;
    let value = '';
    let inline = '';
    walkXml(xml, part, {
      open: (tag) => {
        if (tag.name === 'col' && ['1', 'true'].includes(String(tag.attributes['hidden'] ?? '')))
          hiddenCols.push([Number(tag.attributes['min']), Number(tag.attributes['max'])]);
        if (tag.name in HEADER_FOOTER) hf = [tag.name, ''];
        if (tag.name === 'row') rowHidden = ['1', 'true'].includes(String(tag.attributes['hidden'] ?? ''));
        if (tag.name === 'c') {
          cell = { ref: String(tag.attributes['r'] ?? ''), type: String(tag.attributes['t'] ?? 'n') };
          value = '';
          inline = '';
        }
      },
      text: (t, path) => {
        if (hf && path.at(-1) === hf[0]) hf[1] += t;
        if (!cell) return;
        if (path.at(-1) === 'v') value += t;
        if (path.at(-1) === 't' && path.includes('is')) inline += t;
      },
      close: (n) => {
        if (hf && n === hf[0]) {
          pageText.push(hf);
          hf = null;
        }
        if (n !== 'c' || !cell) return;
        const c = cell;
        cell = null;
        let text: string;
        if (c.type === 's') text = shared[Number(value)] ?? '';
        else if (c.type === 'inlineStr') text = inline;
        else if (c.type === 'str' || c.type === 'e') text = value;
        else if (c.type === 'b') return;
        else {
          const num = numberText(value);
          text = num.text;
          if (num.lost) warnings.push(`${sheet.name}!${c.ref} 以数字形式保存了一个超过15位有效数字的数（${value.trim()}），末尾数字已经丢失；可能是身份证号或银行卡号，请核对原始数据`);
        }
        if (!text.trim()) return;
        const col = colIndex(c.ref);
        const notes = [sheetNote, rowHidden ? '（隐藏的行）' : '', hiddenCols.some(([a, b]) => col >= a && col <= b) ? '（隐藏的列）' : ''].join('');
        segments.push({ location: `${sheet.name}!${c.ref}${notes}`, text, cell: `${sheet.name}!${c.ref}` });
      },
    });

    // Printed page headers and footers: where a classification mark is usually put.
    for (const [leaf, raw] of pageText) {
      const text = headerFooterText(raw);
      if (text.trim()) segments.push({ location: `${sheet.name} ${HEADER_FOOTER[leaf]}${sheetNote}`, text, cell: `${sheet.name} ${leaf}` });
    }

    // Notes (legacy comments) and threaded comments attached to this sheet.
    for (const rel of rels(files, part)) {
      const cxml = files.get(rel.target);
      if (!cxml || !/comments|threadedComment/i.test(rel.target)) continue;
      read.add(rel.target);
      const authors: string[] = [];
      let ref = '';
      let text = '';
      let author = '';
      walkXml(cxml, rel.target, {
        open: (tag) => {
          if (tag.name === 'comment' || tag.name === 'threadedComment') {
            ref = String(tag.attributes['ref'] ?? '');
            text = '';
            author = tag.name === 'comment' ? (authors[Number(tag.attributes['authorId'] ?? -1)] ?? '') : '';
          }
          if (tag.name === 'author') text = '';
        },
        text: (t, path) => {
          if (path.includes('author') && path.at(-1) === 'author') authors.push(t);
          else text += t;
        },
        close: (n) => {
          if (n === 'comment' || n === 'threadedComment') {
            if (author) segments.push({ location: `${sheet.name}!${ref} 批注作者`, text: author });
            if (text.trim()) segments.push({ location: `${sheet.name}!${ref} 批注${sheetNote}`, text: text.trim(), cell: `${sheet.name}!${ref} 批注` });
          }
        },
      });
    }
  }
  segments.push(...propertySegments(files));
  return { segments, warnings, pages: null, parts: [...read].map((name) => ({ name, what: 'XML 部分', read: true })) };
}
