import type { TableStep } from '../../../shared/documents';

/** One piece of text a reader could find, with where it was found. */
export interface Segment {
  location: string;
  text: string;
  /**
   * Set when the text is one cell of a table or spreadsheet: which cell. Digits are never
   * joined across two segments with different cells (or from a cell into text outside
   * one), so two neighbouring cells' numbers stay two numbers. Inside a segment, a tab
   * stands between table columns and is never joined across either.
   */
  cell?: string;
  /** Set for text in a Word table cell: the cell's address, outermost table first (the item page draws the table). */
  table?: TableStep[];
  /** The package part or stream the text came from, so a generic walk can skip it. */
  part?: string;
}

/**
 * One part of a file (a zip entry, a PDF stream kind, an image block) and whether its
 * text was read. A part that was not read carries the reason, in the reviewer's words.
 */
export interface PartRecord {
  name: string;
  what: string;
  read: boolean;
  reason?: string;
}

export interface Extraction {
  segments: Segment[];
  /** Things a reviewer must know that are not text: lost digits, unreadable parts. */
  warnings: string[];
  pages: number | null;
  /** Every part of the file and whether it was read; absent only for single-part formats. */
  parts?: PartRecord[];
}

/** Reads a file found inside another (an embedded package, a PDF attachment) at one level deeper. */
export type ReadInner = (buf: Uint8Array, name: string) => Promise<Extraction>;
