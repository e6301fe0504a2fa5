import { SIZE, type Block, type Cell } from '../layout';
import { chineseDate, fill, loadTemplate } from '../templates';
import type { Agreement, ReviewTableInput, ReviewTableRow } from '../types';
import { common, small } from './blocks';
import type { Composed } from './index';

// 《信息发布保密审查表》 laid out as the appendix of regulation 001 (seeds) lays it out:
// 单位 and 年 月 日 above; one row per item; the signature row; the four notes. Boxes are
// ticked from the recorded opinions, or left empty for filling by hand.

const LABELS = [
  'org', 'seq', 'department', 'title', 'publishForm', 'reviewOpinion', 'leaderOpinion', 'formWebsite', 'formApplication',
  'formOther', 'agree', 'disagree', 'handlerSign', 'sign', 'minRows',
] as const;

const WIDTHS = [0.07, 0.12, 0.25, 0.22, 0.17, 0.17];

export function reviewTable(d: ReviewTableInput, dir?: string): Composed {
  const t = loadTemplate('review-table', LABELS, dir);
  const c = common(dir);
  const L = t.labels;
  const agreement = (a: Agreement): Cell => ({
    lines: [
      { box: L.agree!, checked: a === 'agree' },
      { box: L.disagree!, checked: a === 'disagree' },
    ],
    align: 'center',
  });
  const form = (r: ReviewTableRow): Cell => ({
    lines: [
      { box: L.formWebsite!, checked: r.publishForm === '市、区网站公开' },
      { box: L.formApplication!, checked: r.publishForm === '依申请公开' },
      { box: L.formOther!, checked: r.publishForm === '其他' },
    ],
  });
  const blank: ReviewTableRow = { department: '', title: '', publishForm: null, reviewOpinion: null, leaderOpinion: null };
  const rows = [...d.rows];
  while (rows.length < Number(L.minRows)) rows.push(blank);
  const sized = rows.map((r, i) => [{ lines: [r === blank ? '' : String(i + 1)], align: 'center' as const }, r.department, r.title, form(r), agreement(r.reviewOpinion), agreement(r.leaderOpinion)]);
  // Room under each signature label for the hand.
  const signRow: Cell[] = [L.handlerSign!, L.sign!, L.sign!].map((s) => ({ lines: [`${s}\n\n`] }));
  const blocks: Block[] = [
    { t: 'title', text: t.title },
    { t: 'para', text: fill(L.org!, { org: d.org }), size: SIZE.table, after: 2 },
    { t: 'para', text: d.date ? chineseDate(d.date) : c.labels.blankDate!, size: SIZE.table, align: 'right', after: 6 },
    {
      t: 'table',
      widths: WIDTHS,
      size: SIZE.small,
      header: [L.seq!, L.department!, L.title!, L.publishForm!, L.reviewOpinion!, L.leaderOpinion!],
      rows: sized,
    },
    // The signature row spans the first four columns; drawn as a table on the same rules it reads as one.
    { t: 'table', widths: [WIDTHS[0]! + WIDTHS[1]! + WIDTHS[2]! + WIDTHS[3]!, WIDTHS[4]!, WIDTHS[5]!], size: SIZE.small, rows: [signRow] },
    { t: 'space', pt: 8 },
    ...t.notes.map(small),
  ];
  return { title: t.title, blocks };
}
