// Aho–Corasick over UTF-16 code units: every occurrence of thousands of terms in one
// pass, so a 10,000-term negative list costs about as much as a short one.

interface Node {
  next: Map<number, number>;
  fail: number;
  out: number[];
}

export class TermMatcher {
  private readonly nodes: Node[] = [{ next: new Map(), fail: 0, out: [] }];
  readonly terms: string[];

  constructor(terms: readonly string[]) {
    this.terms = [...terms];
    this.terms.forEach((term, id) => {
      if (!term) return;
      let s = 0;
      for (let i = 0; i < term.length; i++) {
        const c = term.charCodeAt(i);
        let t = this.nodes[s]!.next.get(c);
        if (t === undefined) {
          t = this.nodes.length;
          this.nodes.push({ next: new Map(), fail: 0, out: [] });
          this.nodes[s]!.next.set(c, t);
        }
        s = t;
      }
      this.nodes[s]!.out.push(id);
    });
    const queue: number[] = [];
    for (const t of this.nodes[0]!.next.values()) queue.push(t);
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q]!;
      for (const [c, t] of this.nodes[s]!.next) {
        queue.push(t);
        let f = this.nodes[s]!.fail;
        while (f !== 0 && !this.nodes[f]!.next.has(c)) f = this.nodes[f]!.fail;
        const g = this.nodes[f]!.next.get(c);
        this.nodes[t]!.fail = g !== undefined && g !== t ? g : 0;
        this.nodes[t]!.out.push(...this.nodes[this.nodes[t]!.fail]!.out);
      }
    }
  }

  /** Calls back with (termId, start, end) for every occurrence. */
  scan(text: string, hit: (id: number, start: number, end: number) => void): void {
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      while (s !== 0 && !this.nodes[s]!.next.has(c)) s = this.nodes[s]!.fail;
      s = this.nodes[s]!.next.get(c) ?? 0;
      for (const id of this.nodes[s]!.out) hit(id, i + 1 - this.terms[id]!.length, i + 1);
    }
  }
}
