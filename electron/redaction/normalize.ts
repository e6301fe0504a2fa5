// The one normalization both sides of the proof go through: what was removed and what
// the public version contains are compared as NFKC text with every zero-width
// character and all whitespace gone, so full-width digits, spaced-out numbers and
// zero-width joiners planted between digits cannot hide a surviving value.

const INVISIBLE = /[\s\u00ad\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u3000\ufeff]+/gu;

export function proofNormalize(s: string): string {
  return s.normalize('NFKC').replace(INVISIBLE, '');
}

/** How a removed value is named in a problem: enough to find it, not enough to leak it. */
export function hint(value: string): string {
  const chars = [...value.trim()];
  if (chars.length <= 2) return `“${chars[0] ?? ''}*”（${chars.length} 字）`;
  const keep = chars.length >= 8 ? 2 : 1;
  return `“${chars.slice(0, keep).join('')}${'*'.repeat(Math.min(6, chars.length - 2 * keep))}${chars.slice(-keep).join('')}”（${chars.length} 字）`;
}
