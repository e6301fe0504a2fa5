// Types of run.mjs for the TypeScript side (tests).

export interface Finding {
  id: string;
  /** Checkout-relative path, or 'N/A' for a global check. */
  file: string;
  line: number;
  severity: 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';
  confidence: string;
  description?: string;
}

export interface Answer {
  id: string;
  file: string;
  reason: string;
}

export interface Accepted {
  excludedChecks: { check: string; reason: string }[];
  accepted: Answer[];
}

export const ROOT: string;
export const SCANNED: Readonly<Record<string, string>>;
export function loadAccepted(file?: string): Accepted;
export function judge<F extends { id: string; file: string; severity: string }, A extends { id: string; file: string }>(
  findings: F[],
  accepted: A[],
): { gating: F[]; open: F[]; stale: A[] };
export function scan(options?: { root?: string; sources?: string; accepted?: Accepted }): Promise<{
  findings: Finding[];
  errors: { file: string; message: string; tolerable: boolean }[];
  intercepted: string[];
  checks: number;
  electronVersion: string;
}>;
