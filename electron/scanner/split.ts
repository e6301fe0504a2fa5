// How a long text is shared between scanning threads: cut at line ends into parts of
// about equal size, each read with `overlap` characters (rounded out to whole lines) of
// its neighbours, so a finding that starts in a part is seen whole by that part's thread,
// with the context before it. Each part owns the findings that start inside it.

export interface Part {
  /** The slice the thread reads. */
  from: number;
  to: number;
  /** The findings this part reports: those starting in [ownFrom, ownTo). */
  ownFrom: number;
  ownTo: number;
}

const lineStartAtOrBefore = (text: string, at: number) => (at <= 0 ? 0 : text.lastIndexOf('\n', at - 1) + 1);
const lineStartAtOrAfter = (text: string, at: number) => {
  if (at >= text.length) return text.length;
  const nl = text.indexOf('\n', at);
  return nl < 0 ? text.length : nl + 1;
};

export function splitParts(text: string, parts: number, overlap: number): Part[] {
  const cuts = [0];
  for (let i = 1; i < parts; i++) {
    const c = lineStartAtOrAfter(text, Math.floor((text.length * i) / parts));
    // A text with few line ends gives fewer parts: never cut inside a line.
    if (c > cuts.at(-1)! && c < text.length) cuts.push(c);
  }
  cuts.push(text.length);
  const out: Part[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const ownFrom = cuts[i]!;
    const ownTo = cuts[i + 1]!;
    out.push({ from: lineStartAtOrBefore(text, ownFrom - overlap), to: lineStartAtOrAfter(text, ownTo + overlap), ownFrom, ownTo });
  }
  return out;
}

/** Findings of all parts, each once: owned by the part it starts in, deduplicated as the scanner does. */
export function mergeParts<F extends { kind: string; start: number; end: number; basisId: string | null }>(parts: readonly Part[], found: ReadonlyArray<readonly F[]>): F[] {
  const seen = new Set<string>();
  const out: F[] = [];
  parts.forEach((p, i) => {
    for (const f of found[i] ?? []) {
      if (f.start < p.ownFrom || f.start >= p.ownTo) continue;
      const key = `${f.kind}:${f.start}:${f.end}:${f.basisId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(f);
    }
  });
  return out;
}
