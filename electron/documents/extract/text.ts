import type { Extraction, Segment } from './types';
import { decodeText } from './decode';

export { decodeText, type Node } from './decode';
export { extractHtmlText as extractHtml } from './html';

export function extractText(b: Uint8Array): Extraction {
  const text = decodeText(b);
  const segments: Segment[] = [];
  // A line laid out in columns (tab-separated) is a table row: its numbers are not joined
  // with the rows around it, as a number broken across two lines of a paragraph would be.
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    segments.push(line.includes('\t') ? { location: `第${i + 1}行`, text: line, cell: `第${i + 1}行` } : { location: `第${i + 1}行`, text: line });
  });
  return { segments, warnings: [], pages: null };
}
