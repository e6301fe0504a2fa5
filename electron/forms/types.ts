// The inputs of the printed forms, as plain data: strings, dates as 'YYYY-MM-DD',
// arrays. Everything here is printed as given; the words that never change per item
// (titles, headings, notes) come from the templates in resources/forms/.

export type IsoDate = string;

export const FORM_KINDS = ['record', 'review-table', 'escalation', 'consultation', 'third-party', 'override-notice', 'declassification', 'leak-report', 'register'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

/** The audit checkpoint at printing time: printed on every page and held by the QR code. */
export interface Checkpoint {
  seq: number;
  /** The head entry's hash, 64 hex digits; pages print a short form. */
  head: string;
}

/** Words of the profile the item is reviewed under. */
export interface ProfileWords {
  name: string;
  source: string;
}

/** What every letter says about the item it concerns (001 协调 第七条 1). */
export interface ItemBrief {
  title: string;
  documentNumber: string;
  issuer: string;
  department: string;
  formedOn: IsoDate;
  summary: string;
}

// --- 保密审查记录 (000 第十九条) -----------------------------------------------------

export interface RecordStep {
  /** The step's name and signer in the profile's words. */
  name: string;
  signer: string;
  article: string;
  /** null: not yet signed; the lines stay empty for filling by hand. */
  opinion: string | null;
  grounds: string[];
  bases: string[];
  reason: string;
  userName: string | null;
  date: IsoDate | null;
  round: number;
}

export interface RecordInput {
  org: string;
  itemId: string;
  profile: ProfileWords;
  item: ItemBrief & {
    disclosure: string;
    publishForm: string;
    reviewMode: string;
    classification: string;
    keywords: string[];
  };
  /** 保密审查的结论或处理意见 (第十九条（三）). */
  conclusion: string;
  /** Every basis cited by any opinion (第十九条（二）). */
  bases: string[];
  steps: RecordStep[];
  /** 其他应当记载的内容 (第十九条（五）): letters, objections, approvals. */
  other: string[];
}

// --- 《信息发布保密审查表》 (001 附件) -------------------------------------------------

export type Agreement = 'agree' | 'disagree' | null;

export interface ReviewTableRow {
  department: string;
  title: string;
  /** One of the three words of the form, or null for filling by hand. */
  publishForm: '市、区网站公开' | '依申请公开' | '其他' | null;
  reviewOpinion: Agreement;
  leaderOpinion: Agreement;
}

export interface ReviewTableInput {
  org: string;
  /** Item ids on the sheet, joined for the page stamp. */
  itemId: string;
  /** The date above the table, or null for 年 月 日 left blank. */
  date: IsoDate | null;
  rows: ReviewTableRow[];
}

// --- letters ------------------------------------------------------------------------

interface LetterBase {
  org: string;
  itemId: string;
  /** 主送机关 or the third party. */
  addressee: string;
  /** 发文字号; empty prints none. */
  letterNumber: string;
  date: IsoDate;
  item: ItemBrief;
  /** The regulation the letter is written under, e.g. the profile regulation's title and article. */
  basis: string;
  /** 联系人 and telephone, printed as the 附注; empty prints none. */
  contact: string;
}

export const ESCALATION_MATERIAL_KINDS = ['request', 'carrier', 'opinion', 'basis', 'other'] as const;

/** 报审函: the materials of 000 第十条. */
export interface EscalationInput extends LetterBase {
  /** What the question concerns, in words (涉及国家秘密 …); empty says nothing. */
  matter: string;
  question: string;
  materials: Array<{ kind: (typeof ESCALATION_MATERIAL_KINDS)[number]; text: string }>;
  replyBy: IsoDate | null;
}

/** 征求意见函 to an agency: the four contents of 001 协调 第七条. */
export interface ConsultationInput extends LetterBase {
  matters: string;
  ownOpinion: string;
  ownBasis: string;
  other: string;
  replyBy: IsoDate | null;
  /** Silence past replyBy counts as consent, under `rule`. */
  silenceConsents: boolean;
  rule: string;
}

/** The written consultation of a third party (000 第十五条). */
export interface ThirdPartyInput extends LetterBase {
  /** What of theirs the information touches (商业秘密, 个人隐私) and where. */
  concern: string;
  replyBy: IsoDate | null;
  /** The profile lets the agency publish over a refusal for the public interest; the letter says so. */
  publicInterestOverride: boolean;
}

/** The written notice when the public interest overrides a third party's refusal (000 第十五条). */
export interface OverrideNoticeInput extends LetterBase {
  refusedOn: IsoDate | null;
  /** 决定公开的政府信息内容. */
  decision: string;
  reasons: string;
}

/** 解密备案 (000 第十二条). */
export interface DeclassificationInput extends LetterBase {
  classification: string;
  classificationTerm: string;
  decidedOn: IsoDate;
  decisionNumber: string;
  authority: string;
}

/** The report of a leak to the 保密行政管理部门 (000 第二十五条). */
export interface LeakReportInput extends LetterBase {
  publishedOn: IsoDate | null;
  discoveredOn: IsoDate;
  description: string;
  measures: string;
}

/** A page of the publication register (001 保密审查 第六条（五）). */
export interface RegisterInput {
  org: string;
  itemId: string;
  from: IsoDate | null;
  to: IsoDate | null;
  rows: Array<{ title: string; documentNumber: string; department: string; publishForm: string; approvedOn: IsoDate | null; publishedOn: IsoDate | null; bundle: string }>;
}

export interface FormInputs {
  record: RecordInput;
  'review-table': ReviewTableInput;
  escalation: EscalationInput;
  consultation: ConsultationInput;
  'third-party': ThirdPartyInput;
  'override-notice': OverrideNoticeInput;
  declassification: DeclassificationInput;
  'leak-report': LeakReportInput;
  register: RegisterInput;
}

export type AnyFormInput = FormInputs[FormKind];
