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
}

export interface Extraction {
  segments: Segment[];
  /** Things a reviewer must know that are not text: lost digits, unreadable parts. */
  warnings: string[];
  pages: number | null;
}
