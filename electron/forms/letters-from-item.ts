import { AppFailure } from '../../shared/result';
import type { ConsultationView, EscalationView, ItemDetail } from '../../shared/types';
import { briefOf } from './from-item';
import { ESCALATION_MATERIAL_KINDS, type ConsultationInput, type DeclassificationInput, type EscalationInput, type LeakReportInput, type OverrideNoticeInput, type ThirdPartyInput } from './types';

// An item's recorded letters (ItemDetail) → the data of the letters to print. Each
// letter cites the regulation of the item's profile: the document named in its source
// and the article the profile records for that matter.

export interface LetterOptions {
  org: string;
  /** Today, for letters whose date is not recorded (YYYY-MM-DD). */
  today: string;
  /** Which escalation or consultation; the latest when absent. */
  ref?: number;
  contact?: string;
  /** Where the record names no addressee (the leak report). */
  addressee?: string;
}

/** A letter about something the item does not have (no escalation, no such consultation): refused in Chinese. */
export class LetterUnavailable extends AppFailure {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

/** The 第十条 materials as the screens offer them (renderer Item.tsx), in order. */
const MATERIAL_LABELS = ['申请事由的公文', '记载审查信息的载体', '保密审查意见', '审查所依据的文件或相关材料', '其他需要提供的材料'];

/** 《…》 of the profile's source, followed by the article the profile records under `key` (the part before its colon). */
export function basisOf(item: ItemDetail, key: string | null, article?: string): string {
  const doc = /《[^》]+》/.exec(item.profile.source)?.[0] ?? item.profile.name;
  const text = article ?? (key ? item.profile.limits.articles[key] : undefined);
  const head = text?.split('：')[0]?.trim();
  return head ? `${doc}${head}` : doc;
}

function pick<T extends { id: number }>(list: T[], ref: number | undefined, what: string): T {
  const found = ref === undefined ? list[list.length - 1] : list.find((x) => x.id === ref);
  if (!found) throw new LetterUnavailable(`该事项没有${what}`);
  return found;
}

const base = (item: ItemDetail, o: LetterOptions) => ({ org: o.org, itemId: item.id, item: briefOf(item), contact: o.contact ?? '' });

export function escalationLetter(item: ItemDetail, o: LetterOptions): EscalationInput {
  const e: EscalationView = pick(item.escalations, o.ref, '报审记录');
  const materials = e.materials.map((m) => {
    const i = MATERIAL_LABELS.indexOf(m);
    return i >= 0 ? { kind: ESCALATION_MATERIAL_KINDS[i]!, text: '随函附送' } : { kind: 'other' as const, text: m };
  });
  return {
    ...base(item, o),
    addressee: e.authority,
    letterNumber: e.letterNumber,
    date: e.sentOn,
    basis: basisOf(item, 'escalationMaterials'),
    matter: '',
    question: `《${item.fields.title}》是否可以公开`,
    materials,
    replyBy: e.deadline,
  };
}

function consultationOf(item: ItemDetail, o: LetterOptions, kind: ConsultationView['kind']): ConsultationView {
  return pick(
    item.consultations.filter((c) => c.kind === kind),
    o.ref,
    kind === 'agency' ? '征求有关机关意见的记录' : '征求第三方意见的记录',
  );
}

/** What every consultation letter opens with: to whom, when, under which rule. */
function consultationHead(item: ItemDetail, o: LetterOptions, c: ConsultationView) {
  return { ...base(item, o), addressee: c.party, letterNumber: '', date: c.sentOn ?? o.today, basis: basisOf(item, null, c.rule) };
}

export function consultationLetter(item: ItemDetail, o: LetterOptions): ConsultationInput {
  const c = consultationOf(item, o, 'agency');
  const last = item.opinions[item.opinions.length - 1];
  return {
    ...consultationHead(item, o, c),
    matters: c.matters,
    ownOpinion: item.proposal?.label ?? `拟${item.fields.disclosure}`,
    ownBasis: last ? last.bases.map((b) => b.title).join('；') : '',
    other: '',
    replyBy: c.deadline,
    silenceConsents: c.silenceConsents,
    rule: c.rule.split('：')[0]!,
  };
}

export function thirdPartyLetter(item: ItemDetail, o: LetterOptions): ThirdPartyInput {
  const c = consultationOf(item, o, 'thirdParty');
  return {
    ...consultationHead(item, o, c),
    concern: c.matters,
    replyBy: c.deadline,
    publicInterestOverride: item.profile.limits.publicInterestOverride,
  };
}

export function overrideNotice(item: ItemDetail, o: LetterOptions): OverrideNoticeInput {
  const c = pick(
    item.consultations.filter((x) => x.override),
    o.ref,
    '以公共利益决定公开的记录',
  );
  const ov = c.override!;
  return { ...base(item, o), addressee: c.party, letterNumber: '', date: ov.noticeSentOn, basis: basisOf(item, 'publicInterestOverride'), refusedOn: c.replyOn, decision: ov.decision, reasons: ov.reasons };
}

export function declassificationFiling(item: ItemDetail, o: LetterOptions): DeclassificationInput {
  const x = item.declassification;
  if (!x) throw new LetterUnavailable('该事项没有解密记录');
  const f = item.fields;
  return {
    ...base(item, o),
    addressee: x.filedWith,
    letterNumber: '',
    date: x.filedOn,
    basis: basisOf(item, 'declassification'),
    classification: f.classification === 'none' ? '' : f.classification,
    classificationTerm: f.classificationTerm ?? '',
    decidedOn: x.decidedOn,
    decisionNumber: x.documentNumber,
    authority: x.authority,
  };
}

export function leakReport(item: ItemDetail, o: LetterOptions & { publishedOn?: string | null }): LeakReportInput {
  const i = item.incidents[item.incidents.length - 1];
  if (!i) throw new LetterUnavailable('该事项没有泄密问题的记录');
  return {
    ...base(item, o),
    addressee: o.addressee ?? '同级保密行政管理部门',
    letterNumber: '',
    date: o.today,
    basis: basisOf(item, 'leakReport'),
    publishedOn: o.publishedOn ?? null,
    discoveredOn: i.discoveredOn,
    description: i.description,
    measures: i.measures,
  };
}

