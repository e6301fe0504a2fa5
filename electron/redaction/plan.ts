import { maskValue, type Masks } from './masks';
import { compileNeedles, replaceAcross, replaceAll, type Needles } from './match';
import type { RedactionTarget, Removal } from './types';

// What to remove and with what, shared by every format: each target's replacement is
// decided once from its mask template, and every replacement made is counted per
// target and place, so the reviewer sees where each removal happened.

export class Plan {
  readonly needles: string[];
  readonly replacements: string[];
  readonly removedMarker: string;
  readonly compiled: Needles;
  /** needle index → index of its first target. */
  private readonly order: number[] = [];
  private readonly counts = new Map<string, Removal>();

  constructor(
    readonly targets: readonly RedactionTarget[],
    masks: Masks,
  ) {
    // The same text confirmed twice (two findings) is one needle, with the first mask chosen.
    const seen = new Map<string, number>();
    const needles: string[] = [];
    const replacements: string[] = [];
    targets.forEach((t, i) => {
      const text = t.text.trim();
      if (!text || seen.has(text)) return;
      seen.set(text, needles.length);
      needles.push(text);
      replacements.push(maskValue(text, t.mask, masks).text);
      this.order.push(i);
    });
    this.needles = needles;
    this.replacements = replacements;
    this.removedMarker = masks.removed;
    this.compiled = compileNeedles(needles);
  }

  private count(needle: number, where: string, n: number, replacement = this.replacements[needle]!): void {
    if (!n) return;
    const t = this.targets[this.order[needle]!]!;
    const key = `${needle}\u0000${where}`;
    const r = this.counts.get(key) ?? { kind: t.kind, ground: t.ground, where, count: 0, replacement };
    r.count += n;
    this.counts.set(key, r);
  }

  apply(text: string, where: string): string {
    if (!this.needles.length) return text;
    const r = replaceAll(text, this.compiled, (i) => this.replacements[i]!);
    r.counts.forEach((n, i) => this.count(i, where, n));
    return r.text;
  }

  applyAcross(pieces: readonly string[], where: string): string[] {
    if (!this.needles.length) return [...pieces];
    const r = replaceAcross(pieces, this.compiled, (i) => this.replacements[i]!);
    r.counts.forEach((n, i) => this.count(i, where, n));
    return r.pieces;
  }

  /** Records a removal made without text replacement (a whole object or part dropped). */
  record(needle: number, where: string, n: number, replacement: string): void {
    this.count(needle, where, n, replacement);
  }

  removals(): Removal[] {
    return [...this.counts.values()];
  }

  /** Targets never found anywhere: the reviewer must know, the proof will still search for them. */
  unmatched(): string[] {
    const hit = new Set([...this.counts.keys()].map((k) => Number(k.split('\u0000')[0])));
    return this.needles.filter((_, i) => !hit.has(i));
  }
}
