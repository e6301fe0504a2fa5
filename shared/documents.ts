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
  /** Every part of the file and whether its text was read: nothing is skipped silently. */
  parts: DocumentPart[];
}

/** One part of a file (a package part, a PDF stream kind, an image block, an embedded file). */
export interface DocumentPart {
  name: string;
  /** What the part is, in the reviewer's words (XML 部分, 嵌入的文件, 宏代码（VBA）…). */
  what: string;
  read: boolean;
  /** Why a part was not read (未读取), in the reviewer's words; null when it was read. */
  reason: string | null;
}

export const PART_STATUS_LABELS = { read: '已读取', unread: '未读取' } as const;

/** Kinds of places text is found in; a location names its kind by its first words. */
export const PLACE_LABELS = {
  body: '正文',
  headerFooter: '页眉页脚',
  note: '脚注尾注',
  comment: '批注',
  revision: '修订',
  hidden: '隐藏文字',
  textbox: '文本框',
  properties: '文档属性',
  customXml: '自定义XML',
  hiddenSheet: '隐藏工作表',
  hiddenRowCol: '隐藏行列',
  definedName: '定义的名称',
  dataValidation: '数据验证',
  formula: '公式',
  chart: '图表',
  pivot: '数据透视表',
  altText: '替代文字',
  field: '域代码',
  formField: '表单域',
  contentControl: '内容控件',
  link: '外部链接',
  embedded: '嵌入文件',
  annotation: '注释',
  outline: '书签',
  javascript: 'JavaScript 脚本',
  attachment: '附件',
  metadata: '元数据',
  rawText: '未经字符映射的文字',
  webHidden: '网页隐藏内容',
  otherPart: '其他部分',
} as const;
export type PlaceKind = keyof typeof PLACE_LABELS;

/** [location pattern, kind], first match wins; what matches none is body text. */
const PLACE_PATTERNS: Array<[RegExp, PlaceKind]> = [
  [/^嵌入文件|^文件中附带的|^附件“|^网页内嵌/, 'embedded'],
  [/隐藏文字/, 'hidden'],
  [/修订/, 'revision'],
  [/批注/, 'comment'],
  [/文本框/, 'textbox'],
  [/^页眉|^页脚| 页眉| 页脚/, 'headerFooter'],
  [/^脚注|^尾注/, 'note'],
  [/^文档属性|^自定义属性|^文档信息|^文档设置|^文档变量/, 'properties'],
  [/^自定义XML/, 'customXml'],
  [/隐藏的工作表/, 'hiddenSheet'],
  [/隐藏的行|隐藏的列/, 'hiddenRowCol'],
  [/^定义的名称/, 'definedName'],
  [/^数据验证/, 'dataValidation'],
  [/^公式|^条件格式/, 'formula'],
  [/^图表/, 'chart'],
  [/^数据透视表/, 'pivot'],
  [/^替代文字|^图形名称/, 'altText'],
  [/^域代码/, 'field'],
  [/表单域/, 'formField'],
  [/^内容控件/, 'contentControl'],
  [/^外部链接|^超链接|链接地址/, 'link'],
  [/^嵌入的/, 'embedded'],
  [/^XMP|^EXIF|^IPTC|^PNG 文本|^JPEG 注释|^ICC|^GPS|元数据|^PDF 中的图片/, 'metadata'],
  [/隐藏元素|^网页属性|^网页注释|^网页脚本|^网页样式|^网页 noscript|^网页模板/, 'webHidden'],
  [/注释/, 'annotation'],
  [/^书签/, 'outline'],
  [/JavaScript/, 'javascript'],
  [/^附件/, 'attachment'],
  [/未经字符映射/, 'rawText'],
  [/^其他部分|^PDF 对象|可打印文字|^Word 部分|^工作表：|^工作簿|^共享字符串|^绘图|^表格|^数据连接|^批注人员/, 'otherPart'],
];

export function placeKind(location: string): PlaceKind {
  for (const [re, kind] of PLACE_PATTERNS) if (re.test(location)) return kind;
  return 'body';
}

/**
 * One level of a Word table cell's address: the table (numbered in document order within
 * its part: 正文, 页眉1…), the row and the grid column, 1-based, with the cell's spans when
 * merged (gridSpan, vMerge). A paragraph in a nested table carries one step per table,
 * outermost first.
 */
export interface TableStep {
  table: number;
  row: number;
  col: number;
  rowSpan?: number;
  colSpan?: number;
}

export interface TextPage {
  offset: number;
  text: string;
  total: number;
  /**
   * `place`: the kind of place (PLACE_LABELS), for files analysed since places were recorded;
   * `table`: the Word table cell the text sits in, for .docx files analysed since tables were recorded.
   */
  segments: Array<{ location: string; start: number; end: number; place?: PlaceKind; table?: TableStep[] }>;
  findings: FindingView[];
}

export interface DocumentProgress {
  itemId: string;
  name: string;
  phase: 'extract' | 'scan' | 'store';
  fraction: number;
}
