import type { Generated } from 'kysely';

// The tables of what leaves the review: public versions, printed forms, bundles, the
// publication register, recalls, and applications for disclosure. Split from schema.ts
// by subject; schema.ts re-exports them and names every table in Schema.

export interface PublicVersionsTable {
  id: string;
  item_id: string;
  document_id: string;
  name: string;
  type: string;
  /** The public version's bytes are a blob like any stored file. */
  sha256: string;
  original_sha256: string;
  /** JSON: what was removed, where, with which mask and ground. */
  removals: string;
  /** JSON: notes for the reviewer (hidden sheets removed, a .doc given as docx…). */
  notes: string;
  /** JSON: the proof gate's result. */
  proof: string;
  /** draft, confirmed. */
  status: string;
  created_by: string;
  created_at: string;
  confirmed_by: string | null;
  confirmed_at: string | null;
}

export interface FormsTable {
  id: string;
  item_id: string | null;
  kind: string;
  sha256: string;
  content_hash: string;
  pages: number;
  checkpoint_seq: number;
  checkpoint_hash: string;
  created_by: string;
  created_at: string;
}

export interface BundlesTable {
  id: string;
  sequence: number;
  folder: string;
  manifest_sha256: string;
  items: number;
  recalls: number;
  created_by: string;
  created_at: string;
}

export interface PublicationRegisterTable {
  id: Generated<number>;
  item_id: string;
  bundle_id: string;
  /** JSON: the bundle paths of the item's files. */
  files: string;
  exported_at: string;
  exported_by: string;
  published_on: string | null;
  published_url: string | null;
  recorded_by: string | null;
  recorded_at: string | null;
}

export interface RecallsTable {
  item_id: string;
  reason: string;
  recalled_at: string;
  published_bundle_id: string;
  carried_by_bundle_id: string | null;
}

export interface ApplicationsTable {
  id: string;
  number: string;
  year: number;
  received_on: string;
  received_via: string;
  applicant_kind: string;
  applicant_name: string;
  id_type: string;
  id_number: string;
  contact: string;
  address: string;
  request: string;
  purpose: string;
  delivery_form: string;
  status: string;
  correction_requested_on: string | null;
  correction_text: string | null;
  correction_received_on: string | null;
  /** JSON {days, approvedBy, approvedOn, reason}: one extension at most. */
  extension: string | null;
  /** JSON {party, letterOn}: the third party consulted. */
  third_party: string | null;
  item_id: string | null;
  split_from: string | null;
  reply_type: string | null;
  reply_subtype: string | null;
  reply_on: string | null;
  reply_text: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}
