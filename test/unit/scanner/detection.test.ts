import { describe, expect, it } from 'vitest';
import { createScanner, luhn } from '../../../electron/scanner/scanner';
import { defaultRules } from '../../../electron/scanner/rules';
import { luhnCard, MOBILE, residentId } from '../../helpers/synthetic';

// Issue 18, classes 1, 3, 4, 7 and 8 on the scanner alone; cell boundaries, GPS and
// covered PDF text are tested through the extractors in boundaries.test.ts and places.test.ts.

const scanner = createScanner({ rules: defaultRules(), terms: [{ basisId: 'neg-1', kind: 'negative', term: '科长' }] });
const scan = (text: string) => scanner.scan([{ location: '测试', text }]).findings;
const of = (text: string, kind: string) => scan(text).filter((f) => f.kind === kind);

describe('classification marks', () => {
  it('are found with spaces between their characters, as the file writes them', () => {
    for (const text of ['绝 密★', '绝 密 ★ 启用前', '机　密', '秘  密', '机 密★1 0 年', '绝密 ★ 长期']) {
      const hits = of(text, 'CLASSIFICATION_MARK');
      expect(hits, text).toHaveLength(1);
      expect(hits[0]!.start, text).toBe(0);
      expect(hits[0]!.text.trimEnd(), text).toBe(text.trim());
    }
  });

  it('are found with full-width and other stars', () => {
    for (const text of ['机密＊1年', '秘密☆6个月', '绝密✱启用前', '机密﹡长期', '秘密⋆']) expect(of(text, 'CLASSIFICATION_MARK'), text).toHaveLength(1);
  });

  it('are found in the usual header and footer layouts', () => {
    const header = (t: string) => of(t, 'CLASSIFICATION_MARK').map((f) => f.text);
    expect(header('000128　机密★1年　特急')).toEqual(['机密★1年']);
    expect(header('000128  秘密  特急\n关于某某工作的通知')).toEqual(['秘密']);
    expect(header('某某市人民政府办公室文件\t秘密')).toEqual(['秘密']);
    expect(header('秘　密　　　　第 1 页 共 3 页')).toEqual(['秘　密']);
    expect(header('绝密\n此件不得复印')).toEqual(['绝密']);
    expect(header('密级：机密★1年')).toEqual(['密级：机密★1年']); // one mark, not two overlapping ones
  });

  it('are not found in ordinary words that contain them', () => {
    for (const text of ['本系统应确保数据的机密性和完整性。', '双方签订保密协议。', '《秘密花园》读书会', '涉及商业秘密的，不予公开。', '秘密地进行了调查', '这是机密 文件的一部分说明'])
      expect(of(text, 'CLASSIFICATION_MARK'), text).toEqual([]);
  });
});

describe('names and labels', () => {
  it('does not report column headers as names', () => {
    const id = residentId('110101', '19880512', '235');
    const text = `姓名\t身份证号\t手机\t联系电话\n王小明\t${id}\t${MOBILE}\t010-66668888`;
    const names = of(text, 'PERSON_NAME').map((f) => f.text);
    expect(names).toEqual(['王小明']);
  });

  it('does not report labels after 姓名, 联系人 or 申请人 as names', () => {
    for (const text of ['姓名 身份证号', '联系人：联系电话', '姓名：身份证', '申请人　手机', '联系人\t手机号码', '姓名 性别 民族 出生日期'])
      expect(of(text, 'PERSON_NAME'), text).toEqual([]);
  });

  it('takes the next column header for a name only when it could be one', () => {
    expect(of('序号\t姓名\t类别\t岗位', 'PERSON_NAME')).toEqual([]);
    expect(of('姓名 民族 学历', 'PERSON_NAME')).toEqual([]);
    expect(of('姓名\t王小明', 'PERSON_NAME').map((f) => f.text)).toEqual(['王小明']);
    expect(of('姓名：欧阳娜娜', 'PERSON_NAME').map((f) => f.text)).toEqual(['欧阳娜娜']); // after a colon, any surname
  });

  it('links a name to the ID in its table row across a short 序号 or 类别 column, not across other figures', () => {
    const id = residentId('110101', '19880512', '235');
    expect(of(`1\t王小明\t3\t${id}`, 'PERSON_NAME').map((f) => f.text)).toEqual(['王小明']);
    expect(of(`王小明 2023年 ${id}`, 'PERSON_NAME')).toEqual([]);
  });

  it('still finds a name run into the next label', () => {
    const id = residentId('320102', '19851111', '456');
    expect(of(`姓名：李四身份证号${id}`, 'PERSON_NAME').map((f) => f.text)).toEqual(['李四']);
    expect(of(`联系人王小明手机${MOBILE}`, 'PERSON_NAME').map((f) => f.text)).toContain('王小明');
  });
});

describe('radicals in PDF text', () => {
  it('maps Kangxi radicals to ideographs, keeping offsets in the file', () => {
    const id = residentId();
    const text = `⾝份证号：${id}`; // U+2F9D KANGXI RADICAL BODY
    const hit = of(text, 'ID_CARD')[0]!;
    expect(hit.confidence).toBeGreaterThan(0.9); // the context word 身份证 was read
    expect(text.slice(hit.start, hit.end)).toBe(id);
  });

  it('maps the CJK radicals supplement and letter-spacing for keywords', () => {
    const text = '办公室 科 ⻓ 签字'; // U+2ED3 CJK RADICAL C-SIMPLIFIED LONG
    const hit = of(text, 'NEGATIVE_LIST')[0];
    expect(hit?.text).toBe('科 ⻓');
    expect(text.slice(hit!.start, hit!.end)).toBe('科 ⻓');
    expect(of('⾮密级', 'CLASSIFICATION_MARK')).toEqual([]);
  });
});

describe('process information and special domains', () => {
  it('finds process-information phrases, each once', () => {
    const hits = of('本方案尚未最终确定，仅供内部讨论，未经批准不得外传。另：未经批准，不得外传。', 'PROCESS_INFO').map((f) => f.text);
    expect(hits).toEqual(['尚未最终确定', '仅供内部讨论', '未经批准不得外传', '未经批准，不得外传']);
  });

  it('reports a special-domain term inside a longer one once, as the longest', () => {
    expect(of('发生重大传染病疫情时', 'SPECIAL_DOMAIN').map((f) => f.text)).toEqual(['重大传染病疫情']);
    expect(of('重要地理信息数据和动物疫情', 'SPECIAL_DOMAIN').map((f) => f.text)).toEqual(['重要地理信息数据', '动物疫情']);
  });
});

describe('numbers', () => {
  it('keeps an ID number whole when a neighbouring digit makes the run pass Luhn', () => {
    // Find an ID and one leading digit that together pass Luhn as a 19-digit "card".
    let id = '';
    let lead = '';
    for (let seq = 100; seq < 999 && !id; seq++) {
      const candidate = residentId('110101', '19900307', String(seq));
      if (!/^\d+$/.test(candidate)) continue;
      for (const d of '3456') if (luhn(d + candidate)) [id, lead] = [candidate, d];
    }
    expect(id).not.toBe('');
    const f = scan(`${lead} ${id}`);
    expect(f.filter((x) => x.kind === 'BANK_CARD')).toEqual([]);
    expect(f.find((x) => x.kind === 'ID_CARD')?.text).toBe(id);
  });

  it('does not join across a tab, but joins across a line break inside a paragraph', () => {
    const card = luhnCard('622202', 16);
    expect(luhn(card)).toBe(true);
    expect(of(`卡号 ${card.slice(0, 8)}\t${card.slice(8)}`, 'BANK_CARD')).toEqual([]);
    expect(of(`卡号 ${card.slice(0, 8)}\n${card.slice(8)}`, 'BANK_CARD')).toHaveLength(1);
  });
});
