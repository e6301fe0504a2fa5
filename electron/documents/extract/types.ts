/** One piece of text a reader could find, with where it was found. */
export interface Segment {
  location: string;
  text: string;
}

export interface Extraction {
  segments: Segment[];
  /** Things a reviewer must know that are not text: lost digits, unreadable parts. */
  warnings: string[];
  pages: number | null;
}
