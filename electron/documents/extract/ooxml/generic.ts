import { posix } from 'node:path';
import type { SaxesTagPlain } from 'saxes';
import type { Segment } from '../types';
import { walkXml } from '../xml';
import { knownTextAttribute, placeOf } from './places';
import { attributeCarriesText, formulaCarriesText, localName, textCarriesText } from './texty';

// The generic walk of one XML part: every text node and every attribute value that can
// carry text, with the part and the element as its location. The format's own reader
// has already reported the known places; `handled` says which text and attributes it
// read, so they are not reported twice.

/** Elements inside which text runs join into one piece (runs of a paragraph, a rich string). */
const INLINE = new Set(['t', 'r', 'delText', 'instrText', 'delInstrText', 'ins', 'del', 'moveFrom', 'moveTo', 'hyperlink', 'smartTag', 'fldSimple', 'rPr', 'tab', 'br', 'cr', 'fldChar', 'proofErr', 'bookmarkStart', 'bookmarkEnd', 'lastRenderedPageBreak', 'sym', 'noBreakHyphen', 'softHyphen']);

export interface Handled {
  /** Sees each element before its attributes are asked about (state such as "a user-defined style"). */
  enter?(tag: SaxesTagPlain): void;
  text(path: readonly string[]): boolean;
  attribute(element: string, attr: string): boolean;
  /** An attribute this part uses for text whatever its usual shape (a number format's literal text). */
  known?(element: string, attr: string, value: string): boolean;
}

export const NOTHING_HANDLED: Handled = { text: () => false, attribute: () => false };

/** Walks one part; pushes each new piece of text. `seen` holds what this part already reported. */
export function walkGeneric(xml: Uint8Array, part: string, handled: Handled, out: Segment[], prefix = ''): void {
  const seen = new Set<string>();
  let n = 0;
  const emit = (place: string, where: string, text: string) => {
    const t = text.trim();
    if (!t || seen.has(t)) return;
    seen.add(t);
    n += 1;
    // Each piece is its own cell: digits of two unrelated pieces never join into one number.
    out.push({ location: `${prefix}${place}：${part}（${where}）`, text: t, part, cell: `${prefix}${part}#${n}` });
  };
  let buffer = '';
  let bufferPath: string[] = [];
  const flush = () => {
    const leaf = localName(bufferPath.at(-1) ?? '');
    const formula = leaf === 'f' || leaf.startsWith('formula');
    if (buffer.trim() && textCarriesText(buffer) && (!formula || formulaCarriesText(buffer))) emit(placeOf(part, bufferPath, null), leaf, buffer);
    buffer = '';
  };
  walkXml(xml, part, {
    open: (tag: SaxesTagPlain, path) => {
      handled.enter?.(tag);
      for (const [attr, raw] of Object.entries(tag.attributes)) {
        const value = String(raw);
        if (handled.attribute(tag.name, attr) || !attributeCarriesText(tag.name, attr, value, handled.known?.(tag.name, attr, value) || knownTextAttribute(tag.name, attr))) continue;
        emit(placeOf(part, path, attr), `${localName(tag.name)} ${localName(attr)}`, value);
      }
    },
    text: (t, path) => {
      if (handled.text(path)) return;
      // The piece is located where its first visible text is, not where whitespace before it was.
      if (!buffer.trim()) {
        if (!t.trim()) return;
        bufferPath = [...path];
      }
      buffer += t;
    },
    close: (name) => {
      if (!INLINE.has(localName(name))) flush();
    },
  });
  flush();
}

/** A target outside the package: a web address, mailto:, a file path on someone's disk. */
function external(target: string, mode: string): boolean {
  return mode === 'External' || /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('\\\\') || /^[A-Za-z]:[\\/]/.test(target);
}

/** Every relationship target that leaves the package. */
export function walkRels(xml: Uint8Array, part: string, out: Segment[], prefix = ''): void {
  const seen = new Set<string>();
  walkXml(xml, part, {
    open: (tag) => {
      if (localName(tag.name) !== 'Relationship') return;
      const target = String(tag.attributes['Target'] ?? '').trim();
      if (!target || seen.has(target) || !external(target, String(tag.attributes['TargetMode'] ?? ''))) return;
      seen.add(target);
      const type = posix.basename(String(tag.attributes['Type'] ?? ''));
      out.push({ location: `${prefix}外部链接：${part}（${type || '关系'}）`, text: decodeTarget(target), part, cell: `${prefix}${part}#${seen.size}` });
    },
  });
}

/** Targets are URIs: %E5%BC%A0 is 张, and the reviewer must read it as such. */
function decodeTarget(t: string): string {
  try {
    return decodeURI(t);
  } catch {
    return t;
  }
}
