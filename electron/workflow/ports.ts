import type { WorkCalendar } from '../calendar/workdays';
import type { Tx } from '../context/session';

// What the workflow needs from other domains, as the smallest interfaces that say it.
// The app passes the real services; the workflow never imports them.

export interface CalendarSource {
  calendar(): Promise<WorkCalendar>;
}

export interface BasisTitles {
  titles(): Promise<Map<string, string>>;
}

export interface CatalogueWriter {
  add(
    tx: Tx,
    e: { itemId: string; title: string; date: string; category: string; keywords: string; source: string; documentNumber: string; disclosure: string },
  ): Promise<void>;
  remove(tx: Tx, itemId: string): Promise<void>;
  has(itemId: string): Promise<boolean>;
}

/** The public versions of an item's files (publication): needed before 部分公开 is confirmed. */
export interface PublicVersionGate {
  /** Files still without a public version that passed the proof. */
  missing(tx: Tx, itemId: string): Promise<number>;
  /** The confirming signature: drafts become the public versions; their hashes go into the entry. */
  confirm(tx: Tx, itemId: string): Promise<Array<{ documentId: string; sha256: string }>>;
}
