import { describe, expect, it } from 'vitest';
import { defaultMasks, maskValue, templatesFor } from '../../../electron/redaction/masks';
import { luhnCard, MOBILE, residentId } from '../../helpers/synthetic';

describe('masks as data', () => {
  const ID = residentId('330106', '19880512', '234');

  it('full removal in text formats', () => {
    expect(maskValue(ID, undefined)).toEqual({ text: '〔已删除〕', template: 'full' });
    expect(maskValue(ID, 'full').text).toBe('〔已删除〕');
    expect(maskValue(ID, 'no-such-template').template).toBe('full');
  });

  it('mobile 138****1234', () => {
    expect(maskValue(MOBILE, 'mobile-middle').text).toBe('139****5678');
  });

  it('ID number keeps the region code and the last digit', () => {
    const m = maskValue(ID, 'id-region-last').text;
    expect(m).toBe(`330106${'*'.repeat(11)}${ID.at(-1)}`);
  });

  it('bank card keeps the last four; separators stay', () => {
    const card = luhnCard();
    expect(maskValue(card, 'bank-last4').text).toBe('*'.repeat(card.length - 4) + card.slice(-4));
    expect(maskValue('6222 0212 3456 7890', 'bank-last4').text).toBe('**** **** **** 7890');
  });

  it('names keep the surname: 张*', () => {
    expect(maskValue('张小明', 'name-surname').text).toBe('张*');
    expect(maskValue('李四', 'name-surname').text).toBe('李*');
  });

  it('e-mail keeps the first character and the domain', () => {
    expect(maskValue('zhangsan@example.cn', 'email-first').text).toBe('z*@example.cn');
  });

  it('a partial mask that would hide too little becomes full removal', () => {
    expect(maskValue('1234', 'bank-last4').template).toBe('full');
    expect(maskValue('张', 'name-surname').template).toBe('full');
  });

  it('offers templates per kind, full removal first', () => {
    expect(templatesFor('ID_CARD').map((t) => t.id)).toEqual(['full', 'id-region-last', 'id-region']);
    expect(templatesFor('PROCESS_INFO').map((t) => t.id)).toEqual(['full']);
    expect(defaultMasks().removed).toBe('〔已删除〕');
  });
});
