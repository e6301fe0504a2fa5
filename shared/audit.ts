import { FINDING_LABELS } from './documents';
import { ROLE_LABELS, ROLES, type Role } from './roles';
import type { AuditEntryView } from './types';
import { GROUND_LABELS } from './workflow';

// How each audited action is named on screen and in print. A unit test reads every
// action the main process records and fails when one has no label here.
export const ACTION_LABELS: Record<string, string> = {
  'system.setup': '系统初始化',
  'user.created': '创建用户',
  'user.updated': '修改用户',
  'user.disabled': '停用用户',
  'user.enabled': '启用用户',
  'user.passwordReset': '重置密码',
  'user.unlocked': '解锁账号',
  'user.keyRegistered': '登记签名密钥',
  'user.keyRevoked': '作废签名密钥',
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.loginFailed': '登录失败',
  'auth.accountLocked': '账号锁定',
  'auth.loginRefused': '拒绝登录',
  'auth.passwordChanged': '修改密码',
  'auth.sessionLocked': '会话锁定',
  'auth.sessionUnlocked': '会话解锁',
  'auth.recoveryUsed': '使用恢复码',
  'integrity.warning': '数据完整性警告',
  'policy.updated': '修改安全策略',
  'audit.verified': '验证审计日志',
  'audit.countersigned': '签署检查点',
  'audit.filesVerified': '核验存储文件',
  'backup.created': '备份数据',
  'audit.extracted': '导出审计记录',
  'bundle.exported': '导出发布包',
  'form.printed': '打印表单',
  'item.published': '登记网站发布',
  'application.registered': '登记政府信息公开申请',
  'application.correctionRequested': '告知补正',
  'application.corrected': '收到补正',
  'application.extended': '延期答复',
  'application.thirdParty': '征求第三方意见',
  'application.replied': '答复申请',
  'report.reviewCounts': '登记行政复议和诉讼件数',
  'profile.activated': '选定审查流程',
  'profile.saved': '保存审查流程',
  'basis.created': '新增审查依据',
  'basis.updated': '修改审查依据',
  'calendar.imported': '导入工作日历',
  'item.registered': '登记事项',
  'item.opinion': '签署审查意见',
  'item.objection': '提出异议',
  'item.escalated': '报审',
  'item.escalationReply': '登记报审答复',
  'item.consulted': '征求意见',
  'item.consultationReply': '登记征求意见答复',
  'item.publicInterestOverride': '公共利益决定',
  'item.declassified': '办理解密手续',
  'item.specialApproval': '登记有权机关批准',
  'item.reopened': '复查',
  'item.reclassified': '更正密级',
  'item.coordinated': '登记协调结果',
  'item.recalled': '撤回',
  'document.attached': '附加载体文件',
  'finding.confirmed': '确认发现',
  'finding.dismissed': '排除发现',
  'finding.marked': '手工标记',
  'publicVersion.produced': '制作公开版本',
  'application.narrowed': '拆分申请',
  'profile.deleted': '删除试用审查流程',
  'keys.rotated': '更换数据密钥',
  'keys.rotationUndone': '撤销未完成的密钥更换',
  'keys.slotRewrapped': '重新封装钥匙槽',
  'keys.bridgesRemoved': '清除旧密钥过渡封装',
};

/** The filter's action groups, in the order the auditor thinks of them; every labelled action is in exactly one. */
export const ACTION_GROUPS: ReadonlyArray<{ label: string; prefixes: readonly string[] }> = [
  { label: '登录与会话', prefixes: ['auth.'] },
  { label: '账号与密钥', prefixes: ['user.', 'system.', 'keys.'] },
  { label: '安全策略与审计', prefixes: ['policy.', 'audit.', 'integrity.', 'backup.'] },
  { label: '审查事项', prefixes: ['item.', 'form.'] },
  { label: '载体文件与发现', prefixes: ['document.', 'finding.', 'publicVersion.'] },
  { label: '发布', prefixes: ['bundle.'] },
  { label: '依申请公开', prefixes: ['application.', 'report.'] },
  { label: '审查流程、依据与日历', prefixes: ['profile.', 'basis.', 'calendar.'] },
];

export function actionGroup(action: string): string {
  return ACTION_GROUPS.find((g) => g.prefixes.some((p) => action.startsWith(p)))?.label ?? '其他';
}

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? `未命名的操作（${action}）`;
}

/** The role an entry was recorded under ('handler,reviewer' for several, 'system' for the program), in Chinese. */
export function roleLabel(role: string): string {
  if (role === 'system') return '系统';
  return role
    .split(',')
    .map((r) => ((ROLES as readonly string[]).includes(r) ? ROLE_LABELS[r as Role] : r))
    .join('、');
}

/** One line of an entry's recorded details; hashes are shown short, the full value on demand. */
export interface AuditDetail {
  label: string;
  value: string;
  hash?: boolean;
}

/** An entry as the auditor's desk shows it. */
export interface AuditDeskEntry extends AuditEntryView {
  roleLabel: string;
  details: AuditDetail[];
}

export interface AuditDeskPage {
  total: number;
  entries: AuditDeskEntry[];
  /** Entries per action group under the same filters but any action: the numbers beside the action filter. */
  groups: Array<{ label: string; count: number }>;
  /** The trail's whole length, for the extract's range. */
  head: { seq: number; hash: string } | null;
}

const HASH_KEYS: Record<string, string> = {
  sha256: 'SHA-256',
  originalSha256: '原件 SHA-256',
  contentSha256: '内容 SHA-256',
  manifestSha256: '清单 SHA-256',
  hash: '哈希',
  head: '末条哈希',
  fingerprint: '密钥指纹',
  publicKey: '公钥',
  signature: '签名',
};

const PLAIN_KEYS: Record<string, string> = {
  reason: '理由',
  name: '名称',
  round: '轮次',
  seq: '序号',
  fromSeq: '起始序号',
  toSeq: '截止序号',
  count: '条数',
  checked: '已核对',
  pages: '页数',
  removed: '删除处数',
  number: '编号',
  version: '版本',
  year: '年度',
};

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The recorded details of an entry in words: the opinion, grounds, bases, reason, hashes.
 * Only named keys are shown, so nothing the trail holds for programs (ids, whole profile
 * definitions) appears as a schema key on screen; the raw record stays available to expand.
 */
export function auditDetails(payload: unknown, basisTitle: (id: string) => string | undefined = () => undefined): AuditDetail[] {
  if (!isObj(payload)) return [];
  const out: AuditDetail[] = [];
  const p = payload;
  if (typeof p.text === 'string' && p.text) out.push({ label: '内容', value: p.text });
  if (isObj(p.step) && typeof p.step.name === 'string') out.push({ label: '环节', value: p.step.name });
  if (isObj(p.opinion) && typeof p.opinion.label === 'string') out.push({ label: '意见', value: p.opinion.label });
  if (Array.isArray(p.grounds) && p.grounds.length)
    out.push({ label: '情形', value: p.grounds.map((g) => GROUND_LABELS[g as keyof typeof GROUND_LABELS] ?? String(g)).join('；') });
  if (Array.isArray(p.bases) && p.bases.length) out.push({ label: '依据', value: p.bases.map((b) => basisTitle(String(b)) ?? String(b)).join('；') });
  if (Array.isArray(p.findings) && p.findings.length) {
    const kinds = [...new Set(p.findings.map((f) => (isObj(f) ? FINDING_LABELS[f.kind as keyof typeof FINDING_LABELS] : undefined)).filter(Boolean))];
    out.push({ label: '发现', value: `${p.findings.length} 处${kinds.length ? `（${kinds.join('、')}）` : ''}` });
  }
  if (typeof p.ok === 'boolean') out.push({ label: '结果', value: p.ok ? '通过' : '未通过' });
  if (isObj(p.firstBad) && typeof p.firstBad.seq === 'number') out.push({ label: '首个问题', value: `第 ${p.firstBad.seq} 条：${String(p.firstBad.reason ?? '')}` });
  for (const [k, label] of Object.entries(PLAIN_KEYS)) {
    const v = p[k];
    if ((typeof v === 'string' && v.trim()) || typeof v === 'number') out.push({ label, value: String(v) });
  }
  if (isObj(p.checkpoint) && typeof p.checkpoint.seq === 'number')
    out.push({ label: '检查点', value: `${p.checkpoint.seq}:${String(p.checkpoint.head ?? p.checkpoint.hash ?? '')}`, hash: true });
  for (const [k, label] of Object.entries(HASH_KEYS)) if (typeof p[k] === 'string' && p[k]) out.push({ label, value: p[k], hash: true });
  return out;
}

/** Subjects that are no row of their own, in words. */
export const SUBJECT_LABELS: Record<string, string> = {
  audit_log: '审计日志',
  organization: '本单位',
  security_policy: '安全策略',
  blobs: '存储文件',
  data: '数据目录',
  register: '政府信息公开登记',
  'unknown-account': '未知账号',
};
