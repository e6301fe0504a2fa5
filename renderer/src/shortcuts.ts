import { useEffect, useRef } from 'react';
import { getDraft, onDropAllDrafts, setDraft } from './drafts';

// Single-key shortcuts for the reviewer's loop. They never fire while the person is
// typing (an input, a text area, a select's search box or anything editable) or while
// a modifier is held, so they never steal a character from a form or a browser command.

export type Shortcuts = Partial<Record<string, () => void>>;

/** What the help popover lists, in the order a reviewer uses them. */
export const SHORTCUT_HELP: Array<[keys: string, what: string]> = [
  ['J 或 ↓', '下一处发现'],
  ['K 或 ↑', '上一处发现'],
  ['Y', '确认当前发现'],
  ['N', '排除当前发现（填写理由，预填上次的理由）'],
  ['O', '在文件中显示当前发现'],
  [']', '待办中的下一事项'],
  ['?', '显示或隐藏快捷键说明'],
];

/** Keys that mean the same action. */
const ALIASES: Record<string, string> = { ArrowDown: 'j', ArrowUp: 'k', '？': '?', '】': ']' };

export function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  // A radio or checkbox takes no text: J/K there still move between findings.
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(type);
}

/** The shortcut a key press stands for, or null when it is not one of ours. */
export function shortcutOf(e: KeyboardEvent): string | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return null;
  if (typing(e.target)) return null;
  // A dialog (the dismissal reason, the print dialog) owns the keys pressed in it.
  if (e.target instanceof Element && e.target.closest('[role="dialog"]')) return null;
  const key = ALIASES[e.key] ?? e.key;
  return key.length === 1 ? key.toLowerCase() : key;
}

/**
 * Listens for the given shortcuts while mounted and enabled. The latest handlers are
 * used without re-subscribing, so a handler may close over fresh state.
 */
export function useShortcuts(handlers: Shortcuts, enabled = true): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const key = shortcutOf(e);
      const fn = key ? ref.current[key] : undefined;
      if (!fn) return;
      e.preventDefault();
      fn();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}

// The list the person came from, so that ] goes to its next row. List pages call
// rememberList with the ids of the rows they show; without one, the inbox is used.
let lastList: string[] = [];

export function rememberList(ids: readonly string[]): void {
  lastList = [...ids];
}

/** The row after this item in the remembered list, or null when there is none. */
export function nextInList(itemId: string): string | null {
  const at = lastList.indexOf(itemId);
  return at >= 0 ? (lastList[at + 1] ?? null) : null;
}

onDropAllDrafts(() => {
  lastList = [];
});

// The reason given for the last dismissal: reviewers often dismiss several findings
// for the same reason. Kept with the drafts (memory only, gone at logout).
export const lastDismissReason = () => getDraft('dismiss-reason', '');
export const setLastDismissReason = (r: string) => setDraft('dismiss-reason', r);
