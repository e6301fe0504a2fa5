import { AppFailure, type ErrorCode } from '../../shared/result';

// The writer's input and output, in the words of shared/spec/bundle.md (mishen-bundle/1).

export type PublishOutcome = 'PUBLISH' | 'PUBLISH_PART';

/** A public version's bytes, given outright or loaded when its turn comes (one file in memory at a time). */
export type BundleFileSource =
  | { name: string; bytes: Uint8Array }
  | { name: string; size: number; load: () => Promise<Uint8Array> };

/** What the public side learns of an item: its catalogue entry (bundle.md). */
export interface BundleItemMetadata {
  id: string;
  title: string;
  documentNumber: string;
  issuer: string;
  /** YYYY-MM-DD */
  formedOn: string;
  category: string;
  keywords: string[];
  disclosure: string;
}

export interface BundleItemInput extends BundleItemMetadata {
  /** Anything else is refused: only approved items ever leave. */
  outcome: string;
  /** ISO 8601 with offset, e.g. 2026-11-21T16:02:11+08:00 */
  approvedAt: string;
  /** Public versions only (PUBLISH_PART: the redacted copy), never an original. */
  files: BundleFileSource[];
}

export interface BundleRecall {
  itemId: string;
  bundleId: string;
  reason: string;
  recalledAt: string;
}

export interface BundleInput {
  organization: { name: string; shortName: string };
  exportedBy: { name: string; publicKey: Uint8Array };
  auditHead: { seq: number; hash: string };
  /** 1, 2, 3 … per installation, without gaps. */
  sequence: number;
  /** ISO 8601 with its offset, e.g. 2026-11-22T10:15:00+08:00; its date names the folder. */
  createdAt: string;
  /** Defaults to a random UUID. */
  bundleId?: string;
  items: BundleItemInput[];
  recalls: BundleRecall[];
}

/** The organization key: signs the exact bytes of manifest.json. */
export interface BundleSigner {
  sign(bytes: Uint8Array): Buffer;
  /** Raw 32-byte Ed25519 public key. */
  publicKey: Buffer;
}

export interface BundleProgress {
  /** 0…1, by bytes written. */
  fraction: number;
  bytes: number;
  totalBytes: number;
}

export interface WriteBundleOptions {
  onProgress?: (p: BundleProgress) => void;
  /** Testing only: throw after this many files were written, to prove nothing is left behind. */
  failAfterFiles?: number;
}

export interface ManifestFile {
  path: string;
  sha256: string;
  size: number;
}

export interface ManifestItem extends BundleItemMetadata {
  outcome: PublishOutcome;
  approvedAt: string;
  files: string[];
}

export interface BundleManifest {
  format: 'mishen-bundle/1';
  bundleId: string;
  sequence: number;
  createdAt: string;
  organization: { name: string; keyFingerprint: string };
  exportedBy: { name: string; keyFingerprint: string };
  auditHead: { seq: number; hash: string };
  files: ManifestFile[];
  items: ManifestItem[];
  recalls: BundleRecall[];
}

export interface WriteBundleResult {
  /** The final folder. */
  path: string;
  folderName: string;
  bundleId: string;
  /** Lowercase hex SHA-256 of the exact manifest.json bytes: what the export's audit entry carries. */
  manifestSha256: string;
  files: ManifestFile[];
  manifest: BundleManifest;
}

export class BundleRefused extends AppFailure {
  constructor(message: string, code: ErrorCode = 'INVALID_INPUT') {
    super(code, message);
    this.name = 'BundleRefused';
  }
}
