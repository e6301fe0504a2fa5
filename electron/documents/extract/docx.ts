import { safeUnzip, zipEntries } from '../zip';
import { OFFICE_META, propertySegments } from './office';
import { WordTables } from './ooxml/word-tables';
import type { Extraction, Segment } from './types';
import { walkXml } from './xml';

// Everything a reader of a .docx could find: body, headers, footers, notes, comments
// (with authors), tracked insertions and deletions, hidden text, text boxes,
// properties, custom XML and the names of embedded files.

type Kind = 'normal' | 'deleted' | 'inserted' | 'hidden' | 'textbox';
const SUFFIX: Record<Kind, string> = {
  normal: '',
  deleted: '（修订：已删除的文字）',
  inserted: '（修订：插入的文字）',
  hidden: '（隐藏文字）',
  textbox: '（文本框）',
};

function partLabel(name: string): string | null {
  if (name === 'word/document.xml') return '正文';
  let m = /^word\/header(\d*)\.xml$/.exec(name);
  if (m) return `页眉${m[1]}`;
  m = /^word\/footer(\d*)\.xml$/.exec(name);
  if (m) return `页脚${m[1]}`;
  if (name === 'word/footnotes.xml') return '脚注';
  if (name === 'word/endnotes.xml') return '尾注';
  if (name === 'word/comments.xml') return '批注';
  return null;
}

const isOn = (v: unknown) => v === undefined || !['0', 'false', 'off'].includes(String(v));

function wordPart(xml: Uint8Array, part: string, label: string, out: Segment[]): void {
  let paragraph = 0;
  let buckets = new Map<Kind, string>();
  let del = 0;
  let ins = 0;
  let txbx = 0;
  let runHidden = false;
  // Paragraphs in a table cell carry the cell: as a mark, so neighbouring cells' numbers are
  // never joined, and as the table address the item page draws the table from.
  const tables = new WordTables();
  const cellNow = (path: ReturnType<WordTables['path']>) => (path ? `${label}:${path.map((t) => `表${t.table}行${t.row}列${t.col}`).join('/')}` : undefined);
  const add = (kind: Kind, t: string) => buckets.set(kind, (buckets.get(kind) ?? '') + t);
  const kindNow = (): Kind => (del ? 'deleted' : runHidden ? 'hidden' : ins ? 'inserted' : txbx ? 'textbox' : 'normal');

  walkXml(xml, part, {
    open: (tag, path) => {
      tables.onOpen(tag, path);
      switch (tag.name) {
        case 'w:p':
          paragraph += 1;
          buckets = new Map();
          break;
        case 'w:del':
          del += 1;
          break;
        case 'w:ins':
          ins += 1;
          break;
        case 'w:txbxContent':
          txbx += 1;
          break;
        case 'w:r':
          runHidden = false;
          break;
        case 'w:vanish':
        case 'w:specVanish':
          // Inside a run's properties it hides the run; under w:pPr it hides only the paragraph mark.
          if (isOn(tag.attributes['w:val']) && path.includes('w:r')) runHidden = true;
          break;
        case 'w:tab':
          if (path.includes('w:r')) add(kindNow(), '\t');
          break;
        case 'w:br':
        case 'w:cr':
          if (path.includes('w:r')) add(kindNow(), '\n');
          break;
        case 'w:comment': {
          const author = String(tag.attributes['w:author'] ?? '');
          if (author) out.push({ location: `${label}作者`, text: author });
          break;
        }
      }
    },
    text: (t, path) => {
      const leaf = path.at(-1);
      if (leaf === 'w:t' || leaf === 'w:delText' || leaf === 'w:instrText' || leaf === 'w:delInstrText') add(kindNow(), t);
    },
    close: (name) => {
      tables.onClose(name);
      switch (name) {
        case 'w:p': {
          const table = tables.path();
          const cell = cellNow(table);
          for (const [kind, text] of buckets) if (text.trim()) out.push({ location: `${label} 第${paragraph}段${SUFFIX[kind]}`, text, ...(cell && table ? { cell, table } : {}) });
          buckets = new Map();
          break;
        }
        case 'w:del':
          del -= 1;
          break;
        case 'w:ins':
          ins -= 1;
          break;
        case 'w:txbxContent':
          txbx -= 1;
          break;
        case 'w:r':
          runHidden = false;
          break;
      }
    },
  });
}

export function extractDocx(buf: Uint8Array): Extraction {
  const files = safeUnzip(buf, (n) => (n.startsWith('word/') && n.endsWith('.xml')) || OFFICE_META(n));
  const segments: Segment[] = [];
  const order = [...files.keys()].filter((n) => partLabel(n)).sort((a, b) => (a === 'word/document.xml' ? -1 : b === 'word/document.xml' ? 1 : a.localeCompare(b)));
  for (const part of order) wordPart(files.get(part)!, part, partLabel(part)!, segments);
  segments.push(...propertySegments(files));
  // Embedded objects: their names alone can say what they are.
  for (const n of zipEntries(buf).map((e) => e.name)) if (n.startsWith('word/embeddings/') || n.startsWith('word/media/')) segments.push({ location: n.startsWith('word/media/') ? '嵌入的图片' : '嵌入的对象', text: n.split('/').pop()! });
  // The parts read here, so the generic walk does not report their text again.
  const read = [...order, ...[...files.keys()].filter((n) => n.startsWith('docProps/') || /^customXml\/item\d+\.xml$/.test(n))];
  return { segments, warnings: [], pages: null, parts: read.map((name) => ({ name, what: 'XML 部分', read: true })) };
}
