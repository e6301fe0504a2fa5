import { describe, expect, it } from 'vitest';
import { TermMatcher } from '../../../electron/scanner/aho';
import { GROUP, nativePass, nativeScanFrom, writeUnits, type NativeBlock } from '../../../electron/scanner/native';
import { hasSpacedCjk } from '../../../electron/scanner/normalize';
import { CELL_BOUNDARY } from '../../../electron/scanner/numbers';
import { defaultRules, type ListTerm } from '../../../electron/scanner/rules';
import { createScanner } from '../../../electron/scanner/scanner';
import { toShared } from '../../helpers/shared';
import { luhnCard, residentId, seededRandom as random } from '../../helpers/synthetic';

// The native pass (electron/scanner/native/scan.c) must change how fast the scanner is,
// never what it finds: every text here is scanned by both paths and the findings compared
// whole. The texts are generated from fragments chosen to sit on each detector's edges:
// numbers broken across spaces, hyphens and line breaks (also across an empty line), marks
// letter-spaced and at line starts, labels before names, full-width forms, cells, and the
// characters that send a block to the JavaScript path.

const rules = defaultRules();

const CJK = '关于进一步做好政府信息公开工作的通知各乡镇人民政府县直部门为贯彻落实条例要求现将有关事项如下王李张刘陈杨';
const fragments = (r: () => number): string[] => [
  '身份证号',
  residentId('110101', '19900307', String(100 + Math.floor(r() * 899))),
  // An ID number broken by a space, a hyphen, a line break, an empty line.
  '110101 19900307' + String(100 + Math.floor(r() * 899)),
  residentId('320102', '19851231', '456').replace(/^(\d{6})/, '$1-'),
  residentId('440305', '20010101', '789').replace(/^(\d{10})/, '$1\n'),
  residentId('110101', '19751010', '321').replace(/^(\d{12})/, '$1\n\n'),
  residentId('110101', '19751010', '322').replace(/^(\d{12})/, '$1\r\n'),
  '卡号' + luhnCard(),
  '联系电话13912345678',
  '手机：１３９１２３４５６７８',
  '0755-12345678',
  '订单号：' + luhnCard('622848', 16),
  'zhang.san@example.gov.cn',
  'ｌｉ＠example.com',
  '护照号E12345678',
  '京A12345',
  '粤B·D12345',
  '广东省深圳市南山区科技路12号3单元',
  '姓名：王小明',
  '姓名\t李华',
  '申请人张三',
  '绝密★10年',
  '机\t密',
  '秘\t密★长期',
  '密级：机密',
  '保密期限：5年',
  '内部资料',
  '注意保密',
  '征求意见稿',
  '涉密',
  '清单甲',
  '全角ＡＢＣ',
  '\u3000',
  '\t',
  ' ',
  '  ',
  '，',
  '。',
  '1',
  '12',
  '2023年',
  'E',
  '@',
];

function text(r: () => number, lines: number, allowFallback: boolean): string {
  const frags = fragments(r);
  const out: string[] = [];
  for (let l = 0; l < lines; l++) {
    let line = '';
    const parts = Math.floor(r() * 6);
    for (let p = 0; p < parts; p++) {
      if (r() < 0.5) for (let k = Math.floor(r() * 12); k > 0; k--) line += CJK[Math.floor(r() * CJK.length)]!;
      else line += frags[Math.floor(r() * frags.length)]!;
    }
    // Spaces stay, but not between two ideographs (letter-spaced Chinese goes to JavaScript alone)…
    if (!allowFallback) line = line.replace(/([\u3400-\u9fff])[ \u00a0\u3000]+(?=[\u3400-\u9fff])/g, '$1\t');
    // …except now and then, with a character the native pass declines (zero-width, a radical) or letter-spaced Chinese.
    if (allowFallback && r() < 0.02) line += ['\u200b', '\u2f9d', '科 长', '机 密'][Math.floor(r() * 4)]!;
    out.push(line);
  }
  return out.join(r() < 0.5 ? '\n' : '\r\n');
}

const terms: ListTerm[] = [
  { basisId: 'neg-1', kind: 'negative', term: '清单甲' },
  { basisId: 'neg-2', kind: 'determined', term: '政府信息' },
  { basisId: 'neg-3', kind: 'scope', term: '全角ABC' },
  { basisId: 'neg-4', kind: 'negative', term: '落实' },
  ...Array.from({ length: 300 }, (_, i) => ({ basisId: `gen-${i}`, kind: 'negative' as const, term: `${CJK[i % CJK.length]}${CJK[(i * 7) % CJK.length]}` })),
];

function bothPaths(segments: Array<{ location: string; text: string; cell?: string }>, extra: { blockChars?: number; terms?: ListTerm[] } = {}) {
  const opts = { rules, terms: extra.terms ?? terms, blockChars: extra.blockChars, today: new Date('2026-11-26T00:00:00Z') };
  const fast = createScanner(opts).scan(segments);
  const js = createScanner({ ...opts, native: false }).scan(segments);
  return { fast: fast.findings, js: js.findings };
}

describe('the native pass', () => {
  it('is built and loaded (npm install builds it; without it the scanner is slower, not different)', () => {
    expect(nativeScanFrom(), 'electron/scanner/native/build/Release/mishen_scan.node is missing: run npm install').not.toBeNull();
  });

  it('finds exactly what the JavaScript path finds, in the same order, over generated texts', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const r = random(seed);
      const t = text(r, 20 + Math.floor(r() * 80), seed % 3 === 0);
      // Two texts in three have nothing that sends a block to the JavaScript path.
      if (seed % 3 !== 0) expect(hasSpacedCjk(t) || /[\u00ad\u200b-\u200f\u2060-\u2064\ufeff\u2e80-\u2fdf]/.test(t), `seed ${seed}`).toBe(false);
      const { fast, js } = bothPaths([{ location: '正文', text: t }], { blockChars: seed % 2 ? 256 : undefined });
      expect(fast, `seed ${seed}`).toEqual(js);
      expect(js.length, `seed ${seed}`).toBeGreaterThan(0);
    }
  });

  it('finds the same across cells, where nothing joins, and with a pattern in the list', () => {
    const withPattern: ListTerm[] = [...terms, { basisId: 're-1', kind: 'negative', pattern: '第[0-9]+号文' }];
    for (let seed = 100; seed < 130; seed++) {
      const r = random(seed);
      const segments = Array.from({ length: 8 }, (_, i) => ({ location: `表1：单元格${i}`, text: text(r, 1 + Math.floor(r() * 3), false) + (i % 3 ? '第12号文' : ''), cell: i % 2 ? `c${i}` : undefined }));
      const { fast, js } = bothPaths(segments, { terms: withPattern });
      expect(fast, `seed ${seed}`).toEqual(js);
    }
  });

  it('finds every term across the places where the automaton’s parts meet, in a long block', () => {
    // Terms of two to eight characters, dense enough that some end right after a part starts.
    const long: ListTerm[] = Array.from({ length: 400 }, (_, i) => {
      const len = 2 + (i % 7);
      let w = '';
      for (let k = 0; k < len; k++) w += CJK[(i * 7 + k * 13) % CJK.length];
      return { basisId: `long-${i}`, kind: 'negative' as const, term: w };
    });
    for (let seed = 200; seed < 210; seed++) {
      const r = random(seed);
      let t = '';
      while (t.length < 20_000) {
        if (r() < 0.3) t += long[Math.floor(r() * long.length)]!.term;
        else t += CJK[Math.floor(r() * CJK.length)];
        if (r() < 0.02) t += '\n';
      }
      const { fast, js } = bothPaths([{ location: '正文', text: t }], { terms: long });
      expect(fast.length, `seed ${seed}`).toBeGreaterThan(1000);
      expect(fast, `seed ${seed}`).toEqual(js);
    }
  });

  it('keeps a number broken across an empty line whole, as the JavaScript path does', () => {
    const id = residentId('110101', '19751010', '321');
    const t = `无关的一行\n身份证号${id.slice(0, 12)}\n\n${id.slice(12)}\n另一行没有数字\n`;
    const { fast, js } = bothPaths([{ location: '正文', text: t }]);
    expect(fast).toEqual(js);
    expect(fast.filter((f) => f.kind === 'ID_CARD').map((f) => f.text.replace(/\s/g, ''))).toEqual([id]);
  });

  it('declines blocks whose folding would move offsets, and hands each group only its lines', () => {
    const m = new TermMatcher(['清单甲']);
    const pass = nativePass(m.tables(), [
      { word: '绝密', group: GROUP.MARK },
      { word: '姓名', group: GROUP.NAME },
    ])!;
    expect(pass.scan('零宽\u200b字符')).toBeNull();
    expect(pass.scan('科 长')).toBeNull();
    expect(pass.scan('⾝份')).toBeNull();
    const r = pass.scan('第一行\n电话１２３\n绝\t密\n姓名：王五\n邮箱a@b.cn\n清单甲') as NativeBlock;
    expect(r.digests[GROUP.DIGIT]).toBe('电话123\n');
    expect(r.digests[GROUP.MARK]).toBe('绝\t密\n');
    expect(r.digests[GROUP.NAME]).toBe('姓名:王五\n');
    expect(r.digests[GROUP.AT]).toBe('邮箱a@b.cn\n');
    expect([...r.windows[GROUP.DIGIT]!]).toEqual([4, 0, 6]);
    expect([...r.hits]).toEqual([0, 29, 32]);
    // Two runs of lines apart: joined by U+001F and a line break, each mapped back.
    const two = pass.scan('1\n无\n无\n2') as NativeBlock;
    expect(two.digests[GROUP.DIGIT]).toBe(`1\n${CELL_BOUNDARY}\n2`);
    expect([...two.windows[GROUP.DIGIT]!]).toEqual([0, 0, 2, 6, 4, 1]);
  });

  it('reads a pool thread’s shared copy the same as the string, and copies texts into it exactly', () => {
    const r = random(7);
    const t = text(r, 200, false);
    const scanner = createScanner({ rules, terms });
    const shared = toShared(t);
    expect(Buffer.from(shared).toString('utf16le')).toBe(t);
    const units = new Uint16Array(3);
    expect(writeUnits('甲乙丙', units)).toBe(true);
    expect(String.fromCharCode(...units)).toBe('甲乙丙');
    const cuts = createScanner({ rules, terms, blockChars: 300 }).blockCuts(t);
    const small = createScanner({ rules, terms, blockChars: 300 });
    for (let i = 0; i + 1 < cuts.length; i++) {
      const [a, b] = [cuts[i]!, cuts[i + 1]!];
      expect(small.scanShared(shared, null, a, b)).toEqual(small.scanBlock(t.slice(a, b), t.slice(a, b), a));
    }
    expect(scanner.scanShared(shared, null, 0, t.length)).toEqual(scanner.scanBlock(t, t, 0));
  });
});
