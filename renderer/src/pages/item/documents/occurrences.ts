import type { FindingView, TextPage } from '../../../../../shared/documents';

// Where typed words stand in a file's text, for 按文字标记: each place with a little of
// the text around it (to tell the places apart) and whether a confirmed finding already
// covers it (marking it again would only duplicate the finding).

export interface Occurrence {
  start: number;
  end: number;
  location: string;
  before: string;
  after: string;
  /** A confirmed finding already covers these characters. */
  marked: boolean;
}

/** More places than a reviewer would pick from one by one; the total is still counted. */
export const MAX_LISTED = 200;
const CONTEXT = 12;

const oneLine = (s: string) => s.replace(/\s+/g, ' ');

export function findOccurrences(text: string, segments: TextPage['segments'], query: string, findings: FindingView[]): { list: Occurrence[]; total: number } {
  const list: Occurrence[] = [];
  let total = 0;
  if (!query) return { list, total };
  // Non-overlapping, as a reader counts them: "11" in "1111" stands twice.
  for (let at = text.indexOf(query); at >= 0; at = text.indexOf(query, at + query.length)) {
    total++;
    if (list.length >= MAX_LISTED) continue;
    const end = at + query.length;
    const seg = segments.find((s) => s.start <= at && at < s.end);
    // The words around it from its own paragraph or cell only: a neighbour's would mislead.
    list.push({
      start: at,
      end,
      location: seg?.location ?? '',
      before: oneLine(text.slice(Math.max(seg?.start ?? 0, at - CONTEXT), at)),
      after: oneLine(text.slice(end, Math.min(seg && seg.end >= end ? seg.end : text.length, end + CONTEXT))),
      marked: findings.some((f) => f.status === 'confirmed' && f.start <= at && f.end >= end),
    });
  }
  return { list, total };
}
