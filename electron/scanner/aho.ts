// Aho–Corasick over UTF-16 code units: every occurrence of thousands of terms in one
// pass, so a 10,000-term negative list costs about as much as a short one. In Chinese
// text nearly every character starts some term, so the automaton lives in the root and
// the states just below it: those get complete rows (a DFA: one array read per
// character, failures already followed) over the units that occur in any term; a unit
// in no term resets to the root at once. Deeper states, which a text rarely reaches,
// keep their transitions in one open-addressing hash table and follow failure links.

export class TermMatcher {
  readonly terms: string[];
  /** The root's transitions by unit (while building). */
  private readonly root = new Int32Array(65536);
  private readonly fail: Int32Array;
  /** Terms ending at state s: outList[outStart[s] .. outStart[s + 1]). */
  private readonly outStart: Int32Array;
  private readonly outList: Int32Array;
  private readonly lengths: Int32Array;
  private readonly parent: Int32Array;
  private readonly edgeUnit: Uint16Array;
  // The hash table of transitions (state, unit) → state; keyState 0 marks an empty slot.
  private readonly keyState: Int32Array;
  private readonly keyUnit: Uint16Array;
  private readonly target: Int32Array;
  private readonly mask: number;
  // Shallow states (nearest the root, where the automaton spends its time) also get a
  // dense row over the units that occur in any term: unitClass maps a unit to its column
  // (0 for a unit in no term: no transition).
  private readonly unitClass = new Uint16Array(65536);
  private readonly rowCount: number;
  private readonly rows: Int32Array;
  private readonly width: number;

  /** `denseCells`: room for the rows (4 bytes a cell); tests make it small to exercise the deep states. */
  constructor(terms: readonly string[], denseCells = DENSE_CELLS) {
    this.terms = [...terms];
    this.lengths = Int32Array.from(this.terms, (t) => t.length);
    const next: Array<Map<number, number>> = [new Map()];
    const out: number[][] = [[]];
    this.terms.forEach((term, id) => {
      if (!term) return;
      let s = 0;
      for (let i = 0; i < term.length; i++) {
        const c = term.charCodeAt(i);
        let t = next[s]!.get(c);
        if (t === undefined) {
          t = next.length;
          next.push(new Map());
          out.push([]);
          next[s]!.set(c, t);
        }
        s = t;
      }
      out[s]!.push(id);
    });
    const failOld = new Int32Array(next.length);
    const queue: number[] = [];
    for (const [c, t] of next[0]!) {
      this.root[c] = t;
      queue.push(t);
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q]!;
      for (const [c, t] of next[s]!) {
        queue.push(t);
        let f = failOld[s]!;
        while (f !== 0 && !next[f]!.has(c)) f = failOld[f]!;
        const g = f === 0 ? this.root[c]! : next[f]!.get(c)!;
        failOld[t] = g !== 0 && g !== t ? g : 0;
        out[t]!.push(...out[failOld[t]!]!);
      }
    }
    // States renumbered breadth-first: the shallow states with rows are 0..rowCount-1,
    // so a state is its own row number and the hot step is one array read.
    const order = [0, ...queue];
    const id = new Int32Array(next.length);
    order.forEach((st, k) => (id[st] = k));
    const fail = (this.fail = new Int32Array(next.length));
    this.outStart = new Int32Array(next.length + 1);
    order.forEach((st, k) => {
      fail[k] = id[failOld[st]!]!;
      this.outStart[k + 1] = this.outStart[k]! + out[st]!.length;
    });
    this.outList = Int32Array.from(order.flatMap((st) => out[st]!));
    // Each state's parent and the unit that leads there (the root has none): the native
    // pass reads from them which terms a block can hold at all.
    this.parent = new Int32Array(next.length);
    this.edgeUnit = new Uint16Array(next.length);
    order.forEach((st, k) => {
      for (const [c, t] of next[st]!) {
        this.parent[id[t]!] = k;
        this.edgeUnit[id[t]!] = c;
      }
    });

    let classes = 1;
    for (const term of this.terms) for (let i = 0; i < term.length; i++) if (this.unitClass[term.charCodeAt(i)] === 0) this.unitClass[term.charCodeAt(i)] = classes++;
    this.width = classes;
    // Rows hold complete transitions (failures already followed); a state's failure state
    // is shallower, so its row is filled before the state's own.
    this.rowCount = Math.min(order.length, Math.max(1, Math.floor(denseCells / classes)));
    this.rows = new Int32Array(this.rowCount * classes);
    for (let k = 0; k < this.rowCount; k++) {
      const row = k * classes;
      if (k !== 0) this.rows.copyWithin(row, fail[k]! * classes, fail[k]! * classes + classes);
      for (const [c, t] of next[order[k]!]!) this.rows[row + this.unitClass[c]!] = this.flagged(id[t]!);
    }

    // Deeper states' own transitions, by (state, unit), in the hash table.
    let edges = 0;
    for (let k = this.rowCount; k < order.length; k++) edges += next[order[k]!]!.size;
    let size = 16;
    while (size < edges * 2) size <<= 1;
    this.mask = size - 1;
    this.keyState = new Int32Array(size);
    this.keyUnit = new Uint16Array(size);
    this.target = new Int32Array(size);
    for (let k = this.rowCount; k < order.length; k++)
      for (const [c, t] of next[order[k]!]!) {
        let h = slot(k, c) & this.mask;
        while (this.keyState[h] !== 0) h = (h + 1) & this.mask;
        this.keyState[h] = k;
        this.keyUnit[h] = c;
        this.target[h] = this.flagged(id[t]!);
      }
  }

  /** The automaton's tables, as the native pass (native.ts) walks them. */
  tables(): AutomatonTables {
    const { unitClass, rows, width, rowCount, fail, keyState, keyUnit, target, mask, outStart, outList, lengths, parent, edgeUnit } = this;
    return { unitClass, rows, width, rowCount, fail, keyState, keyUnit, target, mask, outStart, outList, lengths, parent, edgeUnit };
  }

  /** A transition's value: the state, with HAS_OUTPUT when terms end there (no extra read per step). */
  private flagged(state: number): number {
    return this.outStart[state + 1]! > this.outStart[state]! ? state | HAS_OUTPUT : state;
  }

  /** Calls back with (termId, start, end) for every occurrence. */
  scan(text: string, hit: (id: number, start: number, end: number) => void): void {
    const { fail, lengths, keyState, keyUnit, target, mask, outStart, outList, unitClass, rowCount, rows, width } = this;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const cls = unitClass[c]!;
      // A unit that occurs in no term leads back to the root, and from there nowhere.
      if (cls === 0) {
        s = 0;
        continue;
      }
      let v: number;
      for (;;) {
        if (s < rowCount) {
          v = rows[s * width + cls]!;
          break;
        }
        // A deep state: its own transitions from the hash table, else its failure state.
        let h = slot(s, c) & mask;
        let k = keyState[h]!;
        while (k !== 0 && (k !== s || keyUnit[h] !== c)) {
          h = (h + 1) & mask;
          k = keyState[h]!;
        }
        if (k !== 0) {
          v = target[h]!;
          break;
        }
        s = fail[s]!;
      }
      s = v & STATE;
      if (v < HAS_OUTPUT) continue;
      const to = outStart[s + 1]!;
      for (let k = outStart[s]!; k < to; k++) hit(outList[k]!, i + 1 - lengths[outList[k]!]!, i + 1);
    }
  }
}

export interface AutomatonTables {
  unitClass: Uint16Array;
  rows: Int32Array;
  width: number;
  rowCount: number;
  fail: Int32Array;
  keyState: Int32Array;
  keyUnit: Uint16Array;
  target: Int32Array;
  mask: number;
  outStart: Int32Array;
  outList: Int32Array;
  lengths: Int32Array;
  /** States in breadth-first order: each one's parent (before it) and the unit from the parent. */
  parent: Int32Array;
  edgeUnit: Uint16Array;
}

const HAS_OUTPUT = 1 << 30;
const STATE = HAS_OUTPUT - 1;

/** Cells of the dense rows (4 bytes each): enough for every shallow state of a large list. */
const DENSE_CELLS = 1 << 21;

const slot = (s: number, c: number) => {
  const x = Math.imul(s, 0x9e3779b1) ^ Math.imul(c, 0x85ebca6b);
  return x ^ (x >>> 16);
};
