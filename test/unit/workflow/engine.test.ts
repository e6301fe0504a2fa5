import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/roles';
import type { Profile } from '../../../shared/workflow';
import { activeSteps, declassify, initialState, reopen, resumeAfterEscalation, submitOpinion, type Actor, type ReviewState } from '../../../electron/workflow/engine';
import { parseProfile, shippedProfiles } from '../../../electron/workflow/profiles';

const profiles = Object.fromEntries(shippedProfiles().map((p) => [p.id, p]));
const P = (id: string): Profile => profiles[id]!;
const user = (userId: string, ...roles: Role[]): Actor => ({ userId, roles });
const handler = user('h', 'handler');
const head = user('d', 'deptHead');
const reviewer = user('r', 'reviewer');
const reviewer2 = user('r2', 'reviewer');
const approver = user('a', 'approver');
const approver2 = user('a2', 'approver');
const basis = { grounds: ['PERSONAL_PRIVACY' as const], bases: ['basis-1'], reason: '含有身份证号码' };
const plain = { grounds: [], bases: [], reason: '' };
/** 忻府 第十一条: every opinion, 公开 included, carries its 依据 and 理由. */
const cited = { bases: ['basis-1'], reason: '经审查不涉及国家秘密、商业秘密和个人隐私' };

function run(p: Profile, s: ReviewState, steps: Array<[Actor, string, Partial<typeof basis>?]>, blockers: string[] = []): ReviewState {
  for (const [actor, opinionId, extra] of steps) {
    const t = submitOpinion(p, s, actor, { stepId: s.stepId, opinionId, ...plain, ...extra }, blockers);
    if (!t.ok) throw new Error(t.message);
    s = t.state;
  }
  return s;
}
const start = (p: Profile, o: Partial<{ sensitive: boolean; marked: boolean }> = {}) =>
  initialState(p, { registeredBy: 'h', sensitive: false, marked: false, ...o });

describe('shipped profiles', () => {
  it('all five validate and carry their regulation’s words', () => {
    expect(Object.keys(profiles).sort()).toEqual(['aershan', 'taierzhuang', 'tongliao', 'xinfu', 'yongji']);
    const words = (id: string, step: string) => P(id).steps.find((s) => s.id === step)!.opinions.map((o) => o.label);
    expect(words('taierzhuang', 'review')).toEqual(expect.arrayContaining(['同意公开', '不同意公开']));
    expect(words('taierzhuang', 'approval')).toEqual(['同意', '不同意']);
    expect(words('xinfu', 'review')).toEqual(expect.arrayContaining(['公开', '不予公开', '须报审']));
    expect(words('yongji', 'review')).toEqual(expect.arrayContaining(['主动公开', '依申请公开', '免予公开']));
    expect(words('aershan', 'review')).toEqual(expect.arrayContaining(['主动公开', '依申请公开', '免于公开', '需报审']));
    expect(words('tongliao', 'review')).toEqual(expect.arrayContaining(['主动公开', '依申请公开', '部分公开', '不予公开', '需报审']));
    expect(P('tongliao').steps.map((s) => s.name)).toEqual(['初审', '复审', '保密领导小组审核确认', '审批']);
    expect(P('tongliao').steps.find((s) => s.id === 'confirm')).toMatchObject({ when: 'partial', role: 'secrecyOffice', article: '第八条' });
    expect(P('tongliao').steps.map((s) => s.signer).slice(0, 2)).toEqual(['初审审查人', '复审审查人']);
    expect(P('aershan').steps.find((s) => s.id === 'secretConfirm')).toMatchObject({ when: 'partialSecret', role: 'secrecyOffice', article: '附件6 第十条' });
    expect(P('taierzhuang').steps.find((s) => s.id === 'review')!.limitDays).toBe(1);
    expect(P('xinfu').steps.find((s) => s.id === 'review')!.limitDays).toBe(3);
    // 永吉 第十条 binds the 保密工作部门, not the 主管部门.
    expect(P('yongji').limits.escalationReplyDays).toBeNull();
    expect(P('yongji').limits.secrecyOfficeReplyDays).toBe(5);
    expect(Object.fromEntries(Object.values(profiles).map((p) => [p.id, p.limits.publicInterestOverride]))).toEqual({ tongliao: true, taierzhuang: true, yongji: false, xinfu: false, aershan: false });
    expect(P('tongliao').limits.escalationReplyDays).toBe(10);
    expect(P('aershan').limits.publishWithinDays).toBe(20);
  });

  it('rejects a malformed copy with a Chinese reason', () => {
    const bad = structuredClone(P('tongliao')) as unknown as { steps: Array<{ role: string; opinions: Array<{ sendBackTo?: string }> }> };
    bad.steps[0]!.role = 'reviewer';
    const r = parseProfile(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('第一步必须由承办人办理');
    const back = structuredClone(P('tongliao')) as unknown as { steps: Array<{ opinions: Array<{ sendBackTo?: string }> }> };
    back.steps[2]!.opinions[1]!.sendBackTo = 'nowhere';
    expect(parseProfile(back).ok).toBe(false);
  });
});

describe('engine', () => {
  it('通辽: 初审 → 复审 → 审批 reaches publication', () => {
    const s = run(P('tongliao'), start(P('tongliao')), [[handler, 'active'], [reviewer, 'active'], [approver, 'approve']]);
    expect(s.status).toBe('approved');
    expect(s.proposal).toMatchObject({ outcome: 'PUBLISH', disclosure: '主动公开' });
  });

  it('台儿庄: the leader’s 不同意 sends the item back to the review office, which reviews again', () => {
    const p = P('taierzhuang');
    let s = run(p, start(p), [[handler, 'submit'], [reviewer, 'agree']]);
    const back = submitOpinion(p, s, approver, { stepId: 'approval', opinionId: 'reject', ...plain });
    expect(back.ok || back.message).toMatch(/须说明理由/);
    s = run(p, s, [[approver, 'reject', { reason: '涉及未公开的会议内容' }]]);
    expect(s).toMatchObject({ status: 'inReview', stepId: 'review', round: 2, proposal: null });
    s = run(p, s, [[reviewer, 'disagree', basis], [approver, 'approve']]);
    expect(s.status).toBe('withheld');
  });

  it('忻府: four steps, each by its own person', () => {
    const p = P('xinfu');
    expect(activeSteps(p, { sensitive: false, marked: false, proposal: null }).map((x) => x.role)).toEqual(['handler', 'deptHead', 'reviewer', 'approver']);
    expect(() => run(p, start(p), [[handler, 'open']])).toThrow('意见“公开”须至少引用一项审查依据');
    const s = run(p, start(p), [[handler, 'open', cited], [head, 'open', cited], [reviewer, 'open', cited], [approver, 'approve']]);
    expect(s.status).toBe('approved');
    expect(s.path.map((x) => x.userId)).toEqual(['h', 'd', 'r', 'a']);
  });

  it('阿尔山: a sensitive item needs the 市政府办公室分管领导 as a further approver', () => {
    const p = P('aershan');
    const normal = run(p, start(p), [[handler, 'apply'], [head, 'pass'], [reviewer, 'active'], [approver, 'approve']]);
    expect(normal.status).toBe('approved');
    let s = run(p, start(p, { sensitive: true }), [[handler, 'apply'], [head, 'pass'], [reviewer, 'active'], [approver, 'approve']]);
    expect(s).toMatchObject({ status: 'inReview', stepId: 'cityApproval' });
    const same = submitOpinion(p, s, approver, { stepId: 'cityApproval', opinionId: 'approve', ...plain });
    expect(same.ok || same.message).toMatch(/一人只能签署一个环节/);
    s = run(p, s, [[approver2, 'approve']]);
    expect(s.status).toBe('approved');
  });

  it('refuses the wrong role, the registrant at a later step, and stale steps', () => {
    const p = P('tongliao');
    const s0 = start(p);
    expect(submitOpinion(p, s0, reviewer, { stepId: 'initial', opinionId: 'active', ...plain }).ok).toBe(false);
    const other = user('h2', 'handler');
    const notRegistrant = submitOpinion(p, s0, other, { stepId: 'initial', opinionId: 'active', ...plain });
    expect(notRegistrant.ok || notRegistrant.message).toMatch(/登记该事项的承办人/);
    const s1 = run(p, s0, [[handler, 'active']]);
    const selfReview = submitOpinion(p, s1, user('h', 'handler', 'reviewer', 'approver'), { stepId: 'review', opinionId: 'active', ...plain });
    expect(selfReview.ok || selfReview.message).toMatch(/一人只能签署一个环节/);
    expect(submitOpinion(p, s1, reviewer, { stepId: 'initial', opinionId: 'active', ...plain }).ok).toBe(false);
  });

  it('anything but full publication needs grounds, a basis and a reason', () => {
    const p = P('tongliao');
    const s1 = run(p, start(p), [[handler, 'active']]);
    for (const [extra, msg] of [
      [{}, '至少选择一项情形'],
      [{ grounds: ['PERSONAL_PRIVACY'] }, '至少引用一项审查依据'],
      [{ grounds: ['PERSONAL_PRIVACY'], bases: ['b'] }, '须说明理由'],
    ] as const) {
      const r = submitOpinion(p, s1, reviewer, { stepId: 'review', opinionId: 'withhold', ...plain, ...extra });
      expect(r.ok || r.message).toContain(msg);
    }
    const defer = submitOpinion(p, s1, reviewer, { stepId: 'review', opinionId: 'defer', ...basis });
    expect(defer.ok || defer.message).toContain('复查日期');
  });

  it('escalation pauses the item and the reply resumes it at the same step', () => {
    const p = P('xinfu');
    let s = run(p, start(p), [[handler, 'open', cited], [head, 'open', cited], [reviewer, 'escalate', basis]]);
    expect(s).toMatchObject({ status: 'escalated', stepId: 'review' });
    expect(submitOpinion(p, s, reviewer2, { stepId: 'review', opinionId: 'open', ...plain }).ok).toBe(false);
    s = resumeAfterEscalation(s);
    expect(s).toMatchObject({ status: 'inReview', stepId: 'review', proposal: null });
    s = run(p, s, [[reviewer, 'open', cited], [approver, 'approve']]);
    expect(s.status).toBe('approved');
  });

  it('blockers stop only the opinion that would publish', () => {
    const p = P('tongliao');
    const s = run(p, start(p), [[handler, 'active'], [reviewer, 'active']]);
    const blocked = submitOpinion(p, s, approver, { stepId: 'approval', opinionId: 'approve', ...plain }, ['第三方不同意公开']);
    expect(blocked.ok || blocked.message).toBe('尚不能批准公开：第三方不同意公开');
    const withheld = run(p, run(p, start(p), [[handler, 'active'], [reviewer, 'withhold', basis]]), [[approver, 'approve']], ['第三方不同意公开']);
    expect(withheld.status).toBe('withheld');
  });

  it('a marked item waits for declassification before it is approved', () => {
    const p = P('tongliao');
    const s = run(p, start(p, { marked: true }), [[handler, 'active'], [reviewer, 'active'], [approver, 'approve']]);
    expect(s.status).toBe('awaitingDeclassification');
    expect(declassify(s).status).toBe('approved');
  });

  it('a withheld item can be reopened for re-examination', () => {
    const p = P('tongliao');
    const s = run(p, start(p), [[handler, 'withhold', basis], [reviewer, 'withhold', basis], [approver, 'approve']]);
    expect(s.status).toBe('withheld');
    const r = reopen(p, s);
    expect(r).toMatchObject({ status: 'inReview', stepId: 'review', proposal: null });
    expect(run(p, r, [[reviewer, 'active'], [approver, 'approve']]).status).toBe('approved');
  });
});
