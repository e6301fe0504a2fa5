import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderForm } from '../../../electron/forms/render';
import { chineseDate } from '../../../electron/forms/templates';
import type { ItemBrief } from '../../../electron/forms/types';
import { BRIEF, CHECKPOINT, INPUTS, ORG } from './fixtures';
import { containsWrapped, flat, layoutText, withoutStamps } from './pdf-tools';

// Every form's text, read back with pdftotext -layout: headings, fields and notes.

const AT = new Date('2026-11-25T08:00:00Z');
const template = (kind: string) => JSON.parse(readFileSync(new URL(`../../../resources/forms/${kind}.json`, import.meta.url), 'utf8')) as { title: string; labels: Record<string, string>; notes: string[] };

async function textOf<K extends keyof typeof INPUTS>(kind: K, data = INPUTS[kind]): Promise<string> {
  const r = await renderForm(kind, data, CHECKPOINT, { printedAt: AT });
  return withoutStamps(layoutText(r.pdf));
}

function expectAll(text: string, phrases: string[]): void {
  const f = flat(text);
  for (const p of phrases) expect(f, p).toContain(flat(p));
}

const briefPhrases = (b: ItemBrief) => [`《${b.title}》`, b.documentNumber, b.summary, chineseDate(b.formedOn), b.issuer, b.department];

describe('保密审查记录', () => {
  it('prints the information, bases, conclusion, every step with its signature line, and the notes', async () => {
    const d = INPUTS.record;
    const text = await textOf('record');
    const t = template('record');
    expectAll(text, [t.title, `单位：${ORG}`, `执行制度：${d.profile.name}`, '一、被审查信息的标题或内容摘要', '二、审查依据', '三、保密审查的结论或处理意见', '四、审查人员的意见、签名和日期', '五、其他应当记载的内容']);
    expectAll(text, [d.item.title, d.item.documentNumber, d.item.issuer, d.item.department, '2026年11月20日', d.item.summary, '道路养护、招标', '主动公开', '市、区网站公开', '主动审查', '非涉密']);
    expectAll(text, [...d.bases, d.conclusion, ...d.other]);
    for (const s of d.steps) {
      expectAll(text, [`${s.name}（${s.article}）`, s.opinion ?? '（尚未签署）', ...s.grounds, ...s.bases, s.date ? chineseDate(s.date) : '年 月 日']);
      if (s.userName) expectAll(text, [`${s.signer}：${s.userName}`]);
      if (s.reason) expectAll(text, [s.reason]);
      expectAll(text, [`${s.signer}签字：＿＿＿＿＿＿日期：＿＿＿＿＿＿`]);
    }
    expect(flat(text).match(/签字：＿+日期：＿+/g)).toHaveLength(d.steps.length);
    expectAll(text, [`注：1.本记录按照${d.profile.source}记载保密审查过程，与系统中的审查记录一致；`, t.notes[1]!, t.notes[2]!]);
  });
});

describe('信息发布保密审查表', () => {
  it('lays out the appendix: 单位, date, the six columns, the boxes, the signature lines and the four notes', async () => {
    const d = INPUTS['review-table'];
    const text = await textOf('review-table');
    expectAll(text, ['信息发布保密审查表', `单位：${ORG}`, '2026年11月25日', '序号', '部门', '信息名称', '发布形式', '主管领导意见', '承办人（签字）']);
    expect(containsWrapped(text, '工作机构或者人员审查意见', 3)).toBe(true);
    expect(flat(text).match(/（签字）/g)).toHaveLength(3);
    for (const r of d.rows) {
      expect(containsWrapped(text, r.title, 4), r.title).toBe(true);
      expect(containsWrapped(text, r.department), r.department).toBe(true);
    }
    for (const n of ['注：1.本表由机关、单位信息发布主管部门负责组织填写和保管；', '2.机关、单位发布信息均应进行登记；', '3.请在相应的“□”打“√”；', '4.不明确事项应当由机关、单位保密工作机构组织保密审查。']) expectAll(text, [n]);
    // Each row: three forms, and 同意 / 不同意 twice; the note shows one □ and one √.
    const f = flat(text);
    expect(f.match(/□/g)).toHaveLength(d.rows.length * 7 + 1);
    expect(f.match(/市、区网站公开/g)).toHaveLength(d.rows.length);
    expect(f.match(/依申请公开/g)).toHaveLength(d.rows.length);
    expect(f.match(/同意/g)).toHaveLength(d.rows.length * 4);
    // Ticks: row 1 website + agree + agree; row 2 其他 + disagree; row 3 依申请公开.
    expect(f.match(/√/g)).toHaveLength(6 + 1);
  });

  it('leaves every box empty and the date blank for filling by hand', async () => {
    const data = { ...INPUTS['review-table'], date: null, rows: [{ department: '办公室', title: '示例通知', publishForm: null, reviewOpinion: null, leaderOpinion: null }] };
    const f = flat(await textOf('review-table', data));
    expect(f.match(/√/g)).toHaveLength(1);
    expect(f).toContain('年月日');
    // Padded to the two rows of the appendix: the empty row still has its boxes.
    expect(f.match(/□/g)).toHaveLength(2 * 7 + 1);
  });

  it('takes several items per sheet and numbers them', async () => {
    const rows = Array.from({ length: 14 }, (_, i) => ({ department: '办公室', title: `示例信息第${i + 1}号`, publishForm: '其他' as const, reviewOpinion: 'agree' as const, leaderOpinion: 'agree' as const }));
    const r = await renderForm('review-table', { ...INPUTS['review-table'], rows }, CHECKPOINT, { printedAt: AT });
    const text = layoutText(r.pdf);
    for (let i = 1; i <= 14; i++) expect(containsWrapped(text, `示例信息第${i}号`, 4), `${i}`).toBe(true);
    expect(text).toMatch(/^\s*14\s/m);
    // The header repeats on every page.
    for (let n = 1; n <= r.pages; n++) expect(flat(layoutText(r.pdf, n))).toContain('序号部门信息名称');
  });
});

describe('letters', () => {
  const framePhrases = (d: { letterNumber: string; addressee: string; org: string; date: string; contact: string }) => [d.letterNumber, `${d.addressee}：`, d.org, chineseDate(d.date), `（联系人：${d.contact}）`];

  it('报审函 lists the five materials of 000 第十条', async () => {
    const d = INPUTS.escalation;
    const text = await textOf('escalation');
    expectAll(text, [template('escalation').title, ...framePhrases(d), ...briefPhrases(d.item), `依照${d.basis}`, `（${d.matter}）`, d.question, '请于2026年12月9日前予以答复。', '特此函请确定。']);
    expectAll(text, ['一、拟公开政府信息的基本情况', '二、需要确定的事项', '三、提供的材料']);
    expectAll(text, [
      `（一）申请事由的公文：${d.materials[0]!.text}`,
      `（二）记载审查信息的载体：${d.materials[1]!.text}`,
      `（三）保密审查意见：${d.materials[2]!.text}`,
      `（四）审查所依据的文件或相关材料：${d.materials[3]!.text}`,
      '（五）其他需要提供的材料：无',
    ]);
  });

  it('征求意见函 carries the four contents of 001 协调 第七条 and the silence rule', async () => {
    const d = INPUTS.consultation;
    const text = await textOf('consultation');
    expectAll(text, [template('consultation').title, ...framePhrases(d), ...briefPhrases(d.item), `依照${d.basis}`]);
    expectAll(text, ['一、拟公开政府信息的名称和文号、内容描述、产生日期、发布机构等基本情况', '二、需协商、确认的事项', '三、拟公开政府信息的行政机关的意见和依据', '四、其他内容']);
    expectAll(text, [d.matters, `意见：${d.ownOpinion}`, `依据：${d.ownBasis}`, d.other, '请于2026年12月2日前书面函复意见。', `规定的时限内不答复的，视为同意本机关的意见（${d.rule}）。`, '特此函告。']);
    const quiet = flat(await textOf('consultation', { ...d, silenceConsents: false }));
    expect(quiet).not.toContain('视为同意');
  });

  it('the letter to a third party asks for written consent and carries a reply slip', async () => {
    const d = INPUTS['third-party'];
    const text = await textOf('third-party');
    const t = template('third-party');
    expectAll(text, [t.title, ...framePhrases(d), ...briefPhrases(d.item), `涉及${d.concern}`, '请于2026年12月9日前书面答复是否同意公开。', t.labels.rule!, t.labels.override!, '回执', '同意公开□', '不同意公开□', '理由：', `答复人：${d.addressee}`, '签名（盖章）：']);
  });

  it('the letter to a third party announces no override where the profile grants none', async () => {
    const f = flat(await textOf('third-party', { ...INPUTS['third-party'], publicInterestOverride: false }));
    expect(f).toContain(flat(template('third-party').labels.rule!));
    expect(f).not.toContain('公共利益');
  });

  it('the override notice gives the content decided and the reasons', async () => {
    const d = INPUTS['override-notice'];
    const text = await textOf('override-notice');
    expectAll(text, [template('override-notice').title, ...framePhrases(d), ...briefPhrases(d.item), '于2026年12月1日答复不同意公开', '不公开可能对公共利益造成重大影响', '二、决定公开的政府信息内容', d.decision, '三、理由', d.reasons, '特此告知。']);
  });

  it('the declassification filing records the decision', async () => {
    const d = INPUTS.declassification;
    const text = await textOf('declassification');
    expectAll(text, [template('declassification').title, ...framePhrases(d), ...briefPhrases(d.item), `原密级：${d.classification}`, `原保密期限：${d.classificationTerm}`, '解密决定日期：2026年11月18日', `解密决定文号：${d.decisionNumber}`, `作出解密决定的机关：${d.authority}`, '特此报备。']);
  });

  it('the leak report gives the problem and the remedies taken', async () => {
    const d = INPUTS['leak-report'];
    const text = await textOf('leak-report');
    expectAll(text, [template('leak-report').title, ...framePhrases(d), ...briefPhrases(d.item), '公开日期：2026年11月26日', '发现日期：2026年11月27日', d.description, '三、已采取的补救措施', d.measures, '特此报告。']);
  });
});

describe('政府信息公开登记簿', () => {
  it('lists what went out, when and in which bundle', async () => {
    const d = INPUTS.register;
    const text = await textOf('register');
    const t = template('register');
    expectAll(text, [t.title, `单位：${ORG}`, '登记期间：2026年11月1日至2026年11月30日', ...Object.values(t.labels).filter((l) => !l.includes('{')), ...t.notes]);
    for (const r of d.rows) for (const v of [r.title, r.documentNumber, r.department, r.publishForm, chineseDate(r.approvedOn!), chineseDate(r.publishedOn!), r.bundle]) if (v) expect(containsWrapped(text, v, 20), v).toBe(true);
  });
});

it('BRIEF is printed the same in every letter', () => {
  expect(BRIEF.formedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});
