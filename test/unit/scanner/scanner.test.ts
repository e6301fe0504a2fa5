import { describe, expect, it } from 'vitest';
import { createScanner, luhn, validResidentId } from '../../../electron/scanner/scanner';
import { defaultRules } from '../../../electron/scanner/rules';
import { badCheckId, luhnCard, MOBILE, residentId } from '../../helpers/synthetic';

const scanner = createScanner({ rules: defaultRules(), terms: [{ basisId: 'neg-1', kind: 'negative', term: '拆迁补偿明细' }, { basisId: 'neg-2', kind: 'negative', pattern: '绝密工程\\d+号' }] });
const scan = (text: string) => scanner.scan([{ location: '测试', text }]).findings;
const kinds = (text: string) => scan(text).map((f) => f.kind);

describe('check digits', () => {
  it('validates GB 11643 resident ID numbers', () => {
    const regions = new Set(defaultRules().regionCodes);
    expect(validResidentId(residentId(), regions)).toBe(true);
    expect(validResidentId(residentId('440305', '20010229', '001'), regions)).toBe(false); // no 29 Feb 2001
    expect(validResidentId(badCheckId(), regions)).toBe(false);
    expect(validResidentId(residentId('990101'), regions)).toBe(false); // no such region
    expect(validResidentId(residentId('110101', '20990101'), regions)).toBe(false); // born in the future
    // A check digit X, written either way; anything else in its place, or a letter inside, is no ID.
    const withX = Array.from({ length: 999 }, (_, i) => residentId('110101', '19900307', String(i).padStart(3, '0'))).find((id) => id.endsWith('X'))!;
    expect(validResidentId(withX, regions)).toBe(true);
    expect(validResidentId(withX.slice(0, 17) + 'x', regions)).toBe(true);
    expect(validResidentId(withX.slice(0, 17) + 'Y', regions)).toBe(false);
    expect(validResidentId(withX.slice(0, 17) + '0', regions)).toBe(false);
    const valid = residentId();
    expect(validResidentId(valid.slice(0, 8) + 'A' + valid.slice(9), regions)).toBe(false);
    expect(validResidentId(valid.slice(0, 17), regions)).toBe(false);
    expect(validResidentId(valid + '1', regions)).toBe(false);
    expect(validResidentId(residentId('110101', '18991231'), regions)).toBe(false); // before 1900
  });
  it('validates bank card numbers with Luhn', () => {
    expect(luhn(luhnCard())).toBe(true);
    expect(luhn(luhnCard().slice(0, -1) + ((Number(luhnCard().at(-1)) + 1) % 10))).toBe(false);
  });
});

describe('scanner', () => {
  it('finds personal data with its kind, offsets, location and ground', () => {
    const id = residentId();
    const text = `申请人：张三，身份证号：${id}，手机：${MOBILE}，银行卡号：${luhnCard()}，邮箱 zhangsan@example.cn`;
    const f = scan(text);
    const byKind = Object.fromEntries(f.map((x) => [x.kind, x]));
    expect(byKind.ID_CARD).toMatchObject({ text: id, start: text.indexOf(id), end: text.indexOf(id) + 18, location: '测试', ground: 'PERSONAL_PRIVACY' });
    expect(byKind.ID_CARD!.confidence).toBeGreaterThan(0.9); // context word 身份证 nearby
    expect(byKind.MOBILE!.text).toBe(MOBILE);
    expect(byKind.BANK_CARD!.text).toBe(luhnCard());
    expect(byKind.EMAIL!.text).toBe('zhangsan@example.cn');
    expect(f.some((x) => x.kind === 'PERSON_NAME' && x.text === '张三')).toBe(true);
  });

  it('finds IDs written in full-width digits, with zero-width characters, or broken across lines', () => {
    const id = residentId('320102', '19851111', '456');
    const full = [...id].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    const zw = id.slice(0, 6) + '\u200b' + id.slice(6, 14) + '\u200d' + id.slice(14);
    const broken = `${id.slice(0, 10)}\n${id.slice(10)}`;
    const spaced = `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
    for (const [label, form] of [['full-width', full], ['zero-width', zw], ['line break', broken], ['spaces', spaced]] as const) {
      const text = `身份证号码：${form}。`;
      const hits = scan(text).filter((f) => f.kind === 'ID_CARD');
      expect(hits, label).toHaveLength(1);
      expect(hits[0]!.text, label).toBe(form); // as it appears in the file
      expect(text.slice(hits[0]!.start, hits[0]!.end), label).toBe(form);
    }
  });

  it('splits separate numbers that only share a space', () => {
    const f = scan(`联系电话 ${MOBILE} 13812345678`);
    expect(f.filter((x) => x.kind === 'MOBILE').map((x) => x.text)).toEqual([MOBILE, '13812345678']);
  });

  it('does not fire on the known negatives', () => {
    expect(kinds('本系统应确保数据的机密性和完整性。')).toEqual([]);
    expect(kinds('双方签订保密协议。')).toEqual([]);
    expect(kinds('《秘密花园》读书会')).toEqual([]);
    expect(kinds('涉及商业秘密的，不予公开。')).toEqual([]);
    expect(kinds(`身份证号 ${badCheckId()}`)).toEqual([]);
    expect(kinds('案号 201811010500012345')).toEqual([]); // 18 digits, not an ID
    const card = luhnCard();
    const notLuhn = card.slice(0, -1) + ((Number(card.at(-1)) + 1) % 10);
    expect(kinds(`卡号 ${notLuhn}`)).toEqual([]);
    expect(kinds(`编号${residentId()}1`)).toEqual([]); // 19 digits: digit boundary
  });

  it('finds classification marks, process information, special domains and the negative list', () => {
    expect(kinds('机密★10年')).toEqual(['CLASSIFICATION_MARK']);
    expect(kinds('秘密')).toEqual(['CLASSIFICATION_MARK']);
    expect(kinds('密级：绝密')).toEqual(['CLASSIFICATION_MARK']);
    expect(kinds('内部资料 注意保密')).toEqual(['CLASSIFICATION_MARK', 'CLASSIFICATION_MARK']);
    expect(scan('内部资料')[0]!.ground).toBe('INTERNAL_AFFAIRS');
    expect(kinds('关于某事项的通知（征求意见稿）')).toEqual(['PROCESS_INFO']);
    expect(kinds('本季度统计信息如下')).toEqual(['SPECIAL_DOMAIN']);
    const neg = scan('附件：拆迁补偿明细；绝密工程12号');
    expect(neg.map((f) => [f.kind, f.basisId])).toEqual([
      ['NEGATIVE_LIST', 'neg-1'],
      ['NEGATIVE_LIST', 'neg-2'],
    ]);
  });

  it('finds plates, passports, fixed-line numbers and addresses', () => {
    expect(scan('车牌号 京A12345').find((f) => f.kind === 'PLATE')?.text).toBe('京A12345');
    expect(scan('护照号码 E12345678').find((f) => f.kind === 'PASSPORT')?.text).toBe('E12345678');
    expect(scan('联系电话：010-66668888').find((f) => f.kind === 'PHONE')?.text).toBe('010-66668888');
    expect(scan('家庭住址：北京市东城区景山街道银闸胡同社区12号院3号楼201室').some((f) => f.kind === 'ADDRESS')).toBe(true);
  });

  it('does not take ordinary words or far-away words for names', () => {
    expect(scan(`申请人：王小明，金额 3000 元\n身份证号码 ${residentId()}`).filter((f) => f.kind === 'PERSON_NAME').map((f) => f.text)).toEqual(['王小明']);
    expect(scan(`方案，${MOBILE}`).filter((f) => f.kind === 'PERSON_NAME')).toEqual([]);
  });

  it('maps findings to the segment they came from', () => {
    const r = scanner.scan([
      { location: 'Sheet1!A2', text: '王小明' },
      { location: 'Sheet1!B2', text: residentId() },
    ]);
    expect(r.findings.find((f) => f.kind === 'ID_CARD')!.location).toBe('Sheet1!B2');
    expect(r.findings.find((f) => f.kind === 'PERSON_NAME')).toMatchObject({ text: '王小明', location: 'Sheet1!A2' });
  });
});
