import { SIZE, type Block } from '../layout';
import { chineseDate, fill, loadTemplate } from '../templates';
import type { RegisterInput } from '../types';
import { common, dateOr, small } from './blocks';
import type { Composed } from './index';

// A page of the 政府信息公开登记 (regulation 001, 第六条（五）): what went out, when,
// and in which bundle.

const LABELS = ['org', 'period', 'seq', 'title', 'documentNumber', 'department', 'publishForm', 'approvedOn', 'publishedOn', 'bundle'] as const;

export function register(d: RegisterInput, dir?: string): Composed {
  const t = loadTemplate('register', LABELS, dir);
  const c = common(dir);
  const L = t.labels;
  const day = (iso: string | null) => (iso ? chineseDate(iso) : '');
  const blocks: Block[] = [
    { t: 'title', text: t.title },
    { t: 'para', text: fill(L.org!, { org: d.org }), size: SIZE.table },
    { t: 'para', text: fill(L.period!, { from: dateOr(c, d.from), to: dateOr(c, d.to) }), size: SIZE.table, after: 6 },
    {
      t: 'table',
      widths: [0.07, 0.21, 0.13, 0.11, 0.12, 0.12, 0.12, 0.12],
      size: SIZE.small,
      align: ['center', 'left', 'left', 'left', 'left', 'center', 'center', 'left'],
      header: [L.seq!, L.title!, L.documentNumber!, L.department!, L.publishForm!, L.approvedOn!, L.publishedOn!, L.bundle!],
      rows: d.rows.map((r, i) => [String(i + 1), r.title, r.documentNumber, r.department, r.publishForm, day(r.approvedOn), day(r.publishedOn), r.bundle]),
    },
    { t: 'space', pt: 8 },
    ...t.notes.map(small),
  ];
  return { title: t.title, blocks };
}
