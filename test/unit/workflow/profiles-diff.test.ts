import { describe, expect, it } from 'vitest';
import { shippedProfiles } from '../../../electron/workflow/profiles';
import { profileDiff, type Profile } from '../../../shared/profile';

// The diff the procedure editor shows: one readable Chinese line per changed field,
// steps matched by id so moving a step reads as a move.

const base = (): Profile => structuredClone(shippedProfiles().find((p) => p.id === 'tongliao')!);

describe('profileDiff', () => {
  it('says nothing for an unchanged copy', () => {
    expect(profileDiff(base(), base())).toEqual([]);
  });

  it('names the step, the field and both values in the regulation’s words', () => {
    const after = base();
    after.steps[1]!.role = 'approver';
    after.steps[1]!.signer = '分管领导';
    after.steps[1]!.limitDays = 5;
    after.limits.publishWithinDays = 15;
    expect(profileDiff(base(), after)).toEqual([
      '第2步 签署角色：保密审查机构 → 分管领导',
      '第2步 签署人：复审审查人 → 分管领导',
      '第2步 办理期限：（无） → 5 个工作日',
      '期限 主动公开期限：20 个工作日 → 15 个工作日',
    ]);
  });

  it('reports added, removed and moved steps, opinions and checklist items', () => {
    const before = base();
    const after = base();
    const second = after.steps[1]!;
    after.steps[2] = { ...after.steps[2]!, opinions: after.steps[2]!.opinions.slice(0, 1) };
    after.steps.splice(3, 1);
    after.steps[1]!.checklist = ['是否涉及个人隐私'];
    after.steps[1]!.opinions[0]!.label = '同意主动公开';
    after.steps.push({ ...second, id: 'extra', name: '集体研究' });
    const lines = profileDiff(before, after);
    expect(lines).toContain('第2步 新增核对事项：是否涉及个人隐私');
    expect(lines).toContain('第2步 意见“主动公开”意见用语：主动公开 → 同意主动公开');
    expect(lines).toContain(`第3步 删除意见“${before.steps[2]!.opinions[1]!.label}”`);
    expect(lines).toContain('新增第4步“集体研究”（保密审查机构）');
    expect(lines).toContain(`删除原第4步“${before.steps[3]!.name}”`);
    const moved = base();
    moved.steps = [moved.steps[0]!, moved.steps[2]!, moved.steps[1]!, moved.steps[3]!];
    expect(profileDiff(before, moved)).toEqual([`“${before.steps[2]!.name}”由第3步移至第2步`, `“${before.steps[1]!.name}”由第2步移至第3步`]);
  });

  it('shows cited articles by what they are cited for, never by their key', () => {
    const after = base();
    after.limits.articles['publishWithinDays'] = '第二十条';
    const lines = profileDiff(base(), after);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^引用条款 主动公开期限：.+ → 第二十条$/);
    expect(lines[0]).not.toMatch(/[A-Za-z]/);
  });
});
