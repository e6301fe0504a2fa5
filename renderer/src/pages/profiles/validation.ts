import type { z } from 'zod';
import { issueMessage, type FieldLabels } from '../../../../shared/messages';
import { profileSchema, type Profile } from '../../../../shared/profile';
import { zodValidate } from '../../forms';

// The procedure editor checks with the profile schema the main process parses saved
// procedures with; these labels name each field as the editor shows it.

export const PROFILE_FIELD_LABELS: FieldLabels = {
  name: '名称',
  shortName: '简称',
  source: '制度来源',
  steps: '步骤',
  role: '签署角色',
  signer: '签署人',
  article: '条款',
  instruction: '办理说明',
  checklist: '核对事项',
  limitDays: '办理期限',
  when: '适用条件',
  opinions: '意见用语',
  label: '意见用语',
  effect: '效果',
  outcome: '结果',
  disclosure: '公开属性',
  sendBackTo: '退回到',
  publishWithinDays: '主动公开期限',
  escalationReplyDays: '报审答复期限',
  agencyReplyDays: '有关机关答复期限',
  secrecyOfficeReplyDays: '保密工作部门答复期限',
  applicationReplyDays: '答复申请期限',
  articles: '引用条款',
  consultations: '征求意见规则',
};

export type ProfileDraft = z.input<typeof profileSchema>;

export const validateProfile = zodValidate(profileSchema, PROFILE_FIELD_LABELS);

/** Where an issue sits, in words: 第2步 意见 3 → shown with the advanced tab's errors. */
function place(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    if (path[i] === 'steps' && typeof path[i + 1] === 'number') parts.push(`第${(path[i + 1] as number) + 1}步`);
    if (path[i] === 'opinions' && typeof path[i + 1] === 'number') parts.push(`第${(path[i + 1] as number) + 1}个意见`);
  }
  return parts.length ? `${parts.join(' ')}：` : '';
}

/** A JSON text as a profile, or a Chinese error naming its line or its field. */
export function parseProfileText(text: string): { ok: true; profile: Profile } | { ok: false; message: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : '';
    const line = /line (\d+)/.exec(msg)?.[1] ?? lineAt(text, Number(/position (\d+)/.exec(msg)?.[1] ?? NaN));
    return { ok: false, message: line ? `JSON 格式有误：第 ${line} 行附近` : 'JSON 格式有误：内容不完整' };
  }
  const parsed = profileSchema.safeParse(raw);
  if (parsed.success) return { ok: true, profile: parsed.data };
  const first = parsed.error.issues.slice(0, 3).map((i) => `${place(i.path)}${issueMessage(i, PROFILE_FIELD_LABELS)}`);
  return { ok: false, message: `流程配置有误：${first.join('；')}` };
}

function lineAt(text: string, position: number): string | null {
  if (!Number.isFinite(position)) return null;
  return String(text.slice(0, position).split('\n').length);
}
