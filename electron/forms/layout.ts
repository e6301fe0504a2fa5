// The page layout of the forms: blocks (titles, paragraphs, ruled tables) laid out on A4
// pages inside the GB/T 9704-2012 type area, as drawing operations in PDF points. It
// knows nothing of PDF files: text widths come from a Measure, so the layout can be
// tested and reused by any writer.

export const MM = 72 / 25.4;
export const A4 = { width: 210 * MM, height: 297 * MM };
/** GB/T 9704-2012 7.2: 天头 37 mm, 订口 28 mm; the type area is 156 mm × 225 mm. */
export const MARGINS = { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM };
export const AREA = { left: MARGINS.left, right: A4.width - MARGINS.right, top: A4.height - MARGINS.top, bottom: MARGINS.bottom };

/** The font sizes of GB/T 9704 in points: 二号 for titles, 三号 for body text, 四号 and 小四 in tables. */
export const SIZE = { title: 22, body: 16, table: 12, small: 10.5 };

export interface Measure {
  width(text: string, size: number, bold: boolean): number;
}

export type Op =
  | { k: 'text'; x: number; y: number; text: string; size: number; bold: boolean }
  | { k: 'line'; x1: number; y1: number; x2: number; y2: number; width: number };

/** A check box option printed as “label □”, ticked with √ when checked. */
export interface BoxLine {
  box: string;
  checked: boolean;
}
export type CellLine = string | BoxLine;
export type Cell = string | { lines: CellLine[]; align?: Align; bold?: boolean };
export type Align = 'left' | 'center' | 'right';

export type Block =
  | { t: 'title'; text: string; size?: number }
  /** keepNext: never the last thing on a page (a heading stays with what it heads). indent: characters, on each paragraph's first line. */
  | { t: 'para'; text: string; size?: number; bold?: boolean; align?: Align; indent?: number; before?: number; after?: number; keepNext?: boolean }
  | { t: 'table'; widths: number[]; header?: Cell[]; rows: Cell[][]; size?: number; align?: Align[] }
  | { t: 'space'; pt: number }
  /** Starts a new page unless the blocks fit on the current one. */
  | { t: 'keep'; blocks: Block[] };

const CLOSING = new Set([...'，。、；：？！）》」』”’】〕…．,.;:?!)]']);
const LINE_GAP = 1.5;
const PAD_X = 4;
const PAD_Y = 3;

/** Splits text into lines that fit maxWidth: CJK breaks anywhere, Latin words and numbers stay whole, closing punctuation never starts a line. */
export function wrap(m: Measure, text: string, maxWidth: number, size: number, bold = false): string[] {
  const out: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    const tokens = para.match(/[A-Za-z0-9@._\-/:%#]+|\s+|./gsu) ?? [''];
    let line = '';
    for (const tok of tokens) {
      const next = line + tok;
      if (m.width(next, size, bold) <= maxWidth) {
        line = next;
        continue;
      }
      if (CLOSING.has(tok) && [...line].length > 1) {
        // Closing punctuation never starts a line: the character before it goes down with it.
        const chars = [...line];
        out.push(chars.slice(0, -1).join('').trimEnd());
        line = chars[chars.length - 1]! + tok;
        continue;
      }
      if (m.width(tok, size, bold) > maxWidth) {
        // A word longer than the line breaks by character.
        for (const ch of tok) {
          if (m.width(line + ch, size, bold) > maxWidth && line !== '') {
            out.push(line);
            line = '';
          }
          line += ch;
        }
        continue;
      }
      out.push(line.trimEnd());
      line = tok.trim() === '' ? '' : tok;
    }
    out.push(line.trimEnd());
  }
  return out;
}

interface Laid {
  lines: CellLine[];
  align: Align;
  bold: boolean;
}

export class Layout {
  readonly pages: Op[][] = [[]];
  private y = AREA.top;

  constructor(private readonly m: Measure) {}

  get page(): Op[] {
    return this.pages[this.pages.length - 1]!;
  }

  private newPage(): void {
    this.pages.push([]);
    this.y = AREA.top;
  }

  private atTop(): boolean {
    return this.y === AREA.top;
  }

  add(blocks: Block[]): this {
    blocks.forEach((b, i) => {
      const next = blocks[i + 1];
      if (b.t === 'para' && b.keepNext && next && !this.atTop() && this.heightOf([b, firstPart(next)]) > this.y - AREA.bottom) this.newPage();
      this.block(b);
    });
    return this;
  }

  private block(b: Block): void {
    switch (b.t) {
      case 'space':
        this.y -= b.pt;
        if (this.y < AREA.bottom) this.newPage();
        return;
      case 'title':
        return this.text(b.text, { size: b.size ?? SIZE.title, bold: true, align: 'center', after: (b.size ?? SIZE.title) * 0.8 });
      case 'para':
        if (b.before) this.block({ t: 'space', pt: b.before });
        return this.text(b.text, b);
      case 'table':
        return this.table(b);
      case 'keep':
        if (!this.atTop() && this.heightOf(b.blocks) > this.y - AREA.bottom) this.newPage();
        for (const inner of b.blocks) this.block(inner);
        return;
    }
  }

  /** The height of paragraphs and spaces; tables count as their full height. */
  private heightOf(blocks: Block[]): number {
    const width = AREA.right - AREA.left;
    let h = 0;
    for (const b of blocks) {
      if (b.t === 'space') h += b.pt;
      else if (b.t === 'para' || b.t === 'title') {
        const size = b.size ?? (b.t === 'title' ? SIZE.title : SIZE.body);
        const indent = b.t === 'para' ? (b.indent ?? 0) * size : 0;
        const bold = b.t === 'title' || !!b.bold;
        for (const p of b.text.split(/\r?\n/)) h += wrap(this.m, p, width - indent, size, bold).length * size * LINE_GAP;
        h += (b.t === 'para' ? (b.before ?? 0) + (b.after ?? 0) : size * 0.8);
      } else if (b.t === 'table') h += this.tableRows(b).reduce((s, r) => s + r.height, 0);
      else h += this.heightOf(b.blocks);
    }
    return h;
  }

  private text(text: string, o: { size?: number; bold?: boolean; align?: Align; indent?: number; after?: number }): void {
    const size = o.size ?? SIZE.body;
    const bold = !!o.bold;
    const lh = size * LINE_GAP;
    const indent = (o.indent ?? 0) * size;
    const width = AREA.right - AREA.left;
    for (const p of text.split(/\r?\n/))
      wrap(this.m, p, width - indent, size, bold).forEach((line, i) => {
        if (this.y - lh < AREA.bottom) this.newPage();
        const w = this.m.width(line, size, bold);
        const first = i === 0 ? indent : 0;
        const x = o.align === 'center' ? AREA.left + (width - w) / 2 : o.align === 'right' ? AREA.right - w : AREA.left + first;
        this.page.push({ k: 'text', x, y: baseline(this.y, lh, size), text: line, size, bold });
        this.y -= lh;
      });
    this.y -= o.after ?? 0;
  }

  private cellLines(cell: Cell, width: number, size: number, align: Align): Laid {
    const c = typeof cell === 'string' ? { lines: [cell] } : cell;
    const bold = 'bold' in c ? !!c.bold : false;
    const lines: CellLine[] = [];
    for (const l of c.lines) {
      if (typeof l === 'string') lines.push(...wrap(this.m, l, width - 2 * PAD_X, size, bold));
      else lines.push(l);
    }
    return { lines, align: ('align' in c && c.align) || align, bold };
  }

  private tableRows(t: Extract<Block, { t: 'table' }>): Array<{ cells: Laid[]; height: number; header: boolean }> {
    const size = t.size ?? SIZE.table;
    const lh = size * LINE_GAP;
    const full = AREA.right - AREA.left;
    const widths = t.widths.map((w) => w * full);
    const lay = (row: Cell[], header: boolean) => {
      const cells = row.map((c, i) => this.cellLines(c, widths[i]!, size, header ? 'center' : (t.align?.[i] ?? 'left')));
      const n = Math.max(1, ...cells.map((c) => c.lines.length));
      return { cells, height: n * lh + 2 * PAD_Y, header };
    };
    return [...(t.header ? [lay(t.header, true)] : []), ...t.rows.map((r) => lay(r, false))];
  }

  private table(t: Extract<Block, { t: 'table' }>): void {
    const size = t.size ?? SIZE.table;
    const lh = size * LINE_GAP;
    const full = AREA.right - AREA.left;
    const xs = [AREA.left];
    for (const w of t.widths) xs.push(xs[xs.length - 1]! + w * full);
    const rows = this.tableRows(t);
    const header = rows[0]?.header ? rows[0] : null;
    const body = header ? rows.slice(1) : rows;
    const headerHeight = header?.height ?? 0;
    const drawRow = (cells: Laid[], from: number, count: number) => {
      const h = count * lh + 2 * PAD_Y;
      const top = this.y;
      cells.forEach((c, i) => {
        c.lines.slice(from, from + count).forEach((line, j) => {
          const y = baseline(top - PAD_Y - j * lh, lh, size);
          this.cellText(line, xs[i]!, xs[i + 1]!, y, size, c.bold, c.align);
        });
      });
      this.page.push({ k: 'line', x1: xs[0]!, y1: top, x2: xs[xs.length - 1]!, y2: top, width: 0.75 });
      this.page.push({ k: 'line', x1: xs[0]!, y1: top - h, x2: xs[xs.length - 1]!, y2: top - h, width: 0.75 });
      for (const x of xs) this.page.push({ k: 'line', x1: x, y1: top, x2: x, y2: top - h, width: 0.75 });
      this.y -= h;
    };
    const startPage = () => {
      if (header) drawRow(header.cells, 0, Math.max(...header.cells.map((c) => c.lines.length)));
    };
    if (this.y - headerHeight - (body[0]?.height ?? 0) < AREA.bottom && !this.atTop()) this.newPage();
    startPage();
    for (const row of body) {
      const total = Math.max(1, ...row.cells.map((c) => c.lines.length));
      let from = 0;
      while (from < total) {
        const room = Math.floor((this.y - AREA.bottom - 2 * PAD_Y) / lh);
        const rest = total - from;
        const freshRoom = Math.floor((AREA.top - headerHeight - AREA.bottom - 2 * PAD_Y) / lh);
        if (rest <= room) {
          drawRow(row.cells, from, rest);
          from = total;
        } else if (room > 0 && (from > 0 || rest > freshRoom)) {
          // A row taller than a page continues on the next one.
          drawRow(row.cells, from, room);
          from += room;
          this.newPage();
          startPage();
        } else {
          this.newPage();
          startPage();
        }
      }
    }
  }

  private cellText(line: CellLine, x0: number, x1: number, y: number, size: number, bold: boolean, align: Align): void {
    const text = typeof line === 'string' ? line : `${line.box} □`;
    const w = this.m.width(text, size, bold);
    const x = align === 'center' ? (x0 + x1 - w) / 2 : align === 'right' ? x1 - PAD_X - w : x0 + PAD_X;
    if (typeof line === 'string') {
      this.page.push({ k: 'text', x, y, text, size, bold });
      return;
    }
    // Left-aligned options put their boxes in one column at the cell's right edge, as the paper forms do.
    const boxW = this.m.width('□', size, bold);
    const boxX = align === 'left' ? x1 - PAD_X - boxW : x + this.m.width(`${line.box} `, size, bold);
    this.page.push({ k: 'text', x, y, text: line.box, size, bold });
    this.page.push({ k: 'text', x: boxX, y, text: '□', size, bold });
    if (line.checked) {
      const tickSize = size * 0.8;
      this.page.push({ k: 'text', x: boxX + (boxW - this.m.width('√', tickSize, true)) / 2, y: y + size * 0.08, text: '√', size: tickSize, bold: true });
    }
  }
}

/** The part of a block that must share a page with a heading before it. */
function firstPart(b: Block): Block {
  if (b.t === 'table') return { ...b, rows: b.rows.slice(0, 1) };
  return b;
}

/** The baseline of a line whose box starts at top: glyphs centred in the line height. */
function baseline(top: number, lh: number, size: number): number {
  return top - lh / 2 - size * 0.36;
}
