import { Fragment } from 'react';
import { FINDING_LABELS, FINDING_STATUS_LABELS, type FindingView, type TextPage } from '../../../../../shared/documents';

/** The page's text with every finding that falls in it highlighted; each piece knows its offset. */
export function Highlighted({ page }: { page: TextPage }) {
  const pieces: Array<{ start: number; end: number; finding?: FindingView }> = [];
  let at = page.offset;
  const end = page.offset + page.text.length;
  for (const f of [...page.findings].sort((a, b) => a.start - b.start)) {
    const s = Math.max(f.start, at);
    const e = Math.min(f.end, end);
    if (e <= s) continue;
    if (s > at) pieces.push({ start: at, end: s });
    pieces.push({ start: s, end: e, finding: f });
    at = e;
  }
  if (at < end) pieces.push({ start: at, end });
  const slice = (s: number, e: number) => page.text.slice(s - page.offset, e - page.offset);
  return (
    <>
      {pieces.map((p) => (
        <Fragment key={p.start}>
          {p.finding ? (
            <mark
              data-start={p.start}
              data-kind={p.finding.kind}
              title={`${FINDING_LABELS[p.finding.kind]}：${FINDING_STATUS_LABELS[p.finding.status]}`}
              style={{ background: p.finding.status === 'dismissed' ? '#e9ecef' : p.finding.status === 'confirmed' ? '#ffc9c9' : '#ffec99' }}
            >
              {slice(p.start, p.end)}
            </mark>
          ) : (
            <span data-start={p.start}>{slice(p.start, p.end)}</span>
          )}
        </Fragment>
      ))}
    </>
  );
}
