import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AutomatonTables } from './aho';
import { markTriggers } from './marks';
import { CELL_BOUNDARY } from './numbers';
import type { Rules } from './rules';

// The scanner's pass over every character, in C (native/scan.c), when its build is
// present: built by `npm install` (scripts/build-scan-native.mjs), shipped in the
// package's resources. It is a Node-API module, so the one build loads in Node (tests,
// the command line, the browser host) and in Electron alike. Without it the scanner runs
// the same detectors in JavaScript alone, with the same findings, only slower.

/** The groups of detectors, by the lines the native pass hands to each. */
export const GROUP = { DIGIT: 0, AT: 1, MARK: 2, NAME: 3 } as const;

export interface NativeBlock {
  /** (term id, start, end) for every occurrence of a term, in the order the automaton meets them. */
  hits: Int32Array;
  /** Per group: the lines where its detectors could match, folded, joined by U+001F and a line break. */
  digests: string[];
  /** Per group, for a block given as shared units: the same lines as stored (unfolded). */
  originals?: string[];
  /** Per group: (block start, digest start, length) of each run of lines in the digest. */
  windows: Int32Array[];
}

interface Addon {
  create(tables: AutomatonTables & { words: Uint16Array; wordStart: Int32Array; wordGroup: Uint8Array }): unknown;
  /**
   * null: the block has characters that move offsets when folded; the JavaScript path
   * scans it. false: it holds a lone surrogate (half of a pair, or a pair cut at its end).
   */
  scan(handle: unknown, marked: string | Uint16Array): NativeBlock | null | false;
  /** Copies all but the last of the string's units into the array (of its length). */
  write(text: string, units: Uint16Array): void;
}

export interface NativePass {
  scan(marked: string | Uint16Array): NativeBlock | null | false;
}

const HERE = dirname(fileURLToPath(import.meta.url));
const FILE = 'mishen_scan.node';
const BUILT = join('native', 'build', 'Release', FILE);

/** Where the build may be: a path given by the host, the packaged resources, the source tree (from the sources or the bundle). */
export function nativeCandidates(env: NodeJS.ProcessEnv = process.env, resourcesPath = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath): string[] {
  const out: string[] = [];
  if (env.MISHEN_SCAN_NATIVE && env.MISHEN_SCAN_NATIVE !== 'off') out.push(env.MISHEN_SCAN_NATIVE);
  if (resourcesPath) out.push(join(resourcesPath, 'native', FILE));
  out.push(join(HERE, BUILT), join(HERE, '..', '..', 'electron', 'scanner', BUILT));
  return out;
}

let loaded: { addon: Addon | null; from: string | null } | null = null;

function addon(): Addon | null {
  if (loaded) return loaded.addon;
  loaded = { addon: null, from: null };
  // MISHEN_SCAN_NATIVE=off: the JavaScript path only (tests compare the two).
  if (process.env.MISHEN_SCAN_NATIVE === 'off') return null;
  const require = createRequire(import.meta.url);
  for (const path of nativeCandidates()) {
    if (!existsSync(path)) continue;
    try {
      loaded = { addon: require(path) as Addon, from: path };
      break;
    } catch {
      // A build for another platform or a damaged file: try the next place, else JavaScript.
    }
  }
  return loaded.addon;
}

/** Where the native pass was loaded from, or null when the scanner runs in JavaScript alone. */
export function nativeScanFrom(): string | null {
  addon();
  return loaded?.from ?? null;
}

/**
 * The native pass over the term automaton's tables, marking lines by the trigger words of
 * each group; null when the build is absent.
 */
export function nativePass(tables: AutomatonTables, triggers: ReadonlyArray<{ word: string; group: number }>): NativePass | null {
  const a = addon();
  if (!a) return null;
  const words = triggers.filter((t) => t.word.length > 0);
  const wordStart = new Int32Array(words.length + 1);
  words.forEach((t, k) => (wordStart[k + 1] = wordStart[k]! + t.word.length));
  const units = new Uint16Array(wordStart[words.length]!);
  words.forEach((t, k) => {
    for (let i = 0; i < t.word.length; i++) units[wordStart[k]! + i] = t.word.charCodeAt(i);
  });
  const handle = a.create({ ...tables, words: units, wordStart, wordGroup: Uint8Array.from(words, (t) => 1 << t.group) });
  return { scan: (marked) => a.scan(handle, marked) };
}

/** Copies a string's UTF-16 units into `units` natively; false when the build is absent (the caller encodes). */
export function writeUnits(text: string, units: Uint16Array): boolean {
  const a = addon();
  if (!a || units.length !== text.length) return false;
  if (!text.length) return true;
  // The addon writes all units but the last (Node-API ends the copy with a terminator there).
  a.write(text, units);
  units[text.length - 1] = text.charCodeAt(text.length - 1);
  return true;
}

/**
 * The native pass for these rules, or null where it must not run (or is not built). It
 * marks the lines each group of detectors could match on, by what every match of the
 * group contains: a digit (numbers, passports, plates, addresses), an '@' (e-mail), a
 * mark or label word (markTriggers), a name label. Its words are matched with any spaces
 * or tabs between their characters (a superset of the patterns' letter-spacing, so a
 * word that itself holds a space still triggers). It relies on every match staying on
 * its line: rule words with a line break or a cell boundary, or a plate class that
 * matches one, leave the scan to JavaScript alone (the rules schema refuses such packs;
 * this keeps a pack built in code safe as well). With an empty list a pattern could
 * match without its word: JavaScript alone then too.
 */
export function nativeFor(rules: Rules, tables: AutomatonTables): NativePass | null {
  const c = rules.classification;
  const nameLabels = rules.context.PERSON_NAME ?? ['姓名'];
  const unspaced = (w: string) => w.replace(/[ \t]/g, '');
  const triggers = [...markTriggers(rules).map((w) => ({ word: unspaced(w), group: GROUP.MARK })), ...nameLabels.map((w) => ({ word: unspaced(w), group: GROUP.NAME }))];
  const crossesLines = (w: string) => /[\n\r]/.test(w) || w.includes(CELL_BOUNDARY);
  const plateClass = new RegExp(`[${rules.plateProvinces}]`);
  const linesHold =
    c.marks.length > 0 &&
    nameLabels.length > 0 &&
    triggers.every((t) => t.word.length > 0) &&
    ![...c.marks, ...c.stars, ...c.labels, ...c.urgency, ...c.terms, ...nameLabels].some(crossesLines) &&
    !plateClass.test('\n') &&
    !plateClass.test(CELL_BOUNDARY);
  return linesHold ? nativePass(tables, triggers) : null;
}
