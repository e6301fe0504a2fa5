import { describe, expect, it } from 'vitest';
import { createScanner } from '../../../electron/scanner/scanner';
import { CELL_BOUNDARY, DEFAULT_NUMBER_CONTEXT, digitRunEnd, findNumbers, lastClause, numberContext } from '../../../electron/scanner/numbers';
import { seededRandom } from '../../helpers/synthetic';
import { defaultRules, rulesSchema } from '../../../electron/scanner/rules';
import defaults from '../../../resources/rules/default.json';
import { luhnCard, residentId } from '../../helpers/synthetic';

// A number right after 运单号, 订单号, 发票号码… is a business number: not reported as an ID
// or a bank card unless its clause also names one. The words are data, not code.

const rules = defaultRules();
const ID = residentId('330106', '19880512', '234');
const CARD = luhnCard('622202', 19);
const kinds = (text: string) => createScanner({ rules }).scan([{ location: '正文', text }]).findings.map((f) => f.kind);

describe('business-number context', () => {
  it.each([
    ['运单号', CARD],
    ['快递单号：', CARD],
    ['订单号：', ID],
    ['交易流水号 ', CARD],
    ['发票号码：', CARD],
    ['统一社会信用代码：', ID],
  ])('%s keeps a number from being personal', (label, num) => {
    expect(kinds(`${label}${num}`)).not.toContain(num === ID ? 'ID_CARD' : 'BANK_CARD');
  });

  // Each word the issue names, with each kind of number it must not become.
  it.each(['运单号', '订单号', '快递单号', '流水号', '发票号码', '统一社会信用代码'].flatMap((w) => [[w, 'ID_CARD', ID], [w, 'BANK_CARD', CARD]]))(
    '%s：a number is not reported as %s',
    (word, kind, num) => {
      expect(kinds(`${word}：${num}`)).not.toContain(kind);
      // The same number without the word is reported: the word, not the number, made the difference.
      expect(kinds(`号码：${num}`)).toContain(kind);
    },
  );

  it('still reports the same numbers with a personal label, or none', () => {
    expect(kinds(`银行卡号：${CARD}`)).toContain('BANK_CARD');
    expect(kinds(`身份证号：${ID}`)).toContain('ID_CARD');
    expect(kinds(`${ID}`)).toContain('ID_CARD');
    expect(kinds(`收款人${CARD}`)).toContain('BANK_CARD');
  });

  it('a positive label in the same clause wins', () => {
    expect(kinds(`运单号及收件人身份证号：${ID}`)).toContain('ID_CARD');
    expect(kinds(`订单号对应的银行卡号 ${CARD}`)).toContain('BANK_CARD');
  });

  it('a business label in an earlier clause or cell does not reach the number', () => {
    expect(kinds(`订单号：A12，身份证号：${ID}`)).toContain('ID_CARD');
    expect(kinds(`运单号：SF1，${CARD}`)).toContain('BANK_CARD');
    const table = createScanner({ rules }).scan([
      { location: 'S!A1', text: '订单号', cell: 'S!A1' },
      { location: 'S!B1', text: ID, cell: 'S!B1' },
    ]);
    expect(table.findings.map((f) => f.kind)).toContain('ID_CARD');
  });

  it('takes its words from data: the default file, and a rule pack may replace them', () => {
    expect(DEFAULT_NUMBER_CONTEXT.lower).toEqual(expect.arrayContaining(['运单号', '订单号', '快递单号', '流水号', '发票号码', '统一社会信用代码']));
    expect(rules.numberContext).toEqual(DEFAULT_NUMBER_CONTEXT);
    const custom = rulesSchema.parse({ ...defaults, numberContext: { lower: ['提货码'], positive: [] } });
    const nr = { regions: new Set(custom.regionCodes), today: new Date(), numberContext: numberContext(custom.numberContext) };
    expect(findNumbers(`提货码${CARD}`, nr)).toEqual([]);
    expect(findNumbers(`运单号${CARD}`, nr).map(([k]) => k)).toEqual(['BANK_CARD']);
  });

  it('never hides a mobile number', () => {
    expect(kinds('订单号 13912345678')).toContain('MOBILE');
  });
});

describe('the clause right before a number', () => {
  // The expressions lastClause stands for: trailing white space dropped, the last clause kept.
  const byRegExp = (before: string) => before.replace(/\s+$/, '').split(new RegExp(`[，,；;。\\n\\t、${CELL_BOUNDARY}]`)).at(-1)!;

  it('is what the regular expressions give, for any text', () => {
    for (let c = 0; c < 65536; c++) {
      const ch = String.fromCharCode(c);
      expect(lastClause(`运单号${ch}`), `U+${c.toString(16)}`).toBe(byRegExp(`运单号${ch}`));
      expect(lastClause(`${ch}订单`), `U+${c.toString(16)}`).toBe(byRegExp(`${ch}订单`));
    }
    const r = seededRandom(3);
    const units = ['订', '单', '号', '，', ',', '；', ';', '。', '\n', '\t', '、', CELL_BOUNDARY, ' ', '\u3000', '\u00a0', '\r', '\u2028', '\ufeff', '1', 'a', '\ud83d'];
    for (let k = 0; k < 5000; k++) {
      const t = Array.from({ length: Math.floor(r() * 30) }, () => units[Math.floor(r() * units.length)]).join('');
      expect(lastClause(t), JSON.stringify(t)).toBe(byRegExp(t));
    }
    expect(lastClause('收件人身份证号：，运单号：\n  ')).toBe('运单号：');
  });
});

describe('runs of digits', () => {
  const DIGIT_RUN = /\d(?:\d|[ \u00a0\r\n-]{1,2}(?=\d))*[Xx]?(?!\d)/g;
  const byRegExp = (t: string) => [...t.matchAll(DIGIT_RUN)].map((m) => [m.index, m.index + m[0].length]);
  // As findNumbers walks them: from each digit not inside a run, to where its run ends.
  const digitRuns = (t: string) => {
    const runs: number[][] = [];
    let i = 0;
    while (i < t.length) {
      if (!/\d/.test(t[i]!)) {
        i++;
        continue;
      }
      const end = digitRunEnd(t, i);
      runs.push([i, end]);
      i = end;
    }
    return runs;
  };

  it('are what the regular expression finds, for any text', () => {
    const r = seededRandom(7);
    const units = ['1', '2', '0', '9', ' ', '\u00a0', '\r', '\n', '-', 'X', 'x', '\t', 'a', '汉', CELL_BOUNDARY, '１', '\u3000'];
    for (let k = 0; k < 20_000; k++) {
      const t = Array.from({ length: Math.floor(r() * 24) }, () => units[Math.floor(r() * units.length)]).join('');
      expect([...digitRuns(t)], JSON.stringify(t)).toEqual(byRegExp(t));
    }
    for (const t of ['', '1', 'X1', '1X', '1X2', '1x-2', '1 - 2', '1  2', '1   2', '1\r\n2', '12-\n', '1-X', '110101199003071234X5', '11010119900307123X'])
      expect([...digitRuns(t)], JSON.stringify(t)).toEqual(byRegExp(t));
  });
});
