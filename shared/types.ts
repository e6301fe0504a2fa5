import type { ItemAccess } from './visibility';
import type { Role } from './roles';
import type { ItemFields } from './schemas';
export type { ItemFields };
import type { BasisKind, ConsultationCase, CONSULTATION_KINDS, CONSULTATION_REPLIES, CONSULTATION_STANDINGS, Profile } from './workflow';

export interface OrganizationInfo {
  name: string;
  shortName: string;
  keyFingerprint: string;
}

export interface AppInfo {
  productName: string;
  version: string;
  dataDir: string;
  /** 'electron' in the desktop app, 'browser-host' in the development host. */
  host: 'electron' | 'browser-host';
  needsSetup: boolean;
  /**
   * What the checks that need no key found before anyone logs in (a missing database or
   * write-ahead log, a damaged keyslot file). The store's own checks (quick_check, the audit
   * head) need the data key and run when the first login opens it.
   */
  startupProblems: string[];
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  department: string;
  roles: Role[];
}

export interface SessionInfo {
  user: SessionUser | null;
  organization: OrganizationInfo | null;
  mustChangePassword: boolean;
  locked: boolean;
  idleMinutes: number;
  /** Said once at login: integrity problems found at open; for the auditor, recoveries since their last login. */
  notices: string[];
}

export interface SetupResult {
  recoveryCode: string;
  organization: OrganizationInfo;
}

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  department: string;
  roles: Role[];
  disabled: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

/** The security policy the 安全保密管理员 sets; its shape is the contract's input schema. */
export type SecurityPolicy = import('zod').output<typeof import('./ops/admin').policyInput>;

export interface AuditEntryView {
  seq: number;
  time: string;
  actor: string;
  actorName: string;
  role: string;
  action: string;
  subject: string;
  /** The subject as people know it: a user's name, an item's title, or the subject itself. */
  subjectName: string;
  /** The action in Chinese (shared/audit.ts). */
  actionLabel: string;
  /** What the entry recorded, in words (its payload's text), when it has one. */
  text: string;
  payload: unknown;
  hash: string;
  signature: string;
}

export interface AuditPage {
  entries: AuditEntryView[];
  total: number;
}

/** A range of the trail, as the auditor exports it: the JSON, its CSV, and the auditor's signature over the JSON. */
export interface AuditExtract {
  fileName: string;
  json: string;
  csv: string;
  signature: { alg: 'Ed25519'; publicKey: string; signature: string; signer: string };
}

export interface VerifyReport {
  ok: boolean;
  checked: number;
  head: { seq: number; hash: string } | null;
  firstBad: { seq: number; reason: string } | null;
}

// --- workflow ----------------------------------------------------------------------

export interface Deadline {
  label: string;
  /** null: the date lies outside the known official calendar (日历未覆盖). */
  due: string | null;
  overdue: boolean;
  basis: string;
  /** Working days left (0 = due today), or past due when overdue (negative); absent when it no longer runs or is uncovered. */
  remaining?: number;
  /** The rule sets no date (a letter's reply "依规定时限，以来函为准", a filing duty): due is null, yet the calendar is not at fault. */
  undated?: boolean;
}

export interface ItemSummary {
  id: string;
  title: string;
  documentNumber: string;
  department: string;
  formedOn: string;
  status: string;
  statusLabel: string;
  stepName: string | null;
  stepRole: string | null;
  profileName: string;
  deadlines: Deadline[];
  overdue: boolean;
  /** The current user may sign the current step. */
  mine: boolean;
  createdAt: string;
}

/** One page of an item list, with the total that matches the filter. */
export interface ItemPage {
  rows: ItemSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ItemSearchHit {
  item: ItemSummary;
  /** Where the query was found: 信息名称, 文号, 关键词, 内容概要 or a file's name. */
  where: string;
  /** A short piece of text around the match (only from what the user may read). */
  snippet: string;
}

export interface ItemSearchPage {
  hits: ItemSearchHit[];
  total: number;
  /** More hits than `total` exist: counting stops at a cap (electron/store/search.ts TOTAL_CAP). */
  totalCapped?: boolean;
  page: number;
  pageSize: number;
}

/** Counts for a start page, each within the user's need-to-know. */
export interface ItemStats {
  byStatus: Record<string, number>;
  mine: number;
  overdue: number;
  /** Items registered per month over the last twelve months, oldest first ('YYYY-MM'). */
  byMonth: Array<{ month: string; count: number }>;
  openFindings: number;
  /** Findings in the files the user may read, by kind (shared/documents FINDING_KINDS), when the implementation counts them. */
  findingsByKind?: Record<string, number>;
  /** Average calendar days an item spent at each step (by step name, over finished steps), when the implementation measures it. */
  stepDays?: Array<{ step: string; days: number; count: number }>;
}

export interface OpinionView {
  round: number;
  stepId: string;
  stepName: string;
  signer: string;
  userName: string;
  label: string;
  outcome: string | null;
  grounds: string[];
  bases: Array<{ id: string; title: string }>;
  reason: string;
  deferUntil: string | null;
  time: string;
}

export interface HistoryEntry {
  seq: number;
  time: string;
  actorName: string;
  action: string;
  text: string;
  verified: boolean;
}


export interface EscalationView {
  id: number;
  addressee: string;
  authority: string;
  materials: string[];
  letterNumber: string;
  sentOn: string;
  deadline: string | null;
  reply: { on: string; authority: string; documentNumber: string; conclusion: string } | null;
}

export interface ConsultationView {
  id: number;
  kind: (typeof CONSULTATION_KINDS)[number];
  case: ConsultationCase;
  party: string;
  matters: string;
  /** The letter must go out by this day (the profile's rule), or null. */
  sendBy: string | null;
  sentOn: string | null;
  deadline: string | null;
  reply: (typeof CONSULTATION_REPLIES)[number] | null;
  replyOn: string | null;
  replyReason: string | null;
  standing: (typeof CONSULTATION_STANDINGS)[number];
  /** Whether silence past the deadline counts as consent, and the article that says so. */
  silenceConsents: boolean;
  rule: string;
  override: { decision: string; reasons: string; noticeSentOn: string } | null;
  coordination: { authority: string; documentNumber: string; decidedOn: string; agreed: boolean; text: string } | null;
}

export interface ItemDetail extends ItemSummary {
  /** What the current user may read of it (shared/visibility.ts). */
  access: ItemAccess;
  fields: ItemFields;
  profile: Profile;
  profileVersion: number;
  currentStepId: string | null;
  /** Why the current user may not sign the current step, or null when they may. */
  whyNot: string | null;
  proposal: { outcome: string; label: string } | null;
  blockers: string[];
  opinions: OpinionView[];
  objections: Array<{ userName: string; text: string; time: string }>;
  escalations: EscalationView[];
  consultations: ConsultationView[];
  declassification: { decidedOn: string; documentNumber: string; authority: string; filedOn: string; filedWith: string } | null;
  specialApproval: { authority: string; documentNumber: string; approvedOn: string } | null;
  catalogued: boolean;
  incidents: Array<{ discoveredOn: string; description: string; measures: string }>;
  history: HistoryEntry[];
  registeredByMe: boolean;
  signedByMe: boolean;
  /** Grounds of the findings confirmed in the item's carrier files. */
  suggestedGrounds: string[];
  /** Findings in the item's carrier files still to be decided (the gate refuses publication while any is open). */
  openFindings: number;
}

export interface BasisEntry {
  id: string;
  kind: BasisKind;
  title: string;
  documentNumber: string;
  scope: string;
  keywords: string[];
  patterns: string[];
  disabled: boolean;
}

export interface ProfileInfo {
  id: string;
  version: number;
  name: string;
  shortName: string;
  shipped: boolean;
  active: boolean;
  definition: Profile;
}

export interface CatalogueEntry {
  itemId: string;
  title: string;
  date: string;
  category: string;
  keywords: string[];
  source: string;
  documentNumber: string;
  disclosure: string;
}

export interface CalendarStatus {
  coveredYears: number[];
  imported: Array<{ year: number; source: string; importedAt: string }>;
}

export interface CalendarPreview {
  year: number;
  source: string;
  changes: Array<{ date: string; before: boolean | null; after: boolean }>;
}
