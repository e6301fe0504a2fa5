import { decodePDFRawStream, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument } from 'pdf-lib';

// A subset font keeps a ToUnicode map of every glyph it was made with, listed in the
// order the glyphs were first used: after the text is removed from the page, the map
// still spells the removed words (张小明 → gids 5, 6, 7 → 张, 小, 明). So the map is cut
// down to the characters the pages still show. Only the map's own bfchar/bfrange
// entries are rewritten (Adobe Technical Note #5014/#5411 syntax); the rest of the
// CMap program is kept as it was. The glyph outlines stay in the font program, which
// carries no character codes.

const MAX_ENTRIES = 65_536;

/** UTF-16BE hex → the string it encodes. */
function text(hex: string): string {
  const units: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
}

function incremented(hex: string, by: number): string {
  const last = parseInt(hex.slice(-4), 16) + by;
  return hex.slice(0, -4) + (last & 0xffff).toString(16).padStart(4, '0').toUpperCase();
}

const srcHex = (n: number, width: number) => n.toString(16).padStart(width, '0').toUpperCase();

/** Every mapping of the CMap as [source code hex, destination hex], or null when too large to rewrite. */
function entries(cmap: string): Array<[string, string]> | null {
  const out: Array<[string, string]> = [];
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g)) out.push([m[1]!, m[2]!.toUpperCase()]);
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const m of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(?:<([0-9A-Fa-f]*)>|\[([^\]]*)\])/g)) {
      const lo = parseInt(m[1]!, 16);
      const hi = parseInt(m[2]!, 16);
      if (hi < lo || out.length + (hi - lo) > MAX_ENTRIES) return null;
      const list = m[4] ? [...m[4].matchAll(/<([0-9A-Fa-f]*)>/g)].map((x) => x[1]!.toUpperCase()) : null;
      for (let c = lo; c <= hi; c++) {
        const dst = list ? list[c - lo] : incremented(m[3]!.toUpperCase(), c - lo);
        if (dst !== undefined) out.push([srcHex(c, m[1]!.length), dst]);
      }
    }
  return out;
}

/** The CMap with only the mappings `keep` accepts, as bfchar blocks of at most 100 (the limit the syntax sets). */
export function pruneCMap(cmap: string, keep: (s: string) => boolean): { cmap: string; dropped: number } | null {
  const all = entries(cmap);
  if (!all) return null;
  const kept = all.filter(([, dst]) => keep(text(dst)));
  const blocks: string[] = [];
  for (let i = 0; i < kept.length; i += 100) {
    const part = kept.slice(i, i + 100);
    blocks.push(`${part.length} beginbfchar\n${part.map(([s, d]) => `<${s}> <${d}>`).join('\n')}\nendbfchar`);
  }
  const marker = '\u0000MISHEN\u0000';
  const stripped = cmap.replace(/\d+\s+beginbf(char|range)[\s\S]*?endbf\1/, marker).replace(/\d+\s+beginbf(char|range)[\s\S]*?endbf\1/g, '');
  if (!stripped.includes(marker)) return { cmap, dropped: 0 };
  return { cmap: stripped.replace(marker, blocks.join('\n')), dropped: all.length - kept.length };
}

/**
 * Cuts every font's ToUnicode map in `doc` down to the characters in `shown`.
 * Returns how many mappings were dropped, or null if a map could not be rewritten
 * (the proof then decides, as always).
 */
export function pruneToUnicode(doc: PDFDocument, shown: ReadonlySet<number>): number | null {
  const keep = (s: string) => [...s].every((ch) => shown.has(ch.codePointAt(0)!) || /\s/.test(ch));
  let dropped = 0;
  let failed = false;
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const ref = obj.get(PDFName.of('ToUnicode'));
    const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : ref;
    if (!(stream instanceof PDFRawStream)) continue;
    const source = new TextDecoder('latin1').decode(decodePDFRawStream(stream).decode());
    const pruned = pruneCMap(source, keep);
    if (!pruned) {
      failed = true;
      continue;
    }
    if (!pruned.dropped) continue;
    dropped += pruned.dropped;
    obj.set(PDFName.of('ToUnicode'), doc.context.register(doc.context.flateStream(Buffer.from(pruned.cmap, 'latin1'))));
  }
  return failed ? null : dropped;
}
