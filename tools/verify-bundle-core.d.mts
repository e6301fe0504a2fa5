// Types of verify-bundle-core.mjs for the TypeScript side (electron/export/verify.ts, tests).

export interface FolderEntry {
  /** Relative path with `/` separators, as listed (never normalized). */
  path: string;
  kind: 'file' | 'dir' | 'link' | 'other';
  /** The name on disk is not valid UTF-8; `path` then holds a lossy rendering. */
  badName?: boolean;
}

export interface BundleFolder {
  entries: FolderEntry[];
  read(path: string): Promise<Uint8Array>;
}

export interface BundleCrypto {
  sha256(bytes: Uint8Array): Promise<Uint8Array>;
  verifyEd25519(rawPublicKey: Uint8Array, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
}

export interface BundleFailure {
  code: string;
  path?: string;
  /** Chinese, for people. */
  message: string;
}

export interface BundleSummary {
  bundleId: unknown;
  sequence: unknown;
  createdAt: unknown;
  organization: unknown;
  exportedBy: unknown;
  keyFingerprint: string;
  files: number;
  items: number;
  recalls: number;
}

export interface BundleReport {
  status: 'valid' | 'invalid' | 'unreadable';
  failures: BundleFailure[];
  /** Present only when the bundle is valid. */
  summary: BundleSummary | null;
}

export const BUNDLE_FORMAT: 'mishen-bundle/1';
export function normalizeTrust(text: string): string;
export function isFingerprint(text: string): boolean;
export function pathProblems(path: string): string[];
export function verifyBundle(folder: BundleFolder, crypto: BundleCrypto, trust: string): Promise<BundleReport>;
export function exitCode(report: BundleReport): 0 | 1 | 2;
export function unreadableFolder(label: string): BundleReport;
export function visible(text: unknown): string;
export function formatReport(report: BundleReport, label: string): string[];
