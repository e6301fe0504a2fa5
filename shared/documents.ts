// The finding kinds are fixed: other tools (and `mishen scan --json`) read them.
export const FINDING_KINDS = [
  'CLASSIFICATION_MARK',
  'ID_CARD',
  'MOBILE',
  'PHONE',
  'BANK_CARD',
  'EMAIL',
  'PLATE',
  'PASSPORT',
  'ADDRESS',
  'GPS_POSITION',
  'PERSON_NAME',
  'SPECIAL_DOMAIN',
  'PROCESS_INFO',
  'NEGATIVE_LIST',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const FINDING_LABELS: Record<FindingKind, string> = {
  CLASSIFICATION_MARK: '密级标志',
  ID_CARD: '身份证号码',
  MOBILE: '手机号码',
  PHONE: '固定电话',
  BANK_CARD: '银行卡号',
  EMAIL: '电子邮箱',
  PLATE: '车牌号码',
  PASSPORT: '护照号码',
  ADDRESS: '住址',
  GPS_POSITION: '拍摄位置（GPS）',
  PERSON_NAME: '姓名',
  SPECIAL_DOMAIN: '须经批准发布的领域',
  PROCESS_INFO: '过程性信息',
  NEGATIVE_LIST: '负面清单',
};

export const FINDING_STATUS_LABELS = { open: '待确认', confirmed: '已确认', dismissed: '已排除' } as const;
export type FindingStatus = keyof typeof FINDING_STATUS_LABELS;

/** A piece of a file's text that a rule found, where it is and how sure the rule is. */
export interface FoundText {
  kind: FindingKind;
  /** The text as it appears in the file (before normalization). */
  text: string;
  start: number;
  end: number;
  location: string;
  confidence: number;
}

export interface FindingView extends FoundText {
  id: number;
  ground: string;
  groundLabel: string;
  basisTitle: string | null;
  status: FindingStatus;
  reason: string | null;
  manual: boolean;
  decidedBy: string | null;
}

export interface DocumentView {
  id: string;
  itemId: string;
  name: string;
  type: string;
  typeLabel: string;
  size: number;
  sha256: string;
  pages: number | null;
  warnings: string[];
  createdAt: string;
  createdBy: string;
  counts: Partial<Record<FindingKind, number>>;
  open: number;
  confirmed: number;
  dismissed: number;
}

export interface DocumentDetail extends DocumentView {
  findings: FindingView[];
  textLength: number;
}

export interface TextPage {
  offset: number;
  text: string;
  total: number;
  segments: Array<{ location: string; start: number; end: number }>;
  findings: FindingView[];
}

export interface DocumentProgress {
  itemId: string;
  name: string;
  phase: 'extract' | 'scan' | 'store';
  fraction: number;
}
