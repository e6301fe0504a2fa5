import { describe, expect, it } from 'vitest';
import { createScanner, type Finding } from '../../../electron/scanner/scanner';
import { scanInParallel } from '../../../electron/scanner/parallel';
import { defaultRules, type ListTerm } from '../../../electron/scanner/rules';
import { splitParts } from '../../../electron/scanner/split';
import { luhnCard, residentId } from '../../helpers/synthetic';

// A long text scanned on two threads gives exactly the findings of one thread: cuts
// fall at line ends, parts read their neighbours' lines, and a finding near or across
// a cut is reported once, by the part it starts in.

const FILL = '关于进一步做好政府信息公开工作的通知各乡镇人民政府县直各部门为贯彻落实条例要求';
const TERMS: ListTerm[] = [
  { basisId: 'neg-1', kind: 'negative', term: '城关镇水厂改造' },
  { basisId: 'neg-2', kind: 'negative', term: '内部研究稿' },
];

function text(lines: number): string {
  let seed = 3;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const r = rnd();
    const fill = FILL.slice(0, 5 + Math.floor(rnd() * 30));
    if (r < 0.15) out.push(`${fill}联系人张小明，身份证号${residentId('110101', '19900307', String(100 + (i % 899)))}`);
    else if (r < 0.25) out.push(`${fill}，手机13912345${String(i % 1000).padStart(3, '0')}，卡号${luhnCard()}`);
    else if (r < 0.32) out.push(`${fill}城关镇水厂改造方案（内部研究稿）不得外传`);
    else if (r < 0.38) out.push(`住址：某某县城关镇幸福路${i % 90}号${fill}`);
    // The end of one line and the start of the next: a term letter-spaced across lines.
    else if (r < 0.42) out.push(`${fill}内 部`, '研 究 稿');
    else out.push(fill);
  }
  return out.join('\n');
}

const key = (f: Finding) => `${f.start}:${f.end}:${f.kind}:${f.basisId}:${f.location}:${f.confidence}:${f.text}`;

describe('scanning a long text on several threads', () => {
  it('cuts only at line starts, and the owned ranges cover the text once', () => {
    const t = text(2000);
    for (const n of [2, 7, 31]) {
      const parts = splitParts(t, n, 300);
      expect(parts[0]!.ownFrom).toBe(0);
      expect(parts.at(-1)!.ownTo).toBe(t.length);
      parts.forEach((p, i) => {
        if (i > 0) expect(p.ownFrom).toBe(parts[i - 1]!.ownTo);
        expect(p.ownFrom === 0 || t[p.ownFrom - 1] === '\n').toBe(true);
        expect(p.from === 0 || t[p.from - 1] === '\n').toBe(true);
        expect(p.from).toBeLessThanOrEqual(Math.max(0, p.ownFrom - 300));
        expect(p.to === t.length || p.to >= p.ownTo + 300).toBe(true);
      });
    }
    // One long line cannot be cut: a single part.
    expect(splitParts('一'.repeat(5000), 4, 100)).toHaveLength(1);
  });

  it('finds exactly what one thread finds, whatever the number of cuts', async () => {
    const t = text(3000);
    const segments = [
      { location: '正文', text: t.slice(0, 40_000) },
      { location: '附件', text: t.slice(40_000) },
    ];
    const opts = { rules: defaultRules(), terms: TERMS, today: new Date('2026-11-25'), blockChars: 1 << 22 };
    const serial = createScanner(opts).scan(segments);
    expect(serial.findings.length).toBeGreaterThan(500);
    for (const parts of [2, 17, 64]) {
      const parallel = await scanInParallel({ ...opts, threads: 2, parts, overlap: 200, minChars: 0 }, segments);
      expect(parallel.text).toBe(serial.text);
      expect(parallel.findings.map(key).sort()).toEqual(serial.findings.map(key).sort());
    }
  }, 120_000);

  it('loses nothing when the overlap is shorter than a finding’s context: every cut is checked', async () => {
    // A finding right at each cut: the line before a cut ends with an ID number, the line after starts with one.
    const lines: string[] = [];
    for (let i = 0; i < 400; i++) lines.push(`${residentId('110101', '19900307', String(100 + i))}，${FILL.slice(0, i % 20)}，${residentId('110101', '19850101', String(100 + i))}`);
    const t = lines.join('\n');
    const opts = { rules: defaultRules(), terms: [], today: new Date('2026-11-25') };
    const serial = createScanner(opts).scan([{ location: '正文', text: t }]);
    const parallel = await scanInParallel({ ...opts, threads: 2, parts: 50, overlap: 1, minChars: 0 }, [{ location: '正文', text: t }]);
    expect(serial.findings.filter((f) => f.kind === 'ID_CARD')).toHaveLength(800);
    expect(parallel.findings.map(key).sort()).toEqual(serial.findings.map(key).sort());
  }, 60_000);
});
