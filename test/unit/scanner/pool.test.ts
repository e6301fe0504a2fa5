import { MessageChannel } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { ScanPool, scanWithHelpers } from '../../../electron/scanner/pool';
import { defaultRules, type ListTerm } from '../../../electron/scanner/rules';
import { createScanner } from '../../../electron/scanner/scanner';
import { luhnCard, residentId } from '../../helpers/synthetic';

// The warm pool finds exactly what one thread finds, in the same order, with the same
// offsets, locations and confidences: it scans the one-thread scan's own blocks. Findings
// are placed on every block cut, and the rules change between scans.

const FILL = '关于进一步做好政府信息公开工作的通知各乡镇人民政府县直各部门为贯彻落实条例要求';
const TERMS: ListTerm[] = [
  { basisId: 'neg-1', kind: 'negative', term: '城关镇水厂改造' },
  { basisId: 'neg-2', kind: 'negative', term: '内部研究稿' },
  { basisId: 'neg-3', kind: 'negative', pattern: '水厂[一二三]期' },
];
const today = new Date('2026-11-25T10:00:00Z');
const BLOCK = 3000;

function lines(n: number): string[] {
  let seed = 11;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd();
    const fill = FILL.slice(0, 5 + Math.floor(rnd() * 30));
    if (r < 0.15) out.push(`${fill}联系人张小明，身份证号${residentId('110101', '19900307', String(100 + (i % 899)))}`);
    else if (r < 0.25) out.push(`${fill}，手机13912345${String(i % 1000).padStart(3, '0')}，卡号${luhnCard()}`);
    else if (r < 0.32) out.push(`${fill}城关镇水厂改造方案（内部研究稿）水厂二期不得外传`);
    else if (r < 0.38) out.push(`住址：某某县城关镇幸福路${i % 90}号${fill}`);
    else if (r < 0.42) out.push(`${fill}内 部`, '研 究 稿');
    else out.push(fill);
  }
  return out;
}

/** Every line starts and ends with an ID number, so every block cut (a line start) has one on each side. */
const onEveryCut = (n: number): string =>
  lines(n)
    .map((l, i) => `${residentId('110101', '19850101', String(100 + (i % 800)))}${l}，${residentId('110101', '19900307', String(100 + (i % 800)))}`)
    .join('\n');

const pool = new ScanPool(2);
afterAll(() => pool.close());

describe('the warm scanning pool', () => {
  it('finds exactly what one thread finds, in the same order, with a finding on every cut', async () => {
    const t = onEveryCut(6000);
    const opts = { rules: defaultRules(), terms: TERMS, today, blockChars: BLOCK };
    const segments = [
      { location: '正文', text: t.slice(0, 50_000) },
      { location: '附件', text: t.slice(50_000) },
      { location: '表格：第1行', text: `姓名：王小明\t${residentId('110101', '19900307', '123')}`, cell: 'a' },
      { location: '表格：第2行', text: '13912345678', cell: 'b' },
    ];
    const serial = createScanner(opts).scan(segments);
    const cuts = createScanner(opts).blockCuts(serial.text);
    expect(cuts.length).toBeGreaterThan(20);
    // Every cut has a finding right before and right after it.
    for (const c of cuts.slice(1, -1)) {
      expect(serial.findings.some((f) => f.start === c)).toBe(true);
      expect(serial.findings.some((f) => f.end === c - 1)).toBe(true);
    }
    expect(serial.findings.length).toBeGreaterThan(1000);
    // The pool threads scan every block here, so what is compared is their work.
    const stats = { blocks: 0, byHelpers: 0 };
    const shared = await pool.scan(opts, segments, undefined, 0, { stats, callerScans: false });
    expect(stats.byHelpers).toBe(stats.blocks);
    expect(shared.text).toBe(serial.text);
    expect(shared.segments).toEqual(serial.segments);
    expect(shared.findings).toEqual(serial.findings);
  }, 120_000);

  it('rebuilds a thread’s scanner when the list changes, and only then', async () => {
    const t = lines(4000).join('\n');
    const segments = [{ location: '正文', text: t }];
    const first = { rules: defaultRules(), terms: TERMS.slice(0, 1), today, blockChars: BLOCK };
    const second = { rules: defaultRules(), terms: [...TERMS.slice(0, 1), { basisId: 'neg-9', kind: 'negative', term: '幸福路' }], today, blockChars: BLOCK };
    for (const opts of [first, second, first]) {
      const shared = await pool.scan(opts, segments, undefined, 0, { callerScans: false });
      expect(shared.findings).toEqual(createScanner(opts).scan(segments).findings);
    }
    const withNew = await pool.scan(second, segments, undefined, 0, { callerScans: false });
    expect(withNew.findings.some((f) => f.basisId === 'neg-9')).toBe(true);
  }, 120_000);

  it('finds in each text only what is there, when the shared copy of an earlier, longer text is used again', async () => {
    const opts = { rules: defaultRules(), terms: TERMS, today, blockChars: BLOCK };
    const long = onEveryCut(3000);
    // Shorter by a few lines, and different: what is left of the long text past its end must stay unread.
    const texts = [long, lines(2800).join('\n'), long.slice(0, long.length - 5000), lines(2900).reverse().join('\n')];
    for (const t of texts) {
      const segments = [{ location: '正文', text: t }];
      const shared = await pool.scan(opts, segments, undefined, 0, { callerScans: false });
      expect(shared.findings).toEqual(createScanner(opts).scan(segments).findings);
    }
  }, 120_000);

  it('repairs a lone surrogate as one thread does, though the helpers had started on the text as given', async () => {
    const opts = { rules: defaultRules(), terms: TERMS, today, blockChars: BLOCK };
    const t = onEveryCut(3000);
    const broken = `${t.slice(0, 40_000)}\ud800${t.slice(40_000)}`;
    const segments = [{ location: '正文', text: broken }, { location: '附件', text: `尾\udfff${t.slice(0, 5000)}` }];
    const serial = createScanner(opts).scan(segments);
    expect(serial.text).toContain('\ufffd');
    for (const callerScans of [true, false]) {
      // Progress starts with the scan that counts: nothing of the dropped one is reported.
      const seen: number[] = [];
      const shared = await pool.scan(opts, segments, (f) => seen.push(f), 0, { callerScans });
      expect(shared.text).toBe(serial.text);
      expect(shared.findings).toEqual(serial.findings);
      expect(seen.every((f, i) => i === 0 || f > seen[i - 1]!)).toBe(true);
      expect(seen.at(-1)).toBe(1);
    }
    // A helper that never answers is not waited for on this path either.
    const busy = new MessageChannel();
    expect((await scanWithHelpers(opts, [busy.port1], segments)).findings).toEqual(serial.findings);
    busy.port1.close();
  }, 120_000);

  it('reports progress from 0 to 1 and scans short texts without the pool', async () => {
    const opts = { rules: defaultRules(), terms: TERMS, today, blockChars: BLOCK };
    const seen: number[] = [];
    const t = lines(3000).join('\n');
    await pool.scan(opts, [{ location: '正文', text: t }], (f) => seen.push(f), 0);
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => i === 0 || f >= seen[i - 1]!)).toBe(true);
    const short = await new ScanPool(1).scan(opts, [{ location: '正文', text: '身份证号' + residentId('110101', '19900307', '123') }]);
    expect(short.findings.map((f) => f.kind)).toContain('ID_CARD');
  }, 120_000);

  it('sees a list or rules edited in place: their config is encoded again, not kept from the last scan', async () => {
    const terms: ListTerm[] = TERMS.map((t) => ({ ...t }));
    const rules = defaultRules();
    const opts = { rules, terms, today, blockChars: BLOCK };
    const segments = [{ location: '正文', text: onEveryCut(3000) }];
    const count = (r: { findings: Array<{ kind: string; basisId: string | null }> }, basisId: string) => r.findings.filter((f) => f.basisId === basisId).length;
    const first = await pool.scan(opts, segments, undefined, 0, { callerScans: false });
    expect(count(first, 'neg-1')).toBeGreaterThan(10);
    // The same objects, changed: the config kept from the first scan no longer holds.
    // One term, then the rules alone, each seen with the helpers alone and with the caller.
    let last = first.findings;
    for (const edit of [() => (terms[0]!.term = '某某县城关镇幸福路'), () => (rules.context.ID_CARD = ['证件'])]) {
      edit();
      for (const callerScans of [false, true]) {
        const edited = await pool.scan(opts, segments, undefined, 0, { callerScans });
        expect(edited.findings).toEqual(createScanner(opts).scan(segments).findings);
        expect(edited.findings).not.toEqual(last);
      }
      last = createScanner(opts).scan(segments).findings;
    }
    expect(count({ findings: last }, 'neg-1')).toBeGreaterThan(10);
  }, 120_000);

  it('scans through ports from another thread, and a helper that goes away loses nothing', async () => {
    const opts = { rules: defaultRules(), terms: TERMS, today, blockChars: BLOCK };
    const segments = [{ location: '正文', text: onEveryCut(3000) }];
    const serial = createScanner(opts).scan(segments);
    const ports = pool.ports();
    expect(ports).toHaveLength(2);
    const stats = { blocks: 0, byHelpers: 0 };
    expect((await scanWithHelpers(opts, ports, segments, undefined, undefined, { stats, callerScans: false })).findings).toEqual(serial.findings);
    expect(stats.byHelpers).toBe(stats.blocks);
    // Shared between the caller and the threads, as the app does it.
    expect((await scanWithHelpers(opts, ports, segments)).findings).toEqual(serial.findings);
    for (const p of ports) p.close();
    // A port whose other end is closed: the caller scans every block itself.
    const { port1, port2 } = new MessageChannel();
    port2.close();
    expect((await scanWithHelpers(opts, [port1], segments)).findings).toEqual(serial.findings);
    // A helper still busy with other work (it never answers) is not waited for.
    const busy = new MessageChannel();
    expect((await scanWithHelpers(opts, [busy.port1], segments)).findings).toEqual(serial.findings);
    busy.port1.close();
  }, 120_000);
});
