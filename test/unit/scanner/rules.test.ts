import { describe, expect, it } from 'vitest';
import defaults from '../../../resources/rules/default.json';
import { defaultRules, rulesSchema } from '../../../electron/scanner/rules';

// A rule pack's words and character sets become parts of the detectors' patterns: the
// schema keeps out what would let a pattern reach past its line or break the pattern.

describe('the rule pack schema', () => {
  it('accepts the shipped rules', () => {
    expect(defaultRules().classification.marks).toContain('绝密');
  });

  it('refuses words with a line break or a cell boundary, in Chinese', () => {
    for (const bad of ['机\n密', '机\r密', '机\u001f密']) {
      const r = rulesSchema.safeParse({ ...defaults, classification: { ...defaults.classification, marks: [...defaults.classification.marks, bad] } });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.message).toBe('规则中的词语不能包含换行符或单元格分隔符');
    }
    const name = rulesSchema.safeParse({ ...defaults, context: { ...defaults.context, PERSON_NAME: ['姓\n名'] } });
    expect(name.success).toBe(false);
  });

  it('takes only Chinese characters for plate provinces and surnames (they are written into a character class)', () => {
    for (const plateProvinces of ['京津\n', '京\\s', '京]', '']) {
      const r = rulesSchema.safeParse({ ...defaults, plateProvinces });
      expect(r.success, JSON.stringify(plateProvinces)).toBe(false);
      expect(r.error?.issues[0]?.message).toBe('车牌省份简称只能由汉字组成');
    }
    const r = rulesSchema.safeParse({ ...defaults, surnames: '王李^' });
    expect(r.error?.issues[0]?.message).toBe('姓氏只能由汉字组成');
  });
});
