import type { TableStep } from '../../../../../shared/documents';

// The pieces of a part laid out as Word has them: paragraphs in document order, and where
// consecutive pieces sit in the same table, that table as a grid of rows and cells, each
// cell holding its own pieces (and its nested tables) in order. Only what the text page
// holds is known: rows between the first and last that carry text are drawn, cells without
// text are drawn empty, and a merge never reaches past the last row drawn.

export type Flow<P> = Array<{ kind: 'piece'; piece: P } | { kind: 'table'; table: WordTable<P> }>;

export interface WordCell<P> {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  flow: Flow<P>;
}

export interface WordTable<P> {
  /** The table's number within its part, in document order (表格N). */
  id: number;
  rows: Array<{ row: number; cells: WordCell<P>[] }>;
}

interface Gathered<P> {
  id: number;
  items: P[];
}

/** Pieces → paragraphs and tables at one nesting depth (0: the part itself). */
export function layout<P>(pieces: readonly P[], stepsOf: (p: P) => TableStep[] | undefined, depth = 0): Flow<P> {
  const out: Array<{ kind: 'piece'; piece: P } | { kind: 'gathered'; g: Gathered<P> }> = [];
  for (const piece of pieces) {
    const step = stepsOf(piece)?.[depth];
    if (!step) {
      out.push({ kind: 'piece', piece });
      continue;
    }
    const last = out.at(-1);
    if (last?.kind === 'gathered' && last.g.id === step.table) last.g.items.push(piece);
    else out.push({ kind: 'gathered', g: { id: step.table, items: [piece] } });
  }
  return out.map((x) => (x.kind === 'piece' ? x : { kind: 'table', table: grid(x.g, stepsOf, depth) }));
}

function grid<P>(g: Gathered<P>, stepsOf: (p: P) => TableStep[] | undefined, depth: number): WordTable<P> {
  // Cells in the order their first piece came; a cell's span is the largest any piece saw.
  const cells = new Map<string, { step: TableStep; rowSpan: number; colSpan: number; items: P[] }>();
  for (const p of g.items) {
    const s = stepsOf(p)![depth]!;
    const key = `${s.row}:${s.col}`;
    const c = cells.get(key);
    if (c) {
      c.items.push(p);
      c.rowSpan = Math.max(c.rowSpan, s.rowSpan ?? 1);
      c.colSpan = Math.max(c.colSpan, s.colSpan ?? 1);
    } else cells.set(key, { step: s, rowSpan: s.rowSpan ?? 1, colSpan: s.colSpan ?? 1, items: [p] });
  }
  const all = [...cells.values()];
  const first = Math.min(...all.map((c) => c.step.row));
  const last = Math.max(...all.map((c) => c.step.row));
  const width = Math.max(...all.map((c) => c.step.col + c.colSpan - 1));
  const covered = new Set<string>();
  const rows: WordTable<P>['rows'] = [];
  for (let r = first; r <= last; r++) {
    const row: WordCell<P>[] = [];
    for (let col = 1; col <= width; col++) {
      if (covered.has(`${r}:${col}`)) continue;
      const c = cells.get(`${r}:${col}`);
      // A merge never covers a cell that holds text (a malformed file could ask for it),
      // nor reaches past the table's width or below the last row drawn.
      const free = (rr: number, cc: number) => !cells.has(`${rr}:${cc}`) && !covered.has(`${rr}:${cc}`);
      let colSpan = Math.min(c?.colSpan ?? 1, width - col + 1);
      for (let k = 1; k < colSpan; k++) if (!free(r, col + k)) colSpan = k;
      let rowSpan = Math.min(c?.rowSpan ?? 1, last - r + 1);
      for (let k = 1; k < rowSpan; k++) for (let dc = 0; dc < colSpan; dc++) if (!free(r + k, col + dc)) rowSpan = k;
      for (let dr = 0; dr < rowSpan; dr++) for (let dc = 0; dc < colSpan; dc++) if (dr || dc) covered.add(`${r + dr}:${col + dc}`);
      row.push({ row: r, col, rowSpan, colSpan, flow: c ? layout(c.items, stepsOf, depth + 1) : [] });
    }
    rows.push({ row: r, cells: row });
  }
  return { id: g.id, rows };
}
