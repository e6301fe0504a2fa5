import type { HistoryEntry } from '../../../../shared/types';

// The 办理经过 timeline reads as what happened, not as one line per finding: decisions
// on findings by the same person with the same action, made within a few minutes of
// each other (or in one bulk call), are one line that can be expanded.

const BATCHES: Record<string, string> = {
  'finding.confirmed': '确认扫描发现',
  'finding.dismissed': '排除扫描发现',
  'finding.marked': '手工标记发现',
};

/** Entries further apart than this start a new line. */
const GAP_MS = 10 * 60 * 1000;

export interface HistoryLine {
  entries: HistoryEntry[];
  /** Set for a batch: "确认扫描发现 26 处". */
  summary: string | null;
}

/** How many findings one entry decided: a bulk call names its count ("批量确认 26 处发现"). */
export function findingsIn(e: HistoryEntry): number {
  const m = /批量\S{2} (\d+) 处/.exec(e.text);
  return m ? Number(m[1]) : 1;
}

export function groupHistory(history: HistoryEntry[]): HistoryLine[] {
  const lines: Array<{ entries: HistoryEntry[] }> = [];
  for (const e of history) {
    const last = lines.at(-1);
    const prev = last?.entries.at(-1);
    const joins =
      prev !== undefined &&
      BATCHES[e.action] !== undefined &&
      prev.action === e.action &&
      prev.actorName === e.actorName &&
      Math.abs(Date.parse(e.time) - Date.parse(prev.time)) <= GAP_MS;
    if (joins) last!.entries.push(e);
    else lines.push({ entries: [e] });
  }
  return lines.map(({ entries }) => {
    const verb = BATCHES[entries[0]!.action];
    const count = entries.reduce((n, e) => n + findingsIn(e), 0);
    return { entries, summary: verb && count > 1 ? `${verb} ${count} 处` : null };
  });
}
