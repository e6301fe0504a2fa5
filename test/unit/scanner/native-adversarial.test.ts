import { describe, expect, it } from 'vitest';
import { TermMatcher } from '../../../electron/scanner/aho';
import { fold } from '../../../electron/scanner/fold';
import { GROUP, nativePass, nativeScanFrom, writeUnits } from '../../../electron/scanner/native';
import { CELL_BOUNDARY } from '../../../electron/scanner/numbers';
import { fromShared } from '../../../electron/scanner/pool-protocol';
import { toShared } from '../../helpers/shared';
import { defaultRules, type ListTerm, type Rules } from '../../../electron/scanner/rules';
import { createScanner, prepareSegments } from '../../../electron/scanner/scanner';
import { luhnCard, residentId, seededRandom as random } from '../../helpers/synthetic';

// Adversarial inputs for the native pass (electron/scanner/native/scan.c): every text is
// scanned by the native path and by JavaScript alone, and the findings must be the same
// objects in the same order. The inputs sit where the digest (whole lines, joined by
// U+001F and a line break, merged when fewer than 3 units apart) could differ from the
// block: run starts, blank lines, cell boundaries, stream boundaries, odd rule packs.

type Segment = { location: string; text: string; cell?: string };
const TODAY = new Date('2026-11-26T00:00:00Z');
const base = defaultRules();

/** A rule pack like the default, with classification and context changed. */
function pack(c: Partial<Rules['classification']> = {}, context: Rules['context'] = {}): Rules {
  return { ...base, classification: { ...base.classification, ...c }, context: { ...base.context, ...context } };
}

// Context words for kinds the default leaves without: the text before a mark, a term or a
// pattern hit then changes the confidence, so a wrong `before` shows up in the findings.
const contextual = pack({}, {
  CLASSIFICATION_MARK: ['文件', '一行', 'x'],
  NEGATIVE_LIST: ['清单', '\t', 'Z'],
  SPECIAL_DOMAIN: ['关于', '1'],
  PROCESS_INFO: ['本稿', ' '],
  PERSON_NAME: [...base.context.PERSON_NAME!, 'Name'],
});

function both(segments: Segment[], opts: { rules?: Rules; terms?: ListTerm[]; blockChars?: number } = {}) {
  const o = { rules: opts.rules ?? base, terms: opts.terms ?? [], blockChars: opts.blockChars, today: TODAY };
  return { fast: createScanner(o).scan(segments).findings, js: createScanner({ ...o, native: false }).scan(segments).findings };
}

function same(segments: Segment[], opts: Parameters<typeof both>[1] = {}, label = '') {
  const { fast, js } = both(segments, opts);
  expect(fast, `${label} ${JSON.stringify(segments.map((s) => s.text)).slice(0, 300)}`).toEqual(js);
  return js;
}

const one = (text: string): Segment[] => [{ location: '正文', text }];
const id1 = residentId('110101', '19900307', '123');
const id2 = residentId('320102', '19851231', '456');
const card = luhnCard('622202', 19);

const terms: ListTerm[] = [
  { basisId: 't-1', kind: 'negative', term: '甲' },
  { basisId: 't-2', kind: 'negative', term: '甲' },
  { basisId: 't-2', kind: 'negative', term: '甲' },
  { basisId: 't-3', kind: 'scope', term: 'ＡＢ Ｃ' },
  { basisId: 't-4', kind: 'determined', term: 'A B' },
  { basisId: 't-5', kind: 'negative', term: '科 长' },
  { basisId: 't-6', kind: 'negative', term: '甲乙丙丁' },
  { basisId: 't-7', kind: 'negative', term: '\u200b' },
  { basisId: 't-8', kind: 'negative', term: `乙${CELL_BOUNDARY}丙` },
  { basisId: 't-9', kind: 'negative', term: '𠀀' },
  { basisId: 't-10', kind: 'law', term: '1' },
  { basisId: 'p-1', kind: 'negative', pattern: '第[0-9]+号' },
  { basisId: 'p-2', kind: 'negative', pattern: '(?s)丙.丁' },
  { basisId: 'p-3', kind: 'negative', pattern: '^甲' },
];

describe('the native pass against hostile text', () => {
  it('is loaded (otherwise every comparison below is JavaScript against itself)', () => {
    expect(nativeScanFrom()).not.toBeNull();
  });

  // markPatterns lets a mark's every gap hold up to two spaces or tabs, and a space
  // inside the mark is one more literal: "TOP SECRET" matches "TOP" + 4 spaces + "SECRET"
  // (2 gaps, the space, 1 gap). The trigger words go to scan.c without their spaces and
  // it allows any run of spaces or tabs between their characters (once, it allowed two
  // and missed this line).
  it('finds a mark that holds a space or a tab, letter-spaced (rule pack mark "TOP SECRET")', () => {
    const cases: Array<[string, string]> = [
      ['TOP SECRET', '标题\nTOP    SECRET\n正文'],
      ['TOP SECRET', 'TOP \t \tSECRET★1年'],
      ['机 密', '机  \t\t密\n'],
      ['X\tY', 'X\t\t \tY\n'],
    ];
    for (const [mark, text] of cases) {
      const { fast, js } = both(one(text), { rules: pack({ marks: [...base.classification.marks, mark] }) });
      expect.soft(js.map((f) => f.kind), `JavaScript finds ${JSON.stringify(text)}`).toContain('CLASSIFICATION_MARK');
      expect.soft(fast, `mark ${JSON.stringify(mark)} in ${JSON.stringify(text)}`).toEqual(js);
    }
  });

  // A rule word (or the plate provinces' character class) that holds a line break makes a
  // match span two lines, where scan.c hands a group only the lines its trigger starts on
  // (a plate: the lines with digits). The schema refuses such packs; one built in code
  // makes the scanner use JavaScript alone (this test once found the native path missed them).
  it('finds matches that a rule pack lets span a line break', () => {
    const cases: Array<[Rules, string]> = [
      [pack({ marks: ['机\n密'], labels: ['等级'] }), '首行\n机\n密★5年\n尾行'],
      [pack({}, { PERSON_NAME: ['姓\n名'] }), '表头\n姓\n名：王小明\n'],
      [{ ...base, plateProvinces: base.plateProvinces + '\n' }, '无关文字\nA12345\n'],
      [{ ...base, plateProvinces: base.plateProvinces + '\n' }, '1\n无\n无\nA12345'],
    ];
    for (const [rules, text] of cases) {
      const { fast, js } = both(one(text), { rules });
      expect.soft(js.length, `JavaScript finds something in ${JSON.stringify(text)}`).toBeGreaterThan(0);
      expect.soft(fast, JSON.stringify(text)).toEqual(js);
    }
  });

  it('keeps numbers joined (or not) across blank lines at window gaps of 2 and 3 units', () => {
    const cases = [
      `身份证号${id1.slice(0, 12)}\n\n${id1.slice(12)}`, // gap 1: joined
      `${id1.slice(0, 12)}\n\n\n${id1.slice(12)}`, // gap 2: merged, not joined
      `${id1.slice(0, 12)}\nx\n${id1.slice(12)}`,
      `${id1.slice(0, 12)}\r\n\r\n${id1.slice(12)}`,
      `${id1.slice(0, 12)}\n\n\n\n${id1.slice(12)}`, // gap 3: two windows
      `${id1.slice(0, 12)}\nab\n${id1.slice(12)}`,
      `${id1.slice(0, 12)}-\n${id1.slice(12)}`,
      `${id1.slice(0, 12)} \n${id1.slice(12)}`,
      `${id1.slice(0, 12)}\n ${id1.slice(12)}`,
      `${id1.slice(0, 12)}\u00a0\n${id1.slice(12)}`,
      `${id1.slice(0, 12)}${CELL_BOUNDARY}\n${id1.slice(12)}`,
      `订单号：\n\n${card}`,
      `订单号：\n\n\n${card}\n${id2}`,
      `收件人身份证号及运单号\n\n\n\n${id2}`,
      `电话\n\n\n\n0755-12345678\n电话\n0755 12345678`,
    ];
    for (const [k, c] of cases.entries()) for (const lead of ['', '前面一行文字\n', '一'.repeat(30) + '\n']) same(one(lead + c), {}, `case ${k}`);
  });

  it('reads the 24 characters before a finding across the start of its run of lines', () => {
    const rules = contextual;
    // Context words sit 1 to 30 characters before the finding, on earlier lines that hold
    // nothing for the group, so `before` must read them from the block, not the digest.
    for (let gap = 0; gap < 30; gap++) {
      const pad = '无'.repeat(gap);
      const texts = [
        `联系电话${pad}\n\n\n\n13912345678`,
        `身份证${pad}\n\n\n王小明${id1}`,
        `文件${pad}\n\n\n绝密★1年`,
        `清单${pad}\n\n\n\n甲`,
        `关于\n${pad}\n\n\n重大传染病疫情`,
        `Name\n${pad}\n\n\n姓名：李四`,
        `张三\n${pad}\n${id2}`,
        `${pad}张${pad.slice(0, 3)}\n${id2}`,
        `姓名${CELL_BOUNDARY}${pad}\n护照E12345678`,
      ];
      for (const t of texts) same(one(t), { rules, terms }, `gap ${gap}`);
    }
  });

  it('finds the same in generated hostile texts, in blocks of every size', () => {
    const frags = [
      id1, id2, id1.slice(0, 9) + '\n' + id1.slice(9), id1.slice(0, 6) + '\r\n\r\n' + id1.slice(6), id1.replace(/^(\d{6})/, '$1-'),
      card, '１３９１２３４５６７８', '13912345678', '0755-12345678', '运单号', '身份证号', 'zhang@example.cn', 'ｌｉ＠ｅｘａｍｐｌｅ．ｃｏｍ', '@',
      'E12345678', '京A12345', '粤B·D12345', '广东省深圳市南山区科技路12号3单元', '姓名：王小明', '姓名\t李华', `姓名${CELL_BOUNDARY}张三`, '申请人张三',
      '绝密★10年', '机\t密', '秘 \t密', '机\u3000\t密', '秘\t密★长期', '密级：机密', '密\t级\t：\t机密', '保密期限：5年', '保\t密\t期\t限：长期',
      '内部资料', '注意保密', '征求意见稿', '重大传染病疫情', '甲', '甲乙丙丁', 'ＡＢ Ｃ', 'A B', '第12号', '丙\n丁', '𠀀', '\ud83d\ude00',
      CELL_BOUNDARY, `${CELL_BOUNDARY}\n`, '\r\n', '\n', '\n\n', '\n\n\n', '\t', ' ', '  ', '\u00a0', '\u3000', '-', '，', '1', '12', 'X', '２０２３年', 'Name',
    ];
    const CJK = '关于进一步做好政府信息公开工作的通知王李张刘陈杨';
    for (let seed = 1; seed <= 80; seed++) {
      const r = random(seed);
      let t = '';
      const len = 40 + Math.floor(r() * 400);
      while (t.length < len) t += r() < 0.6 ? frags[Math.floor(r() * frags.length)]! : CJK[Math.floor(r() * CJK.length)]!;
      // Spaces between two ideographs send the block to JavaScript: keep most texts native.
      if (seed % 4) t = t.replace(/([\u3400-\u9fff])[ \u00a0\u3000]+(?=[\u3400-\u9fff])/g, '$1\t');
      const blockChars = [undefined, 7, 16, 37, 64, 256][seed % 6];
      same(one(t), { rules: seed % 2 ? contextual : base, terms, blockChars }, `seed ${seed}`);
      // The same text cut into cells, and into segments of one cell.
      const cut = t.split('\n');
      same(cut.map((text, i) => ({ location: `表1：${i}`, text, cell: i % 3 ? `c${i}` : undefined })), { terms, blockChars }, `cells ${seed}`);
    }
  });

  it('finds the same under unusual rule packs', () => {
    const packs: Rules[] = [
      pack({ labels: [] }),
      pack({ marks: ['密'], labels: ['级'] }),
      pack({ marks: ['Ａ级', '机密'], labels: ['密级：'] }),
      pack({ marks: ['机密', '机密', '绝密'], stars: ['*', '\t'], urgency: [], terms: [] }),
      pack({ marks: ['SECRET'], labels: ['Level'] }),
      pack({ marks: ['1'], labels: ['@'] }),
      pack({}, { PERSON_NAME: ['Name', '姓名：', '联系 人'] }),
      pack({}, { PERSON_NAME: ['名'] }),
    ];
    const texts = [
      '密级：机密★1年\n1\n机密\n\tSECRET\t\nLevel SECRET\nS E C R E T  \n级 密\nＡ级\n密级：：绝密',
      `Name: 张三 ${id1}\n名王五\n姓名：：李四\n联系 人刘六\n@ 1\n123 机密\n机密*1年\n机密\t\t1 年`,
      `${CELL_BOUNDARY}机密${CELL_BOUNDARY}\n  机密  \n\t密\t\n12345 机密 特急\n密\n\n\n${id2}`,
    ];
    for (const [k, rules] of packs.entries()) for (const t of texts) for (const blockChars of [undefined, 11]) same(one(t), { rules, terms, blockChars }, `pack ${k}`);
  });

  it('reports every term where the automaton’s parts meet, at sizes around the part boundaries', () => {
    // One term of 5 units: a block is cut into 8 parts once a part has 5 * 64 units.
    const list: ListTerm[] = [
      { basisId: 'a', kind: 'negative', term: '甲乙丙丁戊' },
      { basisId: 'b', kind: 'negative', term: '乙' },
      { basisId: 'c', kind: 'negative', term: '丁戊甲' },
    ];
    for (const n of [2559, 2560, 2561, 2567, 2568, 2569, 4000, 4096]) {
      let t = '';
      for (let i = 0; t.length < n; i++) t += '甲乙丙丁戊'[i % 5];
      same(one(t.slice(0, n)), { terms: list }, `n ${n}`);
      // Shifted by one to five units, so that terms end just before and just at each part start.
      for (let s = 1; s <= 5; s++) same(one('x'.repeat(s) + t.slice(0, n)), { terms: list }, `n ${n} shift ${s}`);
    }
  });

  it('handles empty texts, a lone newline or boundary, and a very large number of hits', () => {
    for (const texts of [[''], ['', ''], ['\n'], [CELL_BOUNDARY], ['\r'], ['1'], ['@'], ['甲'], ['\ud800'], ['\udc00甲'], ['甲\ud83d']])
      same(texts.map((text, i) => ({ location: `段${i}`, text, cell: `c${i}` })), { terms });
    const many = same(one('甲'.repeat(60_000)), { terms: [terms[0]!, terms[1]!, terms[2]!] });
    expect(many).toHaveLength(120_000);
    // Lines longer than a block, and a block with no line break at all.
    const long = ('无'.repeat(50) + id1 + '绝密★1年' + '甲').repeat(40);
    for (const blockChars of [13, 100, 1000]) same(one(long), { terms, blockChars });
  });

  it('gives a pool thread (scanShared) exactly what scanBlock gives, with and without cells', () => {
    const r = random(99);
    const parts = ['姓名：王小明', id1, `身份证号${id2}`, '绝密★1年', '机\t密', 'ａ＠ｂ．ｃｎ', '甲', '甲乙丙丁', '丙\n丁', '\ud800', '\r\n', '\n\n'];
    const segments: Segment[] = Array.from({ length: 60 }, (_, i) => ({
      location: `段${i}`,
      text: Array.from({ length: 1 + Math.floor(r() * 4) }, () => parts[Math.floor(r() * parts.length)]!).join(r() < 0.5 ? '' : '\n'),
      cell: i % 4 === 0 ? undefined : `c${i % 3}`,
    }));
    for (const blockChars of [17, 64, 300]) {
      const scanner = createScanner({ rules: contextual, terms, blockChars, today: TODAY });
      const { text, marked } = prepareSegments(segments, false);
      expect(marked).not.toBe(text);
      const [st, sm] = [toShared(text), toShared(marked)];
      const cuts = scanner.blockCuts(text);
      for (let i = 0; i + 1 < cuts.length; i++) {
        const [a, b] = [cuts[i]!, cuts[i + 1]!];
        const block = scanner.scanBlock(text.slice(a, b), marked.slice(a, b), a);
        expect(scanner.scanShared(st, sm, a, b), `block ${a}-${b}`).toEqual(block);
        const plain = scanner.scanBlock(text.slice(a, b), text.slice(a, b), a);
        expect(scanner.scanShared(st, null, a, b), `plain block ${a}-${b}`).toEqual(plain);
        const js = createScanner({ rules: contextual, terms, blockChars, today: TODAY, native: false });
        expect(block, `js block ${a}-${b}`).toEqual(js.scanBlock(text.slice(a, b), marked.slice(a, b), a));
      }
      expect(scanner.scanShared(st, sm, 5, 5)).toEqual([]);
    }
  });

  it('finds the same in texts of random units drawn from every range the pass treats apart', () => {
    const ranges: Array<[number, number]> = [[0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a], [0xff01, 0xff5e], [0x4e00, 0x4e2f], [0xd800, 0xdfff], [0x20, 0x2f], [0x1f, 0x1f], [0x9, 0xd], [0x3000, 0x3000], [0xa0, 0xa0], [0x2605, 0x2606]];
    const words = '绝密机秘级保期限姓名申请人甲乙丙丁';
    for (let seed = 300; seed < 420; seed++) {
      const r = random(seed);
      let t = '';
      for (let n = 20 + Math.floor(r() * 300); t.length < n; ) {
        if (r() < 0.3) t += words[Math.floor(r() * words.length)]!;
        else {
          const [a, b] = ranges[Math.floor(r() * ranges.length)]!;
          t += String.fromCharCode(a + Math.floor(r() * (b - a + 1)));
        }
      }
      same(one(t), { rules: seed % 2 ? contextual : base, terms, blockChars: seed % 3 ? 29 : undefined }, `units ${seed}`);
    }
  });

  it('hands back hits and lines that lie inside the block, for any units at all', () => {
    const list = ['甲', '甲', '甲乙', '\n', '\u001f', '\ud800', 'Ａ', 'a'.repeat(40), '𠀀'];
    const pass = nativePass(new TermMatcher(list).tables(), [
      { word: '绝密', group: GROUP.MARK },
      { word: ' ', group: GROUP.MARK },
      { word: '\n', group: GROUP.NAME },
      { word: '姓名', group: GROUP.NAME },
    ])!;
    const r = random(5);
    let scanned = 0;
    for (let k = 0; k < 300; k++) {
      // Any unit but those that send the block to JavaScript (zero-width, radicals, spaces
      // between ideographs) or back to the caller (a surrogate, here mostly a lone one).
      const any = () => {
        const u = Math.floor(r() * 65536);
        return (u >= 0x2e80 && u <= 0x2fdf) || (u >= 0x200b && u <= 0x200f) || (u >= 0x2060 && u <= 0x2064) || (u >= 0xd800 && u <= 0xdfff) || [0xad, 0xfeff, 0x20, 0xa0, 0x3000].includes(u) ? 0x5f : u;
      };
      const units = Uint16Array.from({ length: Math.floor(r() * 3000) }, () => (r() < 0.5 ? any() : '甲乙a\n\t绝密姓名'.charCodeAt(Math.floor(r() * 10))));
      const text = String.fromCharCode(...units);
      const [a, b] = [pass.scan(units), pass.scan(text)];
      expect(a === null, `case ${k}`).toBe(b === null);
      if (!a || !b) continue;
      scanned++;
      expect([...a.hits]).toEqual([...b.hits]);
      const folded = fold(text).text;
      for (let h = 0; h < a.hits.length; h += 3) expect(folded.slice(a.hits[h + 1]!, a.hits[h + 2]!)).toBe(fold(list[a.hits[h]!]!).text);
      for (let g = 0; g < 4; g++) {
        expect(a.digests[g]).toBe(b.digests[g]);
        const w = a.windows[g]!;
        for (let i = 0; i < w.length; i += 3) {
          expect(w[i]! + w[i + 2]!).toBeLessThanOrEqual(units.length);
          expect(a.digests[g]!.slice(w[i + 1]!, w[i + 1]! + w[i + 2]!)).toBe(folded.slice(w[i]!, w[i]! + w[i + 2]!));
          expect(a.originals![g]!.slice(w[i + 1]!, w[i + 1]! + w[i + 2]!)).toBe(text.slice(w[i]!, w[i]! + w[i + 2]!));
        }
      }
    }
    expect(scanned).toBeGreaterThan(250);
  });

  it('tells a lone surrogate (false) from a pair, wherever it stands, as isWellFormed does', () => {
    const pass = nativePass(new TermMatcher(['𠀀', '甲']).tables(), [{ word: '绝密', group: GROUP.MARK }])!;
    const cases = ['\ud800', 'a\udc00b', '\ud83d\ude00', '甲\ud83d', '\ude00甲', '\udc00\ud800', '\ud800\ud800\udc00', '𠀀甲𠀀', `${'甲'.repeat(20)}\ud83d\ude00${'乙'.repeat(20)}`, `${'甲'.repeat(20)}\ud83d${'乙'.repeat(20)}`, `1\n${'甲'.repeat(7)}\udfff`];
    for (const t of cases) {
      const wellFormed = (t as string & { isWellFormed(): boolean }).isWellFormed();
      for (const input of [t, Uint16Array.from({ length: t.length }, (_, i) => t.charCodeAt(i))]) {
        const got = pass.scan(input);
        expect(got === false, JSON.stringify(t)).toBe(!wellFormed);
        if (wellFormed) expect(got).not.toBeNull();
      }
    }
    // A lone surrogate after a character that sends the block to JavaScript: null, and the JavaScript path checks.
    expect(pass.scan('\u200b\ud800')).toBeNull();
  });

  it('sees letter-spacing and full-width forms wherever they fall among eight units read at once', () => {
    const pass = nativePass(new TermMatcher(['AB清']).tables(), [{ word: '绝密', group: GROUP.MARK }])!;
    for (let pad = 0; pad < 17; pad++) {
      const before = '政'.repeat(pad);
      // An ideograph, spaces, an ideograph: letter-spaced, for the JavaScript path.
      expect(pass.scan(`${before}科 长${'府'.repeat(9)}`), `pad ${pad}`).toBeNull();
      expect(pass.scan(`${before}${'府'.repeat(8)}科\u3000\u3000长`), `pad ${pad}`).toBeNull();
      // Punctuation ends it: 。 then spaces then an ideograph is not letter-spacing.
      expect(pass.scan(`${before}科。 长${'府'.repeat(9)}`), `pad ${pad}`).not.toBeNull();
      expect(pass.scan(`${before}${'府'.repeat(7)}，  长`), `pad ${pad}`).not.toBeNull();
      // A term in full-width forms among ideographs and punctuation: the automaton runs and finds it.
      const r = pass.scan(`${before}关于，。ＡＢ清${'府'.repeat(9)}`);
      expect(r && [...r.hits], `pad ${pad}`).toEqual([0, pad + 4, pad + 7]);
    }
  });

  it('scans a text whose block cut falls inside a pair as it is, and repairs only what is lone', () => {
    // No line break: the 7-unit blocks are cut wherever they end, here inside pairs.
    const text = `身份证号${id1}${'𠀀'.repeat(30)}清单${'𠀀'.repeat(3)}`;
    for (const t of [text, `${text}\ud800${text}`, `\u200b${text}\udc00`]) {
      const { fast, js } = both(one(t), { blockChars: 7, terms });
      expect(fast).toEqual(js);
      const scanned = createScanner({ rules: base, terms, blockChars: 7, today: TODAY }).scan(one(t));
      expect(scanned.text).toBe((t as string & { toWellFormed(): string }).toWellFormed());
      expect(scanned.findings.some((f) => f.kind === 'NEGATIVE_LIST')).toBe(true);
    }
  });

  it('copies texts into shared memory unit for unit, surrogate pairs and lone halves included', () => {
    for (const t of ['a', '\ud83d\ude00', 'x\ud83d\ude00', '\ud83d', 'ab\udc00', '甲\ud83d\ude00乙', '\u0000a\u0000', '𠀀'.repeat(1000)]) {
      expect(fromShared(toShared(t), 0, t.length)).toBe(t);
      const units = new Uint16Array(t.length);
      expect(writeUnits(t, units)).toBe(true);
      expect([...units]).toEqual([...t].flatMap((c) => [...Array(c.length).keys()].map((k) => c.charCodeAt(k))));
    }
  });
});
