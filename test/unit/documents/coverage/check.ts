import { expect } from 'vitest';
import { analyze, type Analysis } from '../../../../electron/documents/analyze';
import { defaultRules } from '../../../../electron/scanner/rules';
import { zipEntries } from '../../../../electron/documents/zip';

// What the coverage tests assert: every planted marker is in the text the import
// reports, and every part of the file is listed — read, or 未读取 with a reason.

export const rules = defaultRules();

export const analyzeFile = (buf: Uint8Array, name: string): Promise<Analysis> => analyze(buf, name, rules, []);

/** Markers the import did not report. A marker counts only whole: MARK-docx-header is not found inside MARK-docx-header-first. */
export function missing(a: Analysis, markers: readonly string[]): string[] {
  return markers.filter((m) => !new RegExp(`${m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(a.text));
}

export function expectAllReported(a: Analysis, markers: readonly string[]): void {
  expect(missing(a, markers), 'markers the import did not report').toEqual([]);
}

/** Every entry of a zip package appears in the parts list; each unread one says why. */
export function expectEveryPartListed(a: Analysis, buf: Uint8Array): void {
  const names = zipEntries(buf)
    .map((e) => e.name)
    .filter((n) => !n.endsWith('/'));
  const listed = new Set(a.parts.map((p) => p.name));
  expect(names.filter((n) => !listed.has(n)), 'parts neither read nor listed as 未读取').toEqual([]);
  for (const p of a.parts) if (!p.read) expect(p.reason, `未读取 part ${p.name} without a reason`).toBeTruthy();
}
