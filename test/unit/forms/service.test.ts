import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services as Core } from '../../../electron/app/services';
import { auditHead } from '../../../electron/audit/append';
import { FormsService, type SavedForm } from '../../../electron/forms/service';
import type { FormKind } from '../../../electron/forms/types';
import { fakeClock, ORG, setUpCore } from '../../helpers/setup';
import { tempDir } from '../../helpers/tmp';
import { as, fields, PLAIN, REASONED, staffUp, type Workflow } from '../../helpers/workflow';
import { flat, layoutText, pageImages, readQr, withoutStamps } from './pdf-tools';

// The forms of real items, read from a real encrypted store after a real review under
// the 通辽 profile: the mapping from ItemDetail, the checkpoint and the save port.

let dir: string;
let cleanup: () => void;
let core: Core;
let wf: Workflow;
const saved: Array<{ itemId: string; kind: FormKind; sha256: string; meta: SavedForm; size: number }> = [];
let forms: FormsService;
const ids: Record<string, string> = {};

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  const clock = fakeClock(new Date('2026-11-23T09:00:00+08:00'));
  core = (await setUpCore(dir, clock)).core;
  wf = await staffUp(core, 'tongliao');
  forms = new FormsService({
    item: (id) => core.queries.get(id),
    checkpoint: async () => {
      const h = await auditHead(core.session.context().db());
      return { seq: h!.seq, head: h!.hash };
    },
    org: () => core.vault.org().name,
    save: async (itemId, kind, pdf, sha256, meta) => void saved.push({ itemId, kind, sha256, meta, size: pdf.length }),
    now: clock.now,
  });

  await as(core, 'liu');
  // Published over a third party's refusal, for the public interest (000 第十五条).
  let item = await wf.register(fields({ thirdParties: ['示例建设有限公司'] }));
  ids.override = item.id;
  item = await wf.consultationSent({ itemId: item.id, consultationId: item.consultations[0]!.id, matters: '公开中标价格', sentOn: '2026-11-23', deadline: '2026-12-07' });
  await wf.consultationReply({ itemId: item.id, consultationId: item.consultations[0]!.id, reply: 'disagree', replyOn: '2026-11-27', reason: '涉及商业秘密' });
  await wf.opinion({ itemId: item.id, stepId: 'initial', opinionId: 'active', ...PLAIN });
  await as(core, 'zhao');
  await wf.opinion({ itemId: item.id, stepId: 'review', opinionId: 'partial', ...REASONED });
  // 部分公开 is confirmed by the 保密领导小组 before the leader (000 第八条).
  await as(core, 'zhou');
  await wf.opinion({ itemId: item.id, stepId: 'confirm', opinionId: 'confirm', ...PLAIN });
  await as(core, 'sun');
  await wf.override({ itemId: item.id, consultationId: item.consultations[0]!.id, decision: '决定公开中标结果', reasons: '涉及重大公共资金使用', noticeSentOn: '2026-11-30' });
  await wf.opinion({ itemId: item.id, stepId: 'approval', opinionId: 'approve', ...PLAIN });

  // Still in review: only the first step signed.
  await as(core, 'liu');
  item = await wf.register(fields({ title: '示例局2026年第四季度工作简报', publishForm: '其他' }));
  ids.open = item.id;
  await wf.opinion({ itemId: item.id, stepId: 'initial', opinionId: 'active', ...PLAIN });

  // Escalated by the reviewer (000 第九条、第十条).
  item = await wf.register(fields({ title: '示例局道路养护资金使用情况' }));
  ids.escalated = item.id;
  await wf.opinion({ itemId: item.id, stepId: 'initial', opinionId: 'active', ...PLAIN });
  await as(core, 'zhao');
  await wf.opinion({ itemId: item.id, stepId: 'review', opinionId: 'escalate', ...REASONED });
  await wf.escalate({ itemId: item.id, addressee: '同级保密行政管理部门', authority: '示例县国家保密局', materials: ['申请事由的公文', '记载审查信息的载体', '保密审查意见'], letterNumber: '示例函〔2026〕1号', sentOn: '2026-11-24', deadline: '2026-12-08' });
}, 120_000);

afterAll(async () => {
  await core.close();
  cleanup();
});

describe('FormsService', () => {
  it('prints the 保密审查记录 of a decided item with every signer, opinion and the override', async () => {
    const r = await forms.print('record', ids.override!);
    const text = flat(withoutStamps(layoutText(r.pdf)));
    for (const p of ['保密审查记录', `单位：${ORG.name}`, '执行制度：通辽市政府信息公开保密审查制度', '关于2026年度城区道路改造工程的公告', '某政办发〔2026〕12号', '2026年11月20日', '未标密级'])
      expect(text, p).toContain(flat(p));
    for (const p of ['初审审查人：刘承办', '复审审查人：赵审查', '本机关保密领导小组：周保密', '机关分管领导或被授权人：孙领导', '部分公开', '个人隐私', '《中华人民共和国保守国家秘密法》', '附件含有个人身份信息', '2026年11月23日'])
      expect(text, p).toContain(flat(p));
    expect(text).toContain('已批准公开');
    expect(text).toContain(flat('书面告知示例建设有限公司决定公开：决定公开中标结果；理由：涉及重大公共资金使用。'));
    expect(text.match(/签字：＿+日期：＿+/g)).toHaveLength(4);
    expect(text).not.toContain('（尚未签署）');
  });

  it('leaves lines for the signers still to sign while the item is in review', async () => {
    const r = await forms.print('record', ids.open!);
    const text = flat(withoutStamps(layoutText(r.pdf)));
    expect(text).toContain(flat('初审审查人：刘承办'));
    // 复审 and 审批 follow unsigned; the conditional 保密领导小组 step does not.
    expect(text.match(/（尚未签署）/g)).toHaveLength(2);
    expect(text).not.toContain('保密领导小组审核确认');
    const escalated = flat(withoutStamps(layoutText((await forms.print('record', ids.escalated!)).pdf)));
    expect(escalated).toContain('需报审');
    expect(escalated).toContain(flat('2026年11月24日向示例县国家保密局（同级保密行政管理部门）报审（示例函〔2026〕1号）；尚未答复。'));
  });

  it('ticks the 《信息发布保密审查表》 from the recorded opinions, and leaves open items empty', async () => {
    const r = await forms.printSheet([ids.override!, ids.open!], '2026-11-30');
    const text = flat(withoutStamps(layoutText(r.pdf)));
    expect(text).toContain('2026年11月30日');
    // Decided item: 市、区网站公开 + 同意 + 同意; open item: 其他 only; plus the note's √.
    expect(text.match(/√/g)).toHaveLength(3 + 1 + 1);
    expect(saved.filter((s) => s.meta.contentSha256 === r.contentSha256).map((s) => s.itemId).sort()).toEqual([ids.override, ids.open].sort());
  });

  it('prints the letters recorded on the item, citing the profile', async () => {
    const third = flat(withoutStamps(layoutText((await forms.print('third-party', ids.override!)).pdf)));
    expect(third).toContain(flat('示例建设有限公司：'));
    expect(third).toContain(flat('依照《通辽市政府信息公开保密审查制度》'));
    expect(third).toContain('公开中标价格');
    expect(third).toContain('公共利益');
    const notice = flat(withoutStamps(layoutText((await forms.print('override-notice', ids.override!)).pdf)));
    expect(notice).toContain(flat('依照《通辽市政府信息公开保密审查制度》第十五条'));
    expect(notice).toContain('于2026年11月27日答复不同意公开');
    expect(notice).toContain('决定公开中标结果');
    expect(notice).toContain('2026年11月30日');
    const esc = flat(withoutStamps(layoutText((await forms.print('escalation', ids.escalated!)).pdf)));
    for (const p of ['示例县国家保密局：', '示例函〔2026〕1号', '依照《通辽市政府信息公开保密审查制度》第十条', '（一）申请事由的公文：随函附送', '（三）保密审查意见：随函附送', '（四）审查所依据的文件或相关材料：无', '请于2026年12月8日前予以答复。', '2026年11月24日'])
      expect(esc, p).toContain(flat(p));
  });

  it('refuses a letter the item has no record for', async () => {
    await expect(forms.print('declassification', ids.open!)).rejects.toThrow('该事项没有解密记录');
    await expect(forms.print('leak-report', ids.open!)).rejects.toThrow('该事项没有泄密问题的记录');
  });

  it('stamps the audit head at printing time and saves the PDF with both hashes', async () => {
    const before = await auditHead(core.session.context().db());
    const r = await forms.print('record', ids.override!);
    expect(r.checkpoint).toEqual({ seq: before!.seq, head: before!.hash });
    const payload = JSON.parse((await readQr(pageImages(r.pdf, 100, 1)[0]!))!) as Record<string, unknown>;
    expect(payload).toEqual({ item: ids.override, seq: before!.seq, head: before!.hash, sha256: r.contentSha256 });
    const last = saved[saved.length - 1]!;
    expect(last).toMatchObject({ itemId: ids.override, kind: 'record', sha256: r.sha256, size: r.pdf.length, meta: { contentSha256: r.contentSha256, pages: r.pages } });
  });
});
