import type { FoundText } from '../../shared/documents';
import type { Ground } from '../../shared/workflow';
import type { Located } from './segments';
import type { FindingKind } from './rules';

// What the scanner reports, with the ground and the confidence each kind starts from, and
// the order and the pruning every scan applies to its findings.

export interface Finding extends Omit<FoundText, 'kind'> {
  kind: FindingKind;
  ground: Ground;
  basisId: string | null;
}

export interface ScanResult {
  text: string;
  segments: Located[];
  findings: Finding[];
}

export const GROUND: Record<FindingKind, Ground> = {
  CLASSIFICATION_MARK: 'MARKED_SECRET',
  ID_CARD: 'PERSONAL_PRIVACY',
  MOBILE: 'PERSONAL_PRIVACY',
  PHONE: 'PERSONAL_PRIVACY',
  BANK_CARD: 'PERSONAL_PRIVACY',
  EMAIL: 'PERSONAL_PRIVACY',
  PLATE: 'PERSONAL_PRIVACY',
  PASSPORT: 'PERSONAL_PRIVACY',
  ADDRESS: 'PERSONAL_PRIVACY',
  GPS_POSITION: 'PERSONAL_PRIVACY',
  PERSON_NAME: 'PERSONAL_PRIVACY',
  SPECIAL_DOMAIN: 'APPROVAL_MISSING',
  PROCESS_INFO: 'PROCESS_INFO',
  NEGATIVE_LIST: 'OTHER',
};

export const BASE: Record<FindingKind, number> = {
  CLASSIFICATION_MARK: 0.9,
  ID_CARD: 0.85,
  MOBILE: 0.65,
  PHONE: 0.5,
  BANK_CARD: 0.6,
  EMAIL: 0.7,
  PLATE: 0.55,
  PASSPORT: 0.4,
  ADDRESS: 0.5,
  GPS_POSITION: 0.95,
  PERSON_NAME: 0.5,
  SPECIAL_DOMAIN: 0.6,
  PROCESS_INFO: 0.7,
  NEGATIVE_LIST: 0.8,
};

export const KINDS = Object.keys(GROUND).length;
export const KIND_INDEX = Object.fromEntries(Object.keys(GROUND).map((k, i) => [k, i])) as Record<FindingKind, number>;

export const BASIS_GROUND: Record<string, Ground> = {
  law: 'LAW_PROHIBITED',
  rule: 'LAW_PROHIBITED',
  scope: 'UNMARKED_SECRET',
  determined: 'UNMARKED_SECRET',
  negative: 'OTHER',
};

export const byPlace = (a: Finding, b: Finding): number => a.start - b.start || a.kind.localeCompare(b.kind);

/**
 * One finding per place: a special-domain or process term inside a longer one of the same
 * kind (传染病疫情 in 重大传染病疫情, 不得外传 in 未经批准不得外传) is the same finding.
 */
export function longestOnly(terms: Finding[]): Finding[] {
  const nested = new Set<FindingKind>(['SPECIAL_DOMAIN', 'PROCESS_INFO', 'CLASSIFICATION_MARK']);
  // Longest first at each start: a later finding ending before the furthest end seen so far
  // (of its kind) lies inside an earlier one. Linear after the sort, for files with many hits.
  const order = terms.filter((f) => nested.has(f.kind)).sort((a, b) => a.start - b.start || b.end - a.end);
  const furthest = new Map<FindingKind, number>();
  const inside = new Set<Finding>();
  for (const f of order) {
    if ((furthest.get(f.kind) ?? -1) >= f.end) inside.add(f);
    else furthest.set(f.kind, f.end);
  }
  return terms.filter((f) => !inside.has(f));
}

/** The image extractor reports a photo's GPS position as its own segment: the position is where it was taken. */
export const GPS_LOCATION = 'GPS 位置';

export function gpsFindings(segments: ReadonlyArray<{ location: string; text: string }>, located: Located[]): Finding[] {
  const out: Finding[] = [];
  segments.forEach((s, i) => {
    if (s.location !== GPS_LOCATION && !s.location.endsWith(`：${GPS_LOCATION}`)) return;
    if (!s.text.trim()) return;
    const { start, end } = located[i]!;
    out.push({ kind: 'GPS_POSITION', text: s.text, start, end, location: s.location, confidence: BASE.GPS_POSITION, ground: GROUND.GPS_POSITION, basisId: null });
  });
  return out;
}
