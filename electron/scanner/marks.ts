import { CELL_BOUNDARY } from './numbers';
import type { Rules } from './rules';

// Classification marks (GB/T 9704: 份号, 密级和保密期限, 紧急程度 in the top-left corner;
// the same mark often repeated in the header or footer). Found on the text with its
// spaces kept, because a mark's place on its line is part of what makes it a mark;
// letter-spacing inside a mark (绝 密, 机\u3000密) is allowed explicitly.

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** 绝密 → 绝[ ]{0,2}密: a word that may be letter-spaced. */
const spaced = (w: string) => [...w].map(esc).join('[ \\t]{0,2}');
const alt = (ws: readonly string[]) => ws.map(spaced).join('|');

export function markPatterns(rules: Rules): RegExp[] {
  const c = rules.classification;
  const marks = alt(c.marks);
  const stars = c.stars.map(esc).join('');
  const urgency = c.urgency.length ? `(?:[ \\t]+(?:${alt(c.urgency)}))?` : '';
  // 10年, 1 0 年, 6个月, 长期, 启用前 (exam papers and documents before their release).
  const words = c.terms.length ? `|${alt(c.terms)}` : '';
  const term = `(?:\\d(?:[ \\t]?\\d)*[ \\t]*(?:年|个[ \\t]?月|月|天)${words})`;
  // A line (or a cell) holding nothing but the 份号, the mark and the urgency.
  const alone = `(?<=(?:^|[\\n${CELL_BOUNDARY}])[ \\t]*(?:\\d{3,8}[ \\t]+)?)(?:${marks})(?=${urgency}[ \\t]*(?:[\\n${CELL_BOUNDARY}]|$))`;
  // A mark standing apart on a header line: at its start or end, set off by a tab or
  // wide spacing from the rest, as headers and footers lay it out.
  const apart = `(?<=^|[\\n\\t${CELL_BOUNDARY}]|[ ]{2})(?:${marks})(?=[\\n\\t${CELL_BOUNDARY}]|[ ]{2}|$)`;
  return [
    new RegExp(`(?:${marks})[ \\t]*[${stars}][ \\t]*${term}?`, 'g'),
    new RegExp(alone, 'g'),
    new RegExp(apart, 'g'),
    // 密级：机密★1年 is one mark: the label pattern takes the star and term along.
    new RegExp(`(?:${alt(c.labels)})[ \\t]*[:：]?[ \\t]*(?:${marks})(?:[ \\t]*[${stars}][ \\t]*${term}?)?`, 'g'),
    new RegExp(`保密期限[ \\t]*[:：][ \\t]*[^\\s，。；,;${CELL_BOUNDARY}]{1,12}`, 'g'),
  ];
}

/**
 * For each pattern of markPatterns, in order: the characters a match can start with, where
 * the pattern begins with a look-behind (the engine then tries it at every position, and
 * the scanner does better to jump from one such character to the next), or null where
 * the engine's own scan is fast (the pattern begins with a literal).
 */
export function markStarts(rules: Rules): Array<string | null> {
  const first = [...new Set(rules.classification.marks.map((w) => w[0]!))].join('');
  return [null, first, first, null, null];
}

/**
 * Words that every match of markPatterns begins with (a mark, a label, 保密期限), each
 * possibly letter-spaced by up to two spaces or tabs: the lines without any of them hold
 * no mark, and the scanner's native pass leaves them out (native.ts). Kept beside the
 * patterns so that the two change together.
 */
export function markTriggers(rules: Rules): string[] {
  const c = rules.classification;
  return [...c.marks, ...c.labels, '保密期限'];
}

/** A global pattern as a sticky one, to be tried at given positions. */
export const sticky = (re: RegExp): RegExp => new RegExp(re.source, re.flags.replace('g', '') + 'y');

/**
 * The matches of a global pattern in `t` (as matchAll gives them, for patterns that never
 * match empty), `at` being its sticky() form, tried only where `starts` finds a character
 * a match can start with: a pattern that begins with a look-behind is otherwise tried at
 * every position of the text.
 */
export function* jumpingMatches(at: RegExp, starts: RegExp, t: string): Generator<RegExpExecArray> {
  starts.lastIndex = 0;
  for (let c = starts.exec(t); c; c = starts.exec(t)) {
    at.lastIndex = c.index;
    const m = at.exec(t);
    if (!m || m[0].length === 0) continue;
    yield m;
    starts.lastIndex = Math.max(starts.lastIndex, m.index + m[0].length);
  }
}
