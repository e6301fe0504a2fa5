import { parseFragment } from 'parse5';
import { decodeText, type Node } from '../decode';
import type { Segment } from '../types';
import { placeOf } from './places';
import { attributeCarriesText, textCarriesText } from './texty';

// A part that says it is XML but is not well-formed (Excel's legacy VML drawings carry
// HTML-style <br> in form control labels; other producers write worse). The XML walk
// refuses it, so its text is read once more by the tolerant HTML parser, never run, and
// the part is still listed as 未读取: its structure, and so its places, were not understood.

export const LENIENT_REASON = 'XML 结构不完整，无法逐项解析；已按宽松方式检查其中的文字和属性值，请人工核对';

export function walkLenient(xml: Uint8Array, part: string, out: Segment[], prefix = ''): void {
  const seen = new Set<string>();
  const place = placeOf(part, [], null);
  const emit = (where: string, text: string) => {
    const t = text.trim();
    if (!t || seen.has(t)) return;
    seen.add(t);
    out.push({ location: `${prefix}${place}：${part}（${where}，宽松读取）`, text: t, part, cell: `${prefix}${part}#lenient${seen.size}` });
  };
  const walk = (n: Node) => {
    if (n.nodeName === '#text' && n.value && textCarriesText(n.value)) emit('文字', n.value);
    if (n.nodeName === '#comment' && n.data?.trim()) emit('注释', n.data);
    for (const a of n.attrs ?? []) if (attributeCarriesText(n.nodeName, a.name, a.value)) emit(`${n.nodeName} ${a.name}`, a.value);
    for (const c of n.childNodes ?? []) walk(c);
  };
  walk(parseFragment(decodeText(xml)) as unknown as Node);
}
