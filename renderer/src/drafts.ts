import { useState } from 'react';

// What a person was typing survives the idle lock: the locked screen replaces the
// pages, so their state would be lost. Drafts live only in this module's memory (never
// on disk, never sent anywhere) and are forgotten at logout.

const drafts = new Map<string, unknown>();
const onDrop = new Set<() => void>();

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

/** A draft read outside a component (e.g. the reason last given for a dismissal). */
export function getDraft<T>(key: string, fallback: T): T {
  return drafts.has(key) ? (drafts.get(key) as T) : fallback;
}

export function setDraft<T>(key: string, value: T): void {
  drafts.set(key, value);
}

/** Forgets a draft once it has been submitted. */
export function dropDraft(prefix: string): void {
  for (const k of [...drafts.keys()]) if (k.startsWith(prefix)) drafts.delete(k);
}

/** Other memory-only state that must end with the session registers here. */
export function onDropAllDrafts(fn: () => void): void {
  onDrop.add(fn);
}

/** At logout: nothing typed in one session is offered to the next person. */
export function dropAllDrafts(): void {
  drafts.clear();
  for (const fn of onDrop) fn();
}
