// Aho–Corasick over UTF-16 code units: every occurrence of thousands of terms in one
// pass, so a 10,000-term negative list costs about as much as a short one. The root's
// transitions are a dense table (most characters of a text lead back to the root, and
// that step is then one array read); deeper states keep a small map each.

export class TermMatcher {
  readonly terms: string[];
  private readonly next: Array<Map<number, number>> = [new Map()];
  private readonly fail: number[] = [0];
  private readonly out: number[][] = [[]];
  private readonly root = new Int32Array(65536);
  private readonly lengths: Int32Array;

  constructor(terms: readonly string[]) {
    this.terms = [...terms];
    this.lengths = Int32Array.from(this.terms, (t) => t.length);
    this.terms.forEach((term, id) => {
      if (!term) return;
      let s = 0;
      for (let i = 0; i < term.length; i++) {
        const c = term.charCodeAt(i);
        let t = this.next[s]!.get(c);
        if (t === undefined) {
          t = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          this.next[s]!.set(c, t);
        }
        s = t;
      }
      this.out[s]!.push(id);
    });
    const queue: number[] = [];
    for (const [c, t] of this.next[0]!) {
      this.root[c] = t;
      queue.push(t);
    }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q]!;
      for (const [c, t] of this.next[s]!) {
        queue.push(t);
        let f = this.fail[s]!;
        while (f !== 0 && !this.next[f]!.has(c)) f = this.fail[f]!;
        const g = f === 0 ? this.root[c]! : this.next[f]!.get(c)!;
        this.fail[t] = g !== 0 && g !== t ? g : 0;
        this.out[t]!.push(...this.out[this.fail[t]!]!);
      }
    }
  }

  /** Calls back with (termId, start, end) for every occurrence. */
  scan(text: string, hit: (id: number, start: number, end: number) => void): void {
    const { next, fail, out, root, lengths } = this;
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      for (;;) {
        if (s === 0) {
          s = root[c]!;
          break;
        }
        const t = next[s]!.get(c);
        if (t !== undefined) {
          s = t;
          break;
        }
        s = fail[s]!;
      }
      if (s === 0) continue;
      const ids = out[s]!;
      for (let k = 0; k < ids.length; k++) hit(ids[k]!, i + 1 - lengths[ids[k]!]!, i + 1);
    }
  }
}
