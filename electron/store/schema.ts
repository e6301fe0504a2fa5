import type { Generated, Selectable } from 'kysely';
import type { PublicVersionsTable, FormsTable, BundlesTable, PublicationRegisterTable, RecallsTable, ApplicationsTable } from './schema-outputs';
export type { PublicVersionsTable, FormsTable, BundlesTable, PublicationRegisterTable, RecallsTable, ApplicationsTable } from './schema-outputs';

// Row types of the encrypted database, one interface per table. JSON columns hold
// text; the data-access functions parse and validate them.

export interface SettingsTable {
  key: string;
  value: string;
}

export interface OrganizationTable {
  id: number;
  name: string;
  short_name: string;
  public_key: Buffer;
  /** PKCS#8 DER; safe here only because the whole database is encrypted. */
  private_key: Buffer;
  bundle_sequence: number;
  created_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  department: string;
  /** JSON array of role ids. */
  roles: string;
  disabled: number;
  must_change_password: number;
  slot_id: string;
  public_key: Buffer | null;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  seq: number;
  time: string;
  actor: string;
  role: string;
  action: string;
  subject: string;
  /** RFC 8785 canonical JSON. */
  payload: string;
  prev_hash: string;
  signer: string;
  hash: string;
  signature: string;
}

export interface ProfilesTable {
  id: string;
  version: number;
  definition: string;
  created_by: string;
  created_at: string;
}

export interface ItemsTable {
  id: string;
  profile_id: string;
  profile_version: number;
  title: string;
  document_number: string;
  issuer: string;
  department: string;
  formed_on: string;
  category: string;
  keywords: string;
  summary: string;
  disclosure: string;
  publish_form: string;
  review_mode: string;
  application_no: string | null;
  application_received_on: string | null;
  co_producers: string;
  third_parties: string;
  classification: string;
  classification_term: string | null;
  special_domains: string;
  special_approval: string | null;
  sensitive: number;
  /** The engine's ReviewState as JSON; status and step_id repeat it for queries. */
  state: string;
  status: string;
  step_id: string;
  step_entered_on: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  decided_on: string | null;
  /** Derived (migration 0009, kept by electron/workflow/derived.ts): the role on the current step while in review. */
  step_role: Generated<string | null>;
  step_first: Generated<number>;
  /** Kept by triggers on findings: an unmarked item whose file bears a mark not dismissed. */
  class_question: Generated<number>;
  due_on: Generated<string | null>;
  overdue_from: Generated<string | null>;
  publish_due: Generated<string | null>;
  /** NULL until the due dates have been computed (after migration, after a calendar import). */
  derived_at: Generated<string | null>;
}

/** An item row as read (derived columns included). */
export type ItemRow = Selectable<ItemsTable>;

export interface ItemSignersTable {
  item_id: string;
  step_id: string;
  user_id: string;
}

/** Key events of the audit chain (migration 0010), checked against it by verification. */
export interface AuditKeysTable {
  seq: number;
  action: string;
  owner: string | null;
  public_key: string | null;
}

export interface OpinionsTable {
  id: Generated<number>;
  item_id: string;
  round: number;
  step_id: string;
  user_id: string;
  opinion_id: string;
  label: string;
  effect: string;
  outcome: string | null;
  grounds: string;
  bases: string;
  reason: string;
  defer_until: string | null;
  audit_seq: number;
  created_at: string;
}

export interface ObjectionsTable {
  id: Generated<number>;
  item_id: string;
  user_id: string;
  text: string;
  audit_seq: number;
  created_at: string;
}

export interface EscalationsTable {
  id: Generated<number>;
  item_id: string;
  step_id: string;
  addressee: string;
  authority: string;
  materials: string;
  letter_number: string;
  sent_on: string;
  deadline: string | null;
  reply_on: string | null;
  reply_authority: string | null;
  reply_document_number: string | null;
  reply_conclusion: string | null;
  /** stateSecret, commercialPrivacy or other: decides the reply limit (000 第十一条). */
  matter: Generated<string>;
  created_by: string;
  created_at: string;
}

export interface ConsultationsTable {
  id: Generated<number>;
  item_id: string;
  kind: string;
  /** concernsAgency, jointProduction or thirdParty: which rule of the profile applies. */
  case_kind: string;
  party: string;
  matters: string;
  /** The letter must go out by this day (planned at registration); null when no rule says. */
  send_by: string | null;
  /** null while the letter has not gone out. */
  sent_on: string | null;
  deadline: string | null;
  reply: string | null;
  reply_on: string | null;
  reply_reason: string | null;
  override: string | null;
  /** The coordinated result of a disagreement, from the 主管部门 or 上一级行政机关 (JSON). */
  coordination: string | null;
  created_by: string;
  created_at: string;
}

export interface DeclassificationsTable {
  item_id: string;
  decided_on: string;
  document_number: string;
  authority: string;
  filed_on: string;
  filed_with: string;
  created_by: string;
  created_at: string;
}

export interface BasesTable {
  id: string;
  kind: string;
  title: string;
  document_number: string;
  scope: string;
  keywords: string;
  patterns: string;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface CatalogueTable {
  item_id: string;
  title: string;
  date: string;
  category: string;
  keywords: string;
  source: string;
  document_number: string;
  disclosure: string;
  created_at: string;
}

export interface IncidentsTable {
  id: Generated<number>;
  item_id: string;
  discovered_on: string;
  description: string;
  measures: string;
  created_by: string;
  created_at: string;
}

export interface CalendarsTable {
  year: number;
  file: string;
  imported_by: string;
  imported_at: string;
}

export interface BlobsTable {
  sha256: string;
  size: number;
  content: Buffer;
}

export interface DocumentsTable {
  id: string;
  item_id: string;
  name: string;
  type: string;
  size: number;
  sha256: string;
  pages: number | null;
  warnings: string;
  /** The extracted text, segments joined by newlines; offsets of findings point into it. */
  text: string;
  segments: string;
  /** Every part of the file and whether it was read (migration 0013), as JSON. */
  parts: Generated<string>;
  created_by: string;
  created_at: string;
}

export interface FindingsTable {
  id: Generated<number>;
  document_id: string;
  kind: string;
  text: string;
  start: number;
  end: number;
  location: string;
  confidence: number;
  ground: string;
  basis_id: string | null;
  status: string;
  reason: string | null;
  manual: number;
  decided_by: string | null;
  decided_at: string | null;
}

export interface ProfileStepsTable {
  profile_id: string;
  version: number;
  step_id: string;
  position: number;
  role: string;
  name: string;
}

export interface Schema {
  settings: SettingsTable;
  organization: OrganizationTable;
  users: UsersTable;
  audit_log: AuditLogTable;
  profiles: ProfilesTable;
  items: ItemsTable;
  opinions: OpinionsTable;
  objections: ObjectionsTable;
  escalations: EscalationsTable;
  consultations: ConsultationsTable;
  declassifications: DeclassificationsTable;
  bases: BasesTable;
  catalogue: CatalogueTable;
  incidents: IncidentsTable;
  calendars: CalendarsTable;
  blobs: BlobsTable;
  public_versions: PublicVersionsTable;
  forms: FormsTable;
  bundles: BundlesTable;
  publication_register: PublicationRegisterTable;
  recalls: RecallsTable;
  applications: ApplicationsTable;
  profile_steps: ProfileStepsTable;
  item_signers: ItemSignersTable;
  audit_keys: AuditKeysTable;
  documents: DocumentsTable;
  findings: FindingsTable;
}
