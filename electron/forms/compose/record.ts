import { SIZE, type Block } from '../layout';
import { chineseDate, fill, loadTemplate } from '../templates';
import type { RecordInput, RecordStep } from '../types';
import { common, heading, orNone, small } from './blocks';
import type { Composed } from './index';

// 保密审查记录 (000 第十九条): the information reviewed, the bases, the conclusion, each
// signer's opinion with a line for the handwritten signature and date, and the rest.

const LABELS = [
  'org', 'profile', 'itemHeading', 'disclosure', 'publishForm', 'reviewMode', 'classification', 'keywords', 'basesHeading',
  'conclusionHeading', 'stepsHeading', 'step', 'stepValue', 'signer', 'signerValue', 'round', 'opinion', 'grounds', 'bases',
  'reason', 'date', 'signLine', 'unsigned', 'otherHeading',
] as const;

const FIELD_WIDTHS = [0.24, 0.76];

export function record(d: RecordInput, dir?: string): Composed {
  const t = loadTemplate('record', LABELS, dir);
  const c = common(dir);
  const L = t.labels;
  const C = c.labels;
  const field = (label: string, value: string) => [{ lines: [label], bold: true }, value];
  const list = (items: string[]) => (items.length ? items.map((b, i) => `${i + 1}. ${b}`).join('\n') : C.none!);
  const rounds = new Set(d.steps.map((s) => s.round)).size > 1;

  const stepBlock = (s: RecordStep): Block => {
    const signer = s.userName ? fill(L.signerValue!, { signer: s.signer, user: s.userName }) : s.signer;
    const name = fill(L.stepValue!, { name: s.name, article: s.article }) + (rounds ? `\u3000${fill(L.round!, { round: s.round })}` : '');
    const rows = [
      field(L.step!, name),
      field(L.signer!, signer),
      field(L.opinion!, s.opinion ?? L.unsigned!),
      field(L.grounds!, s.grounds.length ? s.grounds.join('；') : C.none!),
      field(L.bases!, s.bases.length ? s.bases.join('；') : C.none!),
      field(L.reason!, orNone(c, s.reason)),
      field(L.date!, s.date ? chineseDate(s.date) : C.blankDate!),
    ];
    return {
      t: 'keep',
      blocks: [
        { t: 'table', widths: FIELD_WIDTHS, rows, size: SIZE.table },
        { t: 'para', text: fill(L.signLine!, { signer: s.signer }), size: SIZE.table, before: 6, after: 10 },
      ],
    };
  };

  const blocks: Block[] = [
    { t: 'title', text: t.title },
    { t: 'para', text: fill(L.org!, { org: d.org }), size: SIZE.table },
    { t: 'para', text: fill(L.profile!, { profile: d.profile.name }), size: SIZE.table, after: 6 },
    heading(L.itemHeading!),
    {
      t: 'table',
      widths: FIELD_WIDTHS,
      size: SIZE.table,
      rows: [
        field(C.title!, d.item.title),
        field(C.documentNumber!, orNone(c, d.item.documentNumber)),
        field(C.issuer!, orNone(c, d.item.issuer)),
        field(C.department!, orNone(c, d.item.department)),
        field(C.formedOn!, chineseDate(d.item.formedOn)),
        field(C.summary!, orNone(c, d.item.summary)),
        field(L.keywords!, d.item.keywords.length ? d.item.keywords.join('、') : C.none!),
        field(L.disclosure!, d.item.disclosure),
        field(L.publishForm!, d.item.publishForm),
        field(L.reviewMode!, d.item.reviewMode),
        field(L.classification!, d.item.classification),
      ],
    },
    heading(L.basesHeading!),
    { t: 'para', text: list(d.bases), size: SIZE.table, indent: 2 },
    heading(L.conclusionHeading!),
    { t: 'para', text: orNone(c, d.conclusion), size: SIZE.table, indent: 2 },
    heading(L.stepsHeading!),
    ...d.steps.map(stepBlock),
    heading(L.otherHeading!),
    { t: 'para', text: list(d.other), size: SIZE.table, indent: 2, after: 8 },
    ...t.notes.map((n) => small(fill(n, { source: d.profile.source, profile: d.profile.name, org: d.org }))),
  ];
  return { title: t.title, blocks };
}
