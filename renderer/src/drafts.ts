import { useState } from 'react';

// What a person was typing survives the idle lock: the locked screen replaces the
// pages, so their state would be lost. Drafts live only in this module's memory (never
// on disk, never sent anywhere) and are forgotten at logout.

const drafts = new Map<string, unknown>();

/** useState whose value outlives the component until the session ends. */
export function useDraft<T>(key: string, initial: T): [T, (v: T) => void] {
  const [value, setValue] = useState<T>(() => (drafts.has(key) ? (drafts.get(key) as T) : initial));
  return [
    value,
    (v: T) => {
      drafts.set(key, v);
      setValue(v);
    },
  ];
}

/** Forgets a draft once it has been submitted. */
export function dropDraft(prefix: string): void {
  for (const k of [...drafts.keys()]) if (k.startsWith(prefix)) drafts.delete(k);
}

/** At logout: nothing typed in one session is offered to the next person. */
export function dropAllDrafts(): void {
  drafts.clear();
}
