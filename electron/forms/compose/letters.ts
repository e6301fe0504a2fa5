import type { Block } from '../layout';
import { chineseDate, fill, loadTemplate, type Template } from '../templates';
import type {
  ConsultationInput,
  DeclassificationInput,
  EscalationInput,
  LeakReportInput,
  OverrideNoticeInput,
  ThirdPartyInput,
} from '../types';
import { ESCALATION_MATERIAL_KINDS } from '../types';
import { body, common, dateOr, heading, itemLines, orNone } from './blocks';
import type { Composed } from './index';

// The letters, in the order of an official letter (GB/T 9704-2012 7.2–7.3): title,
// 发文字号, 主送机关, body with numbered sections, closing, 发文机关署名 and 成文日期,
// and the contact as 附注.

type Letter = { org: string; addressee: string; letterNumber: string; date: string; contact: string };

function frame(t: Template, c: Template, d: Letter, opening: string, sections: Block[]): Composed {
  const blocks: Block[] = [
    { t: 'title', text: t.title },
    ...(d.letterNumber ? [{ t: 'para', text: d.letterNumber, align: 'center', after: 8 } as Block] : []),
    { t: 'para', text: `${d.addressee}：` },
    body(opening),
    ...sections,
    body(t.labels.closing!),
    {
      t: 'keep',
      blocks: [
        { t: 'space', pt: 24 },
        { t: 'para', text: d.org, align: 'right' },
        { t: 'para', text: chineseDate(d.date), align: 'right', after: 12 },
      ],
    },
    ...(d.contact ? [body(fill(c.labels.contact!, { contact: d.contact }))] : []),
  ];
  return { title: t.title, blocks };
}

export function escalation(d: EscalationInput, dir?: string): Composed {
  const t = loadTemplate('escalation', ['opening', 'matter', 'basicsHeading', 'questionHeading', 'materialsHeading', 'replyBy', 'closing', ...ESCALATION_MATERIAL_KINDS.map((k) => `material.${k}`)], dir);
  const c = common(dir);
  const L = t.labels;
  // Every material of 000 第十条 is listed, those not provided with the word for none.
  const materials = ESCALATION_MATERIAL_KINDS.map((k) => {
    const given = d.materials.filter((m) => m.kind === k).map((m) => m.text);
    return body(fill(L[`material.${k}`]!, { text: given.length ? given.join('；') : c.labels.none! }));
  });
  const matter = d.matter ? fill(L.matter!, { matter: d.matter }) : '';
  return frame(t, c, d, fill(L.opening!, { title: d.item.title, matter, basis: d.basis }), [
    heading(L.basicsHeading!),
    ...itemLines(c, d.item),
    heading(L.questionHeading!),
    body(orNone(c, d.question)),
    heading(L.materialsHeading!),
    ...materials,
    ...(d.replyBy ? [body(fill(L.replyBy!, { replyBy: chineseDate(d.replyBy) }))] : []),
  ]);
}

export function consultation(d: ConsultationInput, dir?: string): Composed {
  const t = loadTemplate('consultation', ['opening', 'basicsHeading', 'mattersHeading', 'opinionHeading', 'ownOpinion', 'ownBasis', 'otherHeading', 'replyBy', 'silence', 'closing'], dir);
  const c = common(dir);
  const L = t.labels;
  const reply = d.replyBy ? fill(L.replyBy!, { replyBy: chineseDate(d.replyBy) }) + (d.silenceConsents ? fill(L.silence!, { rule: d.rule }) : '') : '';
  return frame(t, c, d, fill(L.opening!, { title: d.item.title, basis: d.basis }), [
    heading(L.basicsHeading!),
    ...itemLines(c, d.item),
    heading(L.mattersHeading!),
    body(orNone(c, d.matters)),
    heading(L.opinionHeading!),
    body(fill(L.ownOpinion!, { text: orNone(c, d.ownOpinion) })),
    body(fill(L.ownBasis!, { text: orNone(c, d.ownBasis) })),
    heading(L.otherHeading!),
    body(orNone(c, d.other)),
    ...(reply ? [body(reply)] : []),
  ]);
}

export function thirdParty(d: ThirdPartyInput, dir?: string): Composed {
  const t = loadTemplate('third-party', ['opening', 'basicsHeading', 'concernHeading', 'replyHeading', 'replyBy', 'rule', 'override', 'closing', 'slipTitle', 'slipItem', 'slipAgree', 'slipDisagree', 'slipReason', 'slipBy'], dir);
  const c = common(dir);
  const L = t.labels;
  const letter = frame(t, c, d, fill(L.opening!, { title: d.item.title, concern: d.concern, basis: d.basis }), [
    heading(L.basicsHeading!),
    ...itemLines(c, d.item),
    heading(L.concernHeading!),
    body(d.concern),
    heading(L.replyHeading!),
    body(fill(L.replyBy!, { replyBy: dateOr(c, d.replyBy) })),
    // Only where the regulation grants it does the letter announce the public-interest override (000 第十五条; not 002–004).
    body(d.publicInterestOverride ? L.rule! + L.override! : L.rule!),
  ]);
  // The reply slip the third party returns: boxes to tick, room for reasons, a signature.
  const slip: Block = {
    t: 'keep',
    blocks: [
      { t: 'space', pt: 18 },
      { t: 'title', text: L.slipTitle! },
      body(fill(L.slipItem!, { title: d.item.title })),
      {
        t: 'table',
        widths: [0.5, 0.5],
        rows: [[{ lines: [{ box: L.slipAgree!, checked: false }], align: 'center' }, { lines: [{ box: L.slipDisagree!, checked: false }], align: 'center' }]],
      },
      { t: 'table', widths: [1], rows: [[`${L.slipReason!}\n\n\n`], [`${L.slipBy!}${d.addressee}\n\n${c.labels.signBlank!}`]] },
    ],
  };
  return { title: letter.title, blocks: [...letter.blocks, slip] };
}

export function overrideNotice(d: OverrideNoticeInput, dir?: string): Composed {
  const t = loadTemplate('override-notice', ['opening', 'refusedOn', 'basicsHeading', 'decisionHeading', 'reasonsHeading', 'closing'], dir);
  const c = common(dir);
  const L = t.labels;
  const refused = d.refusedOn ? fill(L.refusedOn!, { date: chineseDate(d.refusedOn) }) : '';
  return frame(t, c, d, fill(L.opening!, { title: d.item.title, refused, basis: d.basis }), [
    heading(L.basicsHeading!),
    ...itemLines(c, d.item),
    heading(L.decisionHeading!),
    body(d.decision),
    heading(L.reasonsHeading!),
    body(d.reasons),
  ]);
}

export function declassification(d: DeclassificationInput, dir?: string): Composed {
  const t = loadTemplate('declassification', ['opening', 'basicsHeading', 'declassHeading', 'classification', 'term', 'decidedOn', 'decisionNumber', 'authority', 'closing'], dir);
  const c = common(dir);
  const L = t.labels;
  const line = (key: string, value: string) => body(fill(L[key]!, { value: orNone(c, value) }));
  return frame(t, c, d, fill(L.opening!, { title: d.item.title, basis: d.basis }), [
    heading(L.basicsHeading!),
    ...itemLines(c, d.item),
    heading(L.declassHeading!),
    line('classification', d.classification),
    line('term', d.classificationTerm),
    line('decidedOn', chineseDate(d.decidedOn)),
    line('decisionNumber', d.decisionNumber),
    line('authority', d.authority),
  ]);
}

export function leakReport(d: LeakReportInput, dir?: string): Composed {
  const t = loadTemplate('leak-report', ['opening', 'basicsHeading', 'publishedOn', 'problemHeading', 'discoveredOn', 'measuresHeading', 'closing'], dir);
  const c = common(dir);
  const L = t.labels;
  return frame(t, c, d, fill(L.opening!, { title: d.item.title, basis: d.basis }), [
    heading(L.basicsHeading!),
    ...itemLines(c, d.item),
    body(fill(L.publishedOn!, { value: dateOr(c, d.publishedOn) })),
    heading(L.problemHeading!),
    body(fill(L.discoveredOn!, { value: chineseDate(d.discoveredOn) })),
    body(d.description),
    heading(L.measuresHeading!),
    body(d.measures),
  ]);
}
