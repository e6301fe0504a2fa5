import { CELL_BOUNDARY } from './numbers';
import type { Rules } from './rules';

// Person names: a name after a label (姓名：王小明), or a surname-led word just before a
// number that identifies a person. Column headers and field labels (身份证号, 手机,
// 联系电话…) sit in exactly those places in tables and forms, so they are known words and
// never taken for names; a name may run straight into the next label (王小明身份证号…).

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alt = (xs: readonly string[]) => xs.map(esc).join('|');
const CJK = '\\u4e00-\\u9fa5';

const SHORT_CELL = new RegExp(`(?<=[\\t${CELL_BOUNDARY}])\\d{1,3}(?=[\\t${CELL_BOUNDARY}])`, 'g');

export interface NameFinder {
  /** [start, end] of each name after a label. */
  labelled(t: string): Array<[number, number]>;
  /** The nearest name within 16 characters before `at`, with no other figure in between. */
  before(t: string, at: number): [number, number] | null;
  isLabel(word: string): boolean;
}

/** `prefilter: false` runs the expression on every window (tests compare the two). */
export function nameFinder(rules: Rules, { prefilter = true }: { prefilter?: boolean } = {}): NameFinder {
  const labels = [...new Set([...rules.nameLabels, ...Object.values(rules.context).flat()])].filter((w) => /^[\u4e00-\u9fa5]+$/.test(w));
  // Longest first, so 身份证号码 is tried before 身份证.
  labels.sort((a, b) => b.length - a.length);
  const labelAlt = alt(labels);
  const stopwords = new Set(rules.nameStopwords);
  const end = `(?=${labelAlt ? `(?:${labelAlt})|` : ''}[^${CJK}]|$)`;
  const gap = `[ \\t${CELL_BOUNDARY}]*`;
  const labelled = new RegExp(`(?:${alt(rules.context.PERSON_NAME ?? ['姓名'])})(${gap}[:：]?${gap})([${CJK}]{2,4}?)${end}`, 'g');
  const surname = new RegExp(`^[${rules.surnames}]`);
  // The look-ahead for a surname comes first: the engine tries the long look-behind only
  // where a name could start, not at every position.
  const near = new RegExp(`(?=[${rules.surnames}])(?<=${labelAlt ? `(?:${labelAlt})|` : ''}[^${CJK}]|^)([${rules.surnames}][${CJK}]{1,2}?)${end}`, 'g');
  // Every match of `near` starts with a surname that stands at the window's start, after
  // a character that is not Chinese, or after a label (so after a label's last
  // character): a window without such a place is passed at once, without the expression.
  // Tables by UTF-16 unit, as the expression (no u flag) reads them; this runs for every
  // ID and card number.
  const surnameUnits = new Uint8Array(65536);
  for (let i = 0; i < rules.surnames.length; i++) surnameUnits[rules.surnames.charCodeAt(i)] = 1;
  const labelEnds = new Uint8Array(65536);
  for (const l of labels) labelEnds[l.charCodeAt(l.length - 1)] = 1;
  const mayStartName = (t: string, from: number, to: number) => {
    for (let i = from; i < to; i++) {
      if (!surnameUnits[t.charCodeAt(i)]) continue;
      const c = i > from ? t.charCodeAt(i - 1) : -1;
      if (c < 0 || c < 0x4e00 || c > 0x9fa5 || labelEnds[c]) return true;
    }
    return false;
  };
  const isLabel = (w: string) => labels.some((l) => w.startsWith(l) || l.startsWith(w));
  const isName = (w: string) => !stopwords.has(w) && !isLabel(w);

  return {
    isLabel,
    labelled(t) {
      const out: Array<[number, number]> = [];
      for (const m of t.matchAll(labelled)) {
        const [, sep, name] = m as unknown as [string, string, string];
        // Without a colon, 姓名 may be a column header followed by the next header (类别,
        // 岗位…): then only a word that begins with a surname is taken for a name.
        if (!/[:：]/.test(sep) && !surname.test(name)) continue;
        const s = m.index + m[0].length - name.length;
        if (isName(name)) out.push([s, s + name.length]);
      }
      return out;
    },
    before(t, at) {
      const from = Math.max(0, at - 16);
      if (prefilter && !mayStartName(t, from, at)) return null;
      let last: [number, number] | null = null;
      const window = t.slice(from, at);
      // exec on the one expression, not matchAll: matchAll copies it (a long pattern) on every call.
      near.lastIndex = 0;
      for (let m = near.exec(window); m; m = near.exec(window)) if (isName(m[1]!)) last = [from + m.index, from + m.index + m[1]!.length];
      // Only labels and punctuation may stand between a name and its number, no other
      // figures, except a short number alone in its own column (序号, 类别) of the same row.
      if (!last || /\d/.test(t.slice(last[1], at).replace(SHORT_CELL, ''))) return null;
      return last;
    },
  };
}
