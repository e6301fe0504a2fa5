import { z } from 'zod';
import { op } from '../define';
import { ADMIN_ROLES, BUSINESS_ROLES, ROLES } from '../roles';
import { date, id, none, password, str, text, username } from '../schemas';
import type { AppInfo, AuditExtract, AuditPage, SecurityPolicy, SessionInfo, SetupResult, UserSummary, VerifyReport } from '../types';
import type { AuditDeskPage } from '../audit';
import type { PrintedFormView } from './forms';

// Set-up, sessions, accounts, policy and the audit trail: the 三员's operations.

const adminAccount = z.object({ username, displayName: text(40), password });
const loginName = str().trim().min(1).max(64);

export const app = {
  info: op<AppInfo>()({ input: none, access: { kind: 'public' } }),
};

export const setup = {
  run: op<SetupResult>()({
    input: z.object({
      organizationName: text(100),
      organizationShortName: z
        .string()
        .trim()
        .min(1)
        .max(16)
        .regex(/^[A-Za-z0-9-]+$/, '简称用于导出包文件夹名，只能包含字母、数字和连字符'),
      sysAdmin: adminAccount,
      secAdmin: adminAccount,
      auditor: adminAccount,
    }),
    access: { kind: 'public' },
  }),
};

export const auth = {
  session: op<SessionInfo>()({ input: none, access: { kind: 'public' } }),
  login: op<SessionInfo>()({ input: z.object({ username: loginName, password }), access: { kind: 'public' } }),
  logout: op<null>()({ input: none, access: { kind: 'user', whilePasswordChange: true, whileLocked: true } }),
  changePassword: op<SessionInfo>()({
    input: z.object({ oldPassword: password, newPassword: password }),
    access: { kind: 'user', whilePasswordChange: true },
  }),
  unlock: op<SessionInfo>()({ input: z.object({ password }), access: { kind: 'user', whileLocked: true, whilePasswordChange: true } }),
  recover: op<null>()({
    input: z.object({ recoveryCode: str().min(10).max(64), username: loginName, newPassword: password }),
    access: { kind: 'public' },
  }),
  touch: op<null>()({ input: none, access: { kind: 'user', whilePasswordChange: true } }),
  /** Locks the screen now; the unlock needs the password, drafts stay in the renderer's memory. */
  lock: op<SessionInfo>()({ input: none, access: { kind: 'user' } }),
};

export const USER_STATUSES = ['active', 'disabled', 'locked', 'mustChangePassword'] as const;
export const USER_STATUS_LABELS: Record<(typeof USER_STATUSES)[number], string> = { active: '正常', disabled: '已停用', locked: '已锁定', mustChangePassword: '待修改密码' };
export const USER_SORTS = ['username', 'displayName', 'department', 'createdAt'] as const;

export const userPageInput = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(5).max(200).default(20),
  role: z.enum(ROLES).optional(),
  department: str().max(60).optional(),
  status: z.enum(USER_STATUSES).optional(),
  /** Part of the user name or the person's name. */
  text: str().trim().max(40).optional(),
  sort: z.enum(USER_SORTS).default('createdAt'),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export interface UserPage {
  total: number;
  users: UserSummary[];
  /** Every department with an account, for the filter. */
  departments: string[];
}

export const users = {
  list: op<UserSummary[]>()({ input: none, access: { kind: 'user', roles: ['sysAdmin', 'secAdmin', 'auditor'] } }),
  create: op<UserSummary>()({
    input: z.object({
      username,
      displayName: text(40),
      department: text(60),
      roles: z.array(z.enum(BUSINESS_ROLES)).min(1),
      initialPassword: password,
    }),
    access: { kind: 'user', roles: ['sysAdmin'] },
  }),
  update: op<UserSummary>()({
    input: z.object({ id, displayName: text(40), department: text(60), roles: z.array(z.enum(ROLES)).min(1) }),
    access: { kind: 'user', roles: ['sysAdmin'] },
  }),
  setDisabled: op<UserSummary>()({ input: z.object({ id, disabled: z.boolean() }), access: { kind: 'user', roles: ['sysAdmin'] } }),
  resetPassword: op<UserSummary>()({ input: z.object({ id, initialPassword: password }), access: { kind: 'user', roles: ['sysAdmin'] } }),
  unlockAccount: op<UserSummary>()({ input: z.object({ id }), access: { kind: 'user', roles: ['sysAdmin'] } }),
  /** The 系统管理员's list: filtered, sorted and paged in the database. */
  page: op<UserPage>()({ input: userPageInput, access: { kind: 'user', roles: ['sysAdmin'] } }),
};

export const policyInput = z.object({
  minPasswordLength: z.number().int().min(8).max(64),
  minCharClasses: z.number().int().min(3).max(4),
  maxFailedLogins: z.number().int().min(3).max(10),
  lockoutMinutes: z.number().int().min(10).max(24 * 60),
  idleLockMinutes: z.number().int().min(1).max(30),
  /** The 系统管理员 is reminded at login when the last backup is older than this. */
  backupReminderDays: z.number().int().min(1).max(90).default(7),
});

export const policy = {
  get: op<SecurityPolicy>()({ input: none, access: { kind: 'user', roles: [...ADMIN_ROLES] } }),
  update: op<SecurityPolicy>()({ input: policyInput, access: { kind: 'user', roles: ['secAdmin'] } }),
};

export const backup = {
  /** A consistent encrypted snapshot of the store, with the keyslot file and a signed manifest. */
  create: op<{ path: string; manifestSha256: string; auditHead: { seq: number; hash: string } | null }>()({
    input: z.object({ parentDir: str().trim().min(1).max(1000) }),
    access: { kind: 'user', roles: ['sysAdmin'] },
  }),
};

export const auditPageInput = z.object({
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(5).max(200).default(50),
  actor: id.optional(),
  /** Actions to show (a group or single actions); empty shows all. */
  actions: z.array(str().max(64)).max(100).optional(),
  /** Part of an item's title: the entries about those items. */
  item: str().trim().max(100).optional(),
  subject: id.optional(),
  from: date.optional(),
  to: date.optional(),
});

/** A range of the trail by sequence numbers or by dates (Beijing time); sequence numbers win when both are given. */
export const auditRangeInput = z
  .object({ fromSeq: z.number().int().min(1).optional(), toSeq: z.number().int().min(1).optional(), from: date.optional(), to: date.optional() })
  .refine((r) => (r.fromSeq !== undefined && r.toSeq !== undefined) || (r.from !== undefined && r.to !== undefined), '请填写起止序号或起止日期');

export interface AuditCheckpointView {
  seq: number;
  hash: string;
  time: string;
  by: string;
  /** The auditor's signature over “序号:哈希”, with the key that made it (base64). */
  signature: string | null;
  publicKey: string | null;
  /** The entry that records the checkpoint. */
  entrySeq: number;
}

export interface AuditSignedExtractView {
  fileName: string;
  /** The whole extract with its signature inside (mishen-audit-extract/2). */
  json: string;
  csv: string;
  fromSeq: number;
  toSeq: number;
  count: number;
}

export const audit = {
  /** The auditor's desk: filters on the server, SQL paging, names and words for every column. */
  page: op<AuditDeskPage>()({ input: auditPageInput, access: { kind: 'user', roles: ['auditor'] } }),
  /** How far a running verification has got (0–1); polled while verify runs. */
  progress: op<{ running: boolean; fraction: number }>()({ input: none, access: { kind: 'user', roles: ['auditor'] } }),
  /** Checkpoints the auditor signed, with their signatures, newest first. */
  checkpointList: op<AuditCheckpointView[]>()({ input: none, access: { kind: 'user', roles: ['auditor'] } }),
  /** A range as a signed extract: entries, chain proofs, keys, the auditor's signature inside. */
  signedExtract: op<AuditSignedExtractView>()({ input: auditRangeInput, access: { kind: 'user', roles: ['auditor'] } }),
  /** A range printed as 《安全审计记录摘录》 (PDF made in the main process, kept and recorded). */
  printExtract: op<PrintedFormView>()({ input: auditRangeInput, access: { kind: 'user', roles: ['auditor'] } }),
  /** A countersigned checkpoint printed to keep (请打印留存), by the seq of the entry that records it. */
  printCheckpoint: op<PrintedFormView>()({ input: z.object({ entrySeq: z.number().int().min(1) }), access: { kind: 'user', roles: ['auditor'] } }),
  list: op<AuditPage>()({
    input: z.object({
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(500),
      actor: id.optional(),
      action: str().max(64).optional(),
      subject: id.optional(),
      from: date.optional(),
      to: date.optional(),
    }),
    access: { kind: 'user', roles: ['auditor'] },
  }),
  /** Countersigned checkpoints, newest first. */
  checkpoints: op<Array<{ seq: number; hash: string; time: string; by: string }>>()({ input: none, access: { kind: 'user', roles: ['auditor'] } }),
  /** A range of the trail as a signed extract (JSON + CSV), itself recorded in the trail. */
  extract: op<AuditExtract>()({
    input: z.object({ fromSeq: z.number().int().min(1), toSeq: z.number().int().min(1) }),
    access: { kind: 'user', roles: ['auditor'] },
  }),
  verify: op<VerifyReport>()({
    input: z.object({ checkpoint: z.string().regex(/^\d+:[0-9a-f]{64}$/, '检查点格式应为 序号:哈希').optional() }),
    access: { kind: 'user', roles: ['auditor'] },
  }),
  countersign: op<{ seq: number; hash: string }>()({ input: none, access: { kind: 'user', roles: ['auditor'] } }),
  /** Re-hashes every stored carrier file against its SHA-256. */
  verifyFiles: op<{ checked: number; bad: Array<{ sha256: string; documents: string[] }> }>()({ input: none, access: { kind: 'user', roles: ['auditor'] } }),
};
