import { applicationRows } from '../../../shared/applications';
import type { AnnualReport } from '../../../shared/ops/applications';
import type { NoticeBlock } from './compose';
import { fillOrSkip, loadNoticeTemplate } from './templates';

// The printable application part of the annual report (附件9 第四条): the title in the
// form the regulation fixes, the table of applications received and handled, the
// 主动公开 figure the product knows, and the 行政复议 / 行政诉讼 counts.

const LABELS = ['applicationsHeading', 'item', 'count', 'received', 'carriedIn', 'results', 'result', 'withheldBy', 'unableBy', 'notProcessedBy', 'carriedOut', 'publishedHeading', 'published', 'reviewHeading', 'reconsideration', 'direct', 'afterReconsideration', 'basis', 'source', 'due'];

export function composeAnnualReport(r: AnnualReport, org: string, dir?: string): { title: string; blocks: NoticeBlock[] } {
  const t = loadNoticeTemplate('annual-report', LABELS, dir);
  const L = t.labels;
  const f = (label: string, vars: Record<string, string | number> = {}) => fillOrSkip(label, vars) ?? '';
  const title = f(t.title, { org, year: r.year });
  const table = (rows: Array<[string, number]>): NoticeBlock => ({ t: 'table', widths: [0.75, 0.25], header: [L.item!, L.count!], rows: rows.map(([a, n]) => [a, String(n)]), size: 12, align: ['left', 'center'] });
  const caseLabel: Record<string, string> = { withheld: L.withheldBy!, unable: L.unableBy!, notProcessed: L.notProcessedBy! };
  const labelOf = (row: ReturnType<typeof applicationRows>[number]) =>
    row.subtype !== undefined ? f(caseLabel[row.key.split(':')[0]!]!, { subtype: row.subtype }) : row.type !== undefined ? `${L.results!}：${f(L.result!, { type: row.type })}` : L[row.key]!;
  const heading = (text: string): NoticeBlock => ({ t: 'para', text, bold: true, before: 8, keepNext: true });
  return {
    title,
    blocks: [
      { t: 'title', text: title },
      heading(L.applicationsHeading!),
      table(applicationRows(r).map((row): [string, number] => [labelOf(row), row.n])),
      { t: 'para', text: L.basis!, size: 10.5 },
      heading(L.publishedHeading!),
      table([[L.published!, r.published]]),
      heading(L.reviewHeading!),
      table([
        [L.reconsideration!, r.reconsideration],
        [L.direct!, r.litigation.direct],
        [L.afterReconsideration!, r.litigation.afterReconsideration],
      ]),
      { t: 'para', text: L.source!, size: 10.5 },
      { t: 'para', text: f(L.due!, { next: r.year + 1 }), size: 10.5 },
    ],
  };
}
