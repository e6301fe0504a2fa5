import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services as Core } from '../../../electron/app/services';
import { verifyAudit } from '../../../electron/audit/verify';
import { fakeClock, setUpCore, type Clock } from '../../helpers/setup';
import { refusal as refused } from '../../helpers/refusal';
import { tempDir } from '../../helpers/tmp';
import { as, fields, PLAIN, REASONED, staffUp, type Workflow } from '../../helpers/workflow';

let dir: string;
let cleanup: () => void;
let core: Core;
let clock: Clock;

const refusal = async (p: Promise<unknown>) => (await refused(p)).message;

async function setUp(profile: string): Promise<Workflow> {
  ({ dir, cleanup } = tempDir());
  clock = fakeClock(new Date('2026-11-23T09:00:00+08:00'));
  core = (await setUpCore(dir, clock)).core;
  return staffUp(core, profile);
}
afterEach(async () => {
  await core.close();
  cleanup();
});

describe('通辽 with consultations', () => {
  let wf: Workflow;
  beforeEach(async () => {
    wf = await setUp('tongliao');
  });

  it('silence past the deadline counts as consent (协调制度第七条)', async () => {
    await as(core, 'liu');
    let item = await wf.register(fields({ coProducers: ['某某县财政局'] }));
    // The co-producer entered at registration is a consultation the regulation requires.
    expect(item.consultations).toMatchObject([{ party: '某某县财政局', case: 'jointProduction', standing: 'unsent' }]);
    item = await wf.consultationSent({ itemId: item.id, consultationId: item.consultations[0]!.id, matters: '是否同意公开', sentOn: '2026-11-23', deadline: null });
    expect(item.consultations[0]!.deadline).toBe('2026-11-30'); // 5 working days
    await wf.opinion({ itemId: item.id, stepId: 'initial', opinionId: 'active', ...PLAIN });
    await as(core, 'zhao');
    await wf.opinion({ itemId: item.id, stepId: 'review', opinionId: 'active', ...PLAIN });
    await as(core, 'sun');
    expect(await refusal(wf.opinion({ itemId: item.id, stepId: 'approval', opinionId: 'approve', ...PLAIN }))).toContain('征求“某某县财政局”意见尚未答复');
    clock.advance(8 * 86_400_000); // to 2026-12-01, past the deadline with no reply
    item = await wf.get(item.id);
    expect(item.consultations[0]!.standing).toBe('deemed');
    item = await wf.opinion({ itemId: item.id, stepId: 'approval', opinionId: 'approve', ...PLAIN });
    expect(item.status).toBe('approved');
    expect(item.catalogued).toBe(true);
  });

  it("a third party's refusal blocks publication until the public-interest override", async () => {
    await as(core, 'liu');
    let item = await wf.register(fields({ thirdParties: ['某某建筑有限公司'] }));
    item = await wf.consultationSent({ itemId: item.id, consultationId: item.consultations[0]!.id, matters: '公开中标价格', sentOn: '2026-11-23', deadline: '2026-12-07' });
    item = await wf.consultationReply({ itemId: item.id, consultationId: item.consultations[0]!.id, reply: 'disagree', replyOn: '2026-11-27', reason: '涉及商业秘密' });
    await wf.opinion({ itemId: item.id, stepId: 'initial', opinionId: 'active', ...PLAIN });
    await as(core, 'zhao');
    await wf.opinion({ itemId: item.id, stepId: 'review', opinionId: 'active', ...PLAIN });
    await as(core, 'sun');
    expect(await refusal(wf.opinion({ itemId: item.id, stepId: 'approval', opinionId: 'approve', ...PLAIN }))).toContain('第三方“某某建筑有限公司”不同意公开');
    item = await wf.override({ itemId: item.id, consultationId: item.consultations[0]!.id, decision: '决定公开中标结果', reasons: '涉及重大公共资金使用，不公开将对公共利益造成重大影响', noticeSentOn: '2026-11-30' });
    expect(item.blockers).toEqual([]);
    item = await wf.opinion({ itemId: item.id, stepId: 'approval', opinionId: 'approve', ...PLAIN });
    expect(item.status).toBe('approved');
    expect(item.history.map((h) => h.action)).toContain('item.publicInterestOverride');
    // Waiting on the third party never extends the 20-working-day limit (000 第十八条).
    expect(item.deadlines[0]).toMatchObject({ label: '主动公开期限（形成之日起 20 个工作日，至网站发布为止）', due: '2026-12-18' });
  });

  it('a marked item is published only after declassification and filing', async () => {
    await as(core, 'liu');
    let item = await wf.register(fields({ classification: '秘密', classificationTerm: '2025年12月31日' }));
    await wf.opinion({ itemId: item.id, stepId: 'initial', opinionId: 'active', ...PLAIN });
    await as(core, 'zhao');
    await wf.opinion({ itemId: item.id, stepId: 'review', opinionId: 'active', ...PLAIN });
    await as(core, 'sun');
    item = await wf.opinion({ itemId: item.id, stepId: 'approval', opinionId: 'approve', ...PLAIN });
    expect(item.status).toBe('awaitingDeclassification');
    await as(core, 'zhou');
    item = await wf.declassify({ itemId: item.id, decidedOn: '2026-11-24', documentNumber: '某保解〔2026〕3号', authority: '某某县人民政府办公室', filedOn: '2026-11-25', filedWith: '某某县国家保密局' });
    expect(item.status).toBe('approved');
  });

  it('special domains need authorization; objections stay on the record; history verifies', async () => {
    await as(core, 'liu');
    let item = await wf.register(fields({ specialDomains: ['统计信息'] }));
    await wf.opinion({ itemId: item.id, stepId: 'initial', opinionId: 'active', ...PLAIN });
    await as(core, 'zhao');
    await wf.opinion({ itemId: item.id, stepId: 'review', opinionId: 'withhold', ...REASONED });
    await as(core, 'liu');
    item = await wf.object(item.id, '附件已删除个人信息，应予公开');
    await as(core, 'sun');
    item = await wf.opinion({ itemId: item.id, stepId: 'approval', opinionId: 'approve', ...PLAIN });
    expect(item.status).toBe('withheld');
    expect(item.objections).toEqual([expect.objectContaining({ userName: '刘承办', text: '附件已删除个人信息，应予公开' })]);
    const review = item.opinions.find((o) => o.stepId === 'review')!;
    expect(review).toMatchObject({ label: '不予公开', reason: '附件含有个人身份信息', grounds: ['个人隐私'], bases: [{ id: 'law-bmf', title: '《中华人民共和国保守国家秘密法》' }] });
    expect(item.history.length).toBeGreaterThan(4);
    expect(item.history.every((h) => h.verified)).toBe(true);
    // Re-examination (阿尔山 第十二条 style) reopens at the review step.
    await as(core, 'qian');
    item = await wf.reopen(item.id, '情势变化，不予公开的情形已不存在');
    expect(item).toMatchObject({ status: 'inReview', currentStepId: 'review' });
    await wf.opinion({ itemId: item.id, stepId: 'review', opinionId: 'active', ...PLAIN });
    await as(core, 'li');
    expect(await refusal(wf.opinion({ itemId: item.id, stepId: 'approval', opinionId: 'approve', ...PLAIN }))).toContain('统计信息，须经有权机关批准');
    await as(core, 'liu');
    await wf.specialApproval({ itemId: item.id, authority: '某某县统计局', documentNumber: '某统字〔2026〕8号', approvedOn: '2026-11-24' });
    await as(core, 'li');
    item = await wf.opinion({ itemId: item.id, stepId: 'approval', opinionId: 'approve', ...PLAIN });
    expect(item.status).toBe('approved');
  });

  it('records the full opinion in the signed audit trail', async () => {
    await as(core, 'liu');
    const item = await wf.register(fields());
    await wf.opinion({ itemId: item.id, stepId: 'initial', opinionId: 'withhold', ...REASONED });
    const entry = await core.vault.db().selectFrom('audit_log').selectAll().where('action', '=', 'item.opinion').executeTakeFirstOrThrow();
    expect(JSON.parse(entry.payload)).toMatchObject({ opinion: { label: '不予公开' }, grounds: ['PERSONAL_PRIVACY'], bases: ['law-bmf'], reason: '附件含有个人身份信息' });
    expect((await verifyAudit(core.vault.db())).ok).toBe(true);
  });
});

describe('永吉 escalation', () => {
  it('报保密部门确定: the item waits, the reply is recorded within 5 working days, and the review resumes', async () => {
    const wf = await setUp('yongji');
    await as(core, 'liu');
    let item = await wf.register(fields());
    await wf.opinion({ itemId: item.id, stepId: 'mark', opinionId: 'active', ...PLAIN });
    await as(core, 'zhao');
    item = await wf.opinion({ itemId: item.id, stepId: 'review', opinionId: 'escalate', ...REASONED, reason: '不能确定是否涉密' });
    expect(item.status).toBe('escalated');
    item = await wf.escalate({ itemId: item.id, addressee: '同级保密行政管理部门', authority: '永吉县国家保密局', materials: ['申请事由的公文', '记载审查信息的载体', '保密审查意见'], letterNumber: '永政办函〔2026〕5号', sentOn: '2026-11-23' });
    expect(item.escalations[0]!.deadline).toBe('2026-11-30');
    expect(await refusal(wf.opinion({ itemId: item.id, stepId: 'review', opinionId: 'active', ...PLAIN }))).toContain('不在审查环节');
    item = await wf.escalationReply({ itemId: item.id, escalationId: item.escalations[0]!.id, replyOn: '2026-11-26', authority: '永吉县国家保密局', documentNumber: '永保函〔2026〕9号', conclusion: '不属于国家秘密，可以公开' });
    expect(item).toMatchObject({ status: 'inReview', currentStepId: 'review' });
    item = await wf.opinion({ itemId: item.id, stepId: 'review', opinionId: 'active', ...PLAIN });
    expect(item.status).toBe('approved');
  });
});

describe('profiles and deadlines', () => {
  it('an edited copy is a new profile; items keep the version they started under', async () => {
    const wf = await setUp('tongliao');
    await as(core, 'liu');
    const before = await wf.register(fields());
    await as(core, 'secadm');
    const copy = structuredClone((await wf.listProfiles()).find((p) => p.id === 'tongliao')!.definition);
    copy.steps[1]!.limitDays = 2;
    copy.name = '某某县政府信息公开保密审查办法';
    const saved = await wf.saveProfile(JSON.stringify(copy));
    expect(saved).toMatchObject({ id: 'tongliao-custom1', version: 1, shipped: false });
    expect(await refusal(wf.saveProfile('{"id":"x"}'))).toMatch(/^审查流程配置无效/);
    await wf.activateProfile(saved.id, 1);
    const again = await wf.saveProfile(JSON.stringify({ ...saved.definition, name: '第二版' }));
    expect(again).toMatchObject({ id: 'tongliao-custom1', version: 2 });
    await as(core, 'liu');
    const after = await wf.register(fields());
    expect((await wf.get(before.id)).profile.id).toBe('tongliao');
    expect((await wf.get(after.id)).profile).toMatchObject({ id: 'tongliao-custom1', version: 1 });
  });

  it('shows 日历未覆盖 beyond the known calendar, and counts once a year is imported', async () => {
    const wf = await setUp('tongliao');
    await as(core, 'liu');
    const item = await wf.register(fields({ formedOn: '2031-01-20' }));
    expect(item.deadlines[0]!.due).toBeNull();
    await as(core, 'sysadm');
    const holidays = ['2031-01-01', '2031-01-22', '2031-01-23', '2031-01-24', '2031-01-27', '2031-01-28', '2031-10-01', '2031-10-02', '2031-10-03', '2031-10-06', '2031-10-07'];
    const text = JSON.stringify({ format: 'mishen-calendar/1', year: 2031, source: '测试用合成日历', holidays, workdays: ['2031-01-26'] });
    const preview = await wf.previewCalendar(text);
    expect(preview.changes.length).toBe(365);
    const status = await wf.importCalendar(text);
    expect(status.imported.map((i) => i.year)).toEqual([2031]);
    expect(status.coveredYears).toContain(2031);
    await as(core, 'liu');
    // Monday 20 January 2031: 21日 is 1, 26日 (a 调休 Sunday) 2, 29–31日 3–5, then three
    // full weeks of February.
    expect((await wf.get(item.id)).deadlines[0]!.due).toBe('2031-02-21');
  });
});
