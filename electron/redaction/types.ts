// The engine's contract, declared here rather than imported: the layering keeps
// redaction below publication. It must stay structurally identical to `Redactor` in
// electron/publication/public-versions.ts, which the app hands this engine to.

export interface RedactionTarget {
  text: string;
  kind: string;
  ground: string;
  /** The mask the reviewer chose for this kind, or full removal. */
  mask?: string;
}

/**
 * An area the reviewer drew: fractions (0–1) of the page or image, origin at the top
 * left as displayed; `page` counts from 1 (PDF only; images ignore it).
 */
export interface Area {
  page?: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RedactInput {
  bytes: Uint8Array;
  name: string;
  targets: RedactionTarget[];
  /** Optional: areas to fill (images) or clear of text, images and drawings (PDF). */
  areas?: Area[];
  /** Hidden rows and columns of a workbook: shown in the public version, or removed with their cells. */
  hiddenRowsAndColumns?: 'reveal' | 'remove';
}

export interface RedactOutput {
  bytes: Uint8Array;
  name: string;
  type: string;
  removals: unknown[];
  notes: string[];
  /** Text removed with the reviewer's areas, for the proof only: never stored or shown. */
  alsoRemoved?: string[];
}

export interface ProveInput {
  original: Uint8Array;
  publicVersion: Uint8Array;
  name: string;
  removed: string[];
}

export interface ProveOutput {
  ok: boolean;
  problems: string[];
  detail: unknown;
}

export interface Redactor {
  redact(input: RedactInput): Promise<RedactOutput>;
  prove(input: ProveInput): Promise<ProveOutput>;
}

/** One removal as the reviewer sees it: never the removed text itself. */
export interface Removal {
  kind: string;
  ground: string;
  /** Where in the file (the import extractor's words, or the part). */
  where: string;
  count: number;
  /** What now stands in its place. */
  replacement: string;
}
