import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/app/services';
import { mayCall } from '../../../shared/access';
import { contract } from '../../../shared/contract';
import { fakeClock, setUpCore, type Clock } from '../../helpers/setup';
import { refusal as refused } from '../../helpers/refusal';
import { residentId } from '../../helpers/synthetic';
import { tempDir } from '../../helpers/tmp';
import { as, fields, PLAIN, REASONED, staffUp, type Workflow } from '../../helpers/workflow';

// The review gate and the places where the procedures follow their regulations to the
// letter. Each test names the article it enforces.

let dir: string;
let cleanup: () => void;
let core: Services;
let clock: Clock;
const refusal = async (p: Promise<unknown>) => (await refused(p)).message;
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const LIST = `2026年城乡低保对象公示名单\n张小明 身份证号 ${residentId('150502', '19800101', '011')}\n李小红 身份证号 ${residentId('150502', '19850202', '022')}\n`;
const CITED = { grounds: [], bases: ['law-bmf'], reason: '经审查不涉及国家秘密' };

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

async function openFindings(itemId: string) {
  const docs = await core.documents.list(itemId);
  const all = await Promise.all(docs.map((d) => core.documents.get(d.id)));
  return all.flatMap((d) => d.findings);
}

describe('findings gate', () => {
  it('nothing is proposed for publication with open findings; a confirmed one rules out full publication; 部分公开 is confirmed by the 保密领导小组 (000 第八条)', async () => {
    const wf = await setUp('tongliao');
    await as(core, 'liu');
    let item = await wf.register(fields({ title: '2026年城乡低保对象公示' }));
    await core.documents.attach(item.id, '公示名单.txt', b64(LIST));
    const found = await openFindings(item.id);
    const ids = found.filter((f) => f.kind === 'ID_CARD');
    expect(ids).toHaveLength(2);
    const open = found.filter((f) => f.status === 'open').length;
    expect(await refusal(wf.opinion({ itemId: item.id, stepId: 'initial', opinionId: 'active', ...PLAIN }))).toBe(
      `载体文件中尚有 ${open} 处扫描发现未处理，须逐一确认或排除后，才能提出或批准公开`,
    );
    // Withholding is not gated: only publication is.
    // One batch decision, one audit entry listing every finding (bulk).
    const before = (await wf.get(item.id)).history.length;
    await core.findings.decideMany(ids.map((f) => f.id), 'confirmed', '公示名单中的身份证号码');
    const rest = (await openFindings(item.id)).filter((f) => f.status === 'open');
    if (rest.length) await core.findings.decideMany(rest.map((f) => f.id), 'dismissed', '公示对象姓名依法应当公开');
    const history = (await wf.get(item.id)).history;
    expect(history.length).toBe(before + (rest.length ? 2 : 1));
    expect(history[before]!.text).toBe('批量确认 2 处发现：公示名单中的身份证号码');
    expect(await refusal(wf.opinion({ itemId: item.id, stepId: 'initial', opinionId: 'active', ...PLAIN }))).toBe(
      '已确认 2 处不应公开的内容，不能全部公开：应选择区分处理后部分公开，或不予公开，或说明理由排除该发现',
    );
    await wf.opinion({ itemId: item.id, stepId: 'initial', opinionId: 'partial', ...REASONED });
    await as(core, 'zhao');
    item = await wf.opinion({ itemId: item.id, stepId: 'review', opinionId: 'partial', ...REASONED });
    expect(item).toMatchObject({ currentStepId: 'confirm', stepName: '保密领导小组审核确认' });
    await as(core, 'zhou');
    // The confirmation signs the public version, which must exist and pass its proof first.
    for (const d of await core.documents.list(item.id)) expect((await core.publicVersions.produce(d.id)).proof.ok).toBe(true);
    item = await wf.opinion({ itemId: item.id, stepId: 'confirm', opinionId: 'confirm', ...PLAIN });
    await as(core, 'sun');
    item = await wf.opinion({ itemId: item.id, stepId: 'approval', opinionId: 'approve', ...PLAIN });
    expect(item.status).toBe('approved');
    // After the decision nobody changes the findings any more.
    await as(core, 'zhao');
    expect(await refusal(core.findings.decide(ids[0]!.id, 'dismissed', '改主意'))).toMatch(/不能再处理扫描发现/);
  });

  it('a file attached after a step was signed reopens the gate', async () => {
    const wf = await setUp('tongliao');
    await as(core, 'liu');
    const item = await wf.register(fields());
    await wf.opinion({ itemId: item.id, stepId: 'initial', opinionId: 'active', ...PLAIN });
    await core.documents.attach(item.id, '补充材料.txt', b64(LIST));
    await as(core, 'zhao');
    expect(await refusal(wf.opinion({ itemId: item.id, stepId: 'review', opinionId: 'active', ...PLAIN }))).toMatch(/^载体文件中尚有 \d+ 处扫描发现未处理/);
  });
});

describe('classification gate', () => {
  it('a file marked 秘密★ on an unmarked item blocks it until the reviewer corrects the classification; declassification comes after the review (003 第十条)', async () => {
    const wf = await setUp('xinfu');
    await as(core, 'liu');
    let item = await wf.register(fields({ title: '关于某项工作的通知' }));
    await core.documents.attach(item.id, '通知.txt', b64('秘密★1年\n关于某项工作的通知\n各单位：请按要求办理。'));
    const marks = (await openFindings(item.id)).filter((f) => f.kind === 'CLASSIFICATION_MARK');
    expect(marks.length).toBeGreaterThan(0);
    await core.findings.decideMany(marks.map((f) => f.id), 'confirmed', '首行标有密级');
    const rest = (await openFindings(item.id)).filter((f) => f.status === 'open');
    if (rest.length) await core.findings.decideMany(rest.map((f) => f.id), 'dismissed', '不涉密');
    expect(await refusal(wf.opinion({ itemId: item.id, stepId: 'origin', opinionId: 'open', ...CITED }))).toMatch(/^载体文件标有密级标志，但事项登记为未标密级/);
    // The handler cannot declassify at all; nobody can before the review confirms.
    expect(mayCall(contract.items.declassify.access, ['handler'])).toBe(false);
    expect(mayCall(contract.items.reclassify.access, ['reviewer'])).toBe(true);
    await as(core, 'zhao');
    item = await wf.reclassify({ itemId: item.id, classification: '秘密', classificationTerm: '1年', reason: '载体首行标注秘密★1年' });
    expect(item.fields.classification).toBe('秘密');
    await as(core, 'zhou');
    expect(await refusal(wf.declassify({ itemId: item.id, decidedOn: '2026-11-24', documentNumber: '解〔2026〕1号', authority: '某机关', filedOn: '2026-11-25', filedWith: '某保密局' }))).toMatch(/^须在保密审查确认能够公开后/);
  });
});

describe('where the product follows the regulation', () => {
  it('escalation reply limits by matter: 10 working days for commercial secrets and privacy, the 保密法’s limit from the letter for state secrets (000 第十一条)', async () => {
    const wf = await setUp('tongliao');
    await as(core, 'liu');
    let item = await wf.register(fields());
    await wf.opinion({ itemId: item.id, stepId: 'initial', opinionId: 'active', ...PLAIN });
    await as(core, 'zhao');
    await wf.opinion({ itemId: item.id, stepId: 'review', opinionId: 'escalate', ...REASONED });
    const letter = { itemId: item.id, addressee: '同级保密行政管理部门' as const, authority: '某某县国家保密局', materials: ['申请事由的公文'], letterNumber: '', sentOn: '2026-11-23' };
    item = await wf.escalate({ ...letter, matter: 'stateSecret', deadline: null });
    expect(item.escalations[0]!.deadline).toBeNull();
    expect(item.deadlines.find((d) => d.label.includes('答复报审'))!.basis).toBe('依《保密法》规定时限，以来函为准');
    item = await wf.escalationReply({ itemId: item.id, escalationId: item.escalations[0]!.id, replyOn: '2026-11-24', authority: '某某县国家保密局', documentNumber: '', conclusion: '请补充材料' });
    await wf.opinion({ itemId: item.id, stepId: 'review', opinionId: 'escalate', ...REASONED });
    item = await wf.escalate({ ...letter, matter: 'commercialPrivacy', deadline: '2027-03-01' });
    expect(item.escalations[1]!.deadline).toBe('2026-12-07'); // 10 working days, whatever the letter says
    // The badge counts what is left: 10 working days from Monday 2026-11-23 to Monday 2026-12-07.
    expect(item.deadlines.find((d) => d.label.includes('答复报审'))).toMatchObject({ due: '2026-12-07', overdue: false, remaining: 10 });
  });

  it('永吉 第十条: 5 working days bind the 保密工作部门, not the 主管部门', async () => {
    const wf = await setUp('yongji');
    await as(core, 'liu');
    let item = await wf.register(fields());
    await wf.opinion({ itemId: item.id, stepId: 'mark', opinionId: 'active', ...PLAIN });
    await as(core, 'zhao');
    await wf.opinion({ itemId: item.id, stepId: 'review', opinionId: 'escalate', ...REASONED });
    item = await wf.escalate({ itemId: item.id, addressee: '上级主管部门', authority: '吉林市某局', materials: ['申请事由的公文'], letterNumber: '', sentOn: '2026-11-23' });
    expect(item.escalations[0]!.deadline).toBeNull();
  });

  it('silence never consents where written consent is required (001 保密审查 第七条)', async () => {
    const wf = await setUp('taierzhuang');
    await as(core, 'liu');
    let item = await wf.register(fields({ coProducers: ['台儿庄区财政局'] }));
    item = await wf.consultationSent({ itemId: item.id, consultationId: item.consultations[0]!.id, matters: '是否同意公开', sentOn: '2026-11-23', deadline: '2026-11-27' });
    clock.advance(10 * 86_400_000);
    item = await wf.get(item.id);
    expect(item.consultations[0]).toMatchObject({ standing: 'overdue', silenceConsents: false });
    expect(item.blockers).toContain('征求“台儿庄区财政局”意见尚未答复（须书面答复）');
  });

  it('consultations follow from registration: a co-producer’s letter goes out within 5 working days of formation (001 协调 第五条)', async () => {
    const wf = await setUp('taierzhuang');
    await as(core, 'liu');
    // Formed on Friday 2026-11-20: five working days later is Friday 2026-11-27.
    let item = await wf.register(fields({ coProducers: ['台儿庄区财政局'] }));
    expect(item.consultations[0]).toMatchObject({ party: '台儿庄区财政局', case: 'jointProduction', standing: 'unsent', sendBy: '2026-11-27' });
    expect(item.deadlines.find((d) => d.label === '向“台儿庄区财政局”发出征求意见函的期限')).toMatchObject({ due: '2026-11-27', overdue: false });
    clock.advance(7 * 86_400_000);
    item = await wf.get(item.id);
    expect(item.deadlines.find((d) => d.label === '向“台儿庄区财政局”发出征求意见函的期限')).toMatchObject({ overdue: true });
  });

  it('a disagreement between agencies goes to coordination, whose result is recorded (001 协调 第九条)', async () => {
    const wf = await setUp('taierzhuang');
    await as(core, 'liu');
    let item = await wf.register(fields());
    item = await wf.consult({ itemId: item.id, kind: 'agency', party: '台儿庄区住建局', matters: '是否同意公开', sentOn: '2026-11-23', deadline: '2026-11-30' });
    const id = item.consultations[0]!.id;
    item = await wf.consultationReply({ itemId: item.id, consultationId: id, reply: 'disagree', replyOn: '2026-11-25', reason: '数据尚未核定' });
    expect(item.blockers).toContain('“台儿庄区住建局”不同意公开，应报请主管部门或上一级行政机关协调');
    item = await wf.coordinate({ itemId: item.id, consultationId: id, authority: '台儿庄区人民政府办公室', documentNumber: '台政办函〔2026〕3号', decidedOn: '2026-11-26', agreed: true, text: '同意公开' });
    expect(item.consultations[0]!.standing).toBe('coordinated');
    expect(item.blockers).toEqual([]);
  });

  it('the public-interest override exists only where granted (000 第十五条): never under 阿尔山', async () => {
    const wf = await setUp('aershan');
    await as(core, 'liu');
    let item = await wf.register(fields({ thirdParties: ['某某公司'] }));
    item = await wf.consultationSent({ itemId: item.id, consultationId: item.consultations[0]!.id, matters: '是否同意公开', sentOn: '2026-11-23', deadline: '2026-11-30' });
    item = await wf.consultationReply({ itemId: item.id, consultationId: item.consultations[0]!.id, reply: 'disagree', replyOn: '2026-11-24', reason: '商业秘密' });
    await as(core, 'sun');
    expect(await refusal(wf.override({ itemId: item.id, consultationId: item.consultations[0]!.id, decision: '公开', reasons: '公共利益', noticeSentOn: '2026-11-25' }))).toMatch(/未规定第三方不同意时可因公共利益决定公开/);
  });

  it('a 暂缓公开 review date lies in the future (000 第七条)', async () => {
    const wf = await setUp('tongliao');
    await as(core, 'liu');
    const item = await wf.register(fields());
    expect(await refusal(wf.opinion({ itemId: item.id, stepId: 'initial', opinionId: 'defer', ...REASONED, deferUntil: '2026-11-20' }))).toBe('暂缓公开的复查日期应在今天之后');
  });

  it('阿尔山 附件6 第十条: the 保密工作部门 confirms the 区分处理 of an item with secret content, and only then', async () => {
    const wf = await setUp('aershan');
    await as(core, 'liu');
    const plain = await wf.register(fields());
    const marked = await wf.register(fields({ classification: '秘密', classificationTerm: '2025年12月31日' }));
    for (const item of [plain, marked]) {
      await as(core, 'liu');
      await wf.opinion({ itemId: item.id, stepId: 'apply', opinionId: 'apply', ...PLAIN });
      await as(core, 'wang');
      await wf.opinion({ itemId: item.id, stepId: 'head', opinionId: 'pass', ...PLAIN });
      await as(core, 'zhao');
      await wf.opinion({ itemId: item.id, stepId: 'review', opinionId: 'partial', ...REASONED });
    }
    expect((await wf.get(plain.id)).currentStepId).toBe('approval');
    expect((await wf.get(marked.id)).currentStepId).toBe('secretConfirm');
  });

  it('yearly lists: the declassification clean-up of secret items due by the end of December (000 第二十八条), and re-examination of withheld items with their 备案 (004 附件6 第十二条, 附件1 第四条)', async () => {
    const wf = await setUp('aershan');
    await as(core, 'liu');
    const secret = await wf.register(fields({ title: '涉密事项', classification: '秘密', classificationTerm: '2027年12月31日' }));
    const item = await wf.register(fields({ title: '拟不予公开的事项' }));
    await wf.opinion({ itemId: item.id, stepId: 'apply', opinionId: 'apply', ...PLAIN });
    await as(core, 'wang');
    await wf.opinion({ itemId: item.id, stepId: 'head', opinionId: 'pass', ...PLAIN });
    await as(core, 'zhao');
    await wf.opinion({ itemId: item.id, stepId: 'review', opinionId: 'exempt', ...REASONED });
    await as(core, 'sun');
    await wf.opinion({ itemId: item.id, stepId: 'approval', opinionId: 'approve', ...PLAIN });
    // The secrecy office keeps the register of secret items (need-to-know: it sees that the
    // item in review exists, not its content) and the records of finished ones.
    await as(core, 'zhou');
    const clean = await wf.list('declassification');
    expect(clean.map((i) => i.id)).toEqual([secret.id]);
    expect(clean[0]!.deadlines.at(-1)).toMatchObject({ due: '2026-12-31', label: '年度解密清理，清理情况于 12 月底前报同级保密行政管理部门备案' });
    const recheck = await wf.list('recheck');
    expect(recheck.map((i) => i.id)).toEqual([item.id]);
    const duties = recheck[0]!.deadlines.slice(-2);
    expect(duties.map((d) => d.label)).toEqual(['不予公开事项年度复查', '暂不公开或不能公开的事项说明理由报备案']);
    expect(duties[1]!.basis).toMatch(/^附件1 第四条/);
  });

  it('an unclear item may go to the agency’s own secrecy office (001 《信息发布保密审查表》注4)', async () => {
    const wf = await setUp('taierzhuang');
    await as(core, 'liu');
    let item = await wf.register(fields());
    await wf.opinion({ itemId: item.id, stepId: 'submit', opinionId: 'submit', ...PLAIN });
    await as(core, 'zhao');
    await wf.opinion({ itemId: item.id, stepId: 'review', opinionId: 'escalate', ...REASONED });
    item = await wf.escalate({ itemId: item.id, addressee: '本机关保密工作机构', authority: '区政府办公室保密工作机构', materials: ['保密审查意见'], letterNumber: '', sentOn: '2026-11-23' });
    expect(item.escalations[0]).toMatchObject({ addressee: '本机关保密工作机构', deadline: null });
  });
});
