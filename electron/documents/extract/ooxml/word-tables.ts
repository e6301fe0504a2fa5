import type { SaxesTagPlain } from 'saxes';
import type { TableStep } from '../../../../shared/documents';

// Where in a Word table (w:tbl/w:tr/w:tc) the walk of a part stands, so every paragraph
// of a cell can say which table, row and column it belongs to, and the item page can
// draw the table. Columns are grid columns: a cell after a merged one (w:gridSpan) or
// after skipped grid columns (w:gridBefore) keeps its place under the cells above it.
// A vertically merged cell (w:vMerge) is one cell: the first one's step grows its rowSpan
// as continuation cells follow, and any text in a continuation belongs to that first cell.
//
// The address travels as a structured field of the segment, not in the location words:
// locations are printed on forms and other readers match them ("正文 第3段"), and a
// table's drawing needs spans that have no place in a readable location.

interface OpenTable {
  id: number;
  row: number;
  /** The next free grid column in the current row, 0-based. */
  next: number;
  /** The cell open now; shared by reference with the segments made in it. */
  cell: TableStep | null;
  /** Steps of cells that began a vertical merge, by grid column, 0-based. */
  merges: Map<number, TableStep>;
  /** The cell before the open one in this row, which a legacy w:hMerge continuation widens. */
  previous: TableStep | null;
}

const number = (tag: SaxesTagPlain): number => {
  const n = Number.parseInt(String(tag.attributes['w:val'] ?? ''), 10);
  return Number.isFinite(n) && n > 0 ? Math.min(n, 1000) : 1;
};

export class WordTables {
  private readonly open: OpenTable[] = [];
  private count = 0;
  /** The start column of the open cell, so a span read later can be placed. */
  private readonly starts = new WeakMap<TableStep, number>();

  /** Called for every opening tag of the part; returns nothing, keeps the position. */
  onOpen(tag: SaxesTagPlain, path: readonly string[]): void {
    const t = this.open.at(-1);
    switch (tag.name) {
      case 'w:tbl':
        this.open.push({ id: ++this.count, row: 0, next: 0, cell: null, merges: new Map(), previous: null });
        break;
      case 'w:tr':
        if (t) [t.row, t.next, t.cell, t.previous] = [t.row + 1, 0, null, null];
        break;
      case 'w:gridBefore':
        if (t && path.at(-2) === 'w:trPr') t.next += number(tag);
        break;
      case 'w:tc':
        if (t) {
          t.cell = { table: t.id, row: t.row, col: t.next + 1 };
          this.starts.set(t.cell, t.next);
        }
        break;
      case 'w:gridSpan':
        if (t?.cell && path.at(-2) === 'w:tcPr' && number(tag) > 1) t.cell.colSpan = number(tag);
        break;
      case 'w:hMerge':
        // Older files merge across columns this way: a continuation widens the cell before it.
        if (t?.cell && t.previous && path.at(-2) === 'w:tcPr' && String(tag.attributes['w:val'] ?? 'continue') !== 'restart') {
          t.previous.colSpan = (t.previous.colSpan ?? 1) + (t.cell.colSpan ?? 1);
          t.cell = t.previous;
        }
        break;
      case 'w:vMerge':
        if (t?.cell && path.at(-2) === 'w:tcPr') this.vMerge(t, String(tag.attributes['w:val'] ?? 'continue'));
        break;
    }
  }

  onClose(name: string): void {
    const t = this.open.at(-1);
    if (name === 'w:tbl') this.open.pop();
    else if (name === 'w:tc' && t?.cell) {
      const own = this.starts.get(t.cell);
      // A continuation cell stands in its own column, whatever the first cell's column was.
      t.next = (own ?? t.next) + (t.cell.colSpan ?? 1);
      [t.previous, t.cell] = [t.cell, null];
    }
  }

  private vMerge(t: OpenTable, val: string): void {
    const cell = t.cell!;
    const start = this.starts.get(cell)!;
    if (val === 'restart') {
      t.merges.set(start, cell);
      return;
    }
    const first = t.merges.get(start);
    // A continuation with nothing above to continue is a cell of its own.
    if (!first || first.row + (first.rowSpan ?? 1) !== cell.row) {
      t.merges.delete(start);
      return;
    }
    first.rowSpan = (first.rowSpan ?? 1) + 1;
    // The continuation's text, if any, belongs to the merged cell; its own column stays for what follows.
    this.starts.set(first, start);
    t.cell = first;
  }

  /** The cell the walk stands in, outermost table first; null outside every table cell. */
  path(): TableStep[] | null {
    if (!this.open.length || this.open.some((t) => !t.cell)) return null;
    return this.open.map((t) => t.cell!);
  }
}
