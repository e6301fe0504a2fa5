import { z } from 'zod';
import { op } from '../define';
import { ADMIN_ROLES, BUSINESS_ROLES, ROLES } from '../roles';
import { date, id, none, password, str, text, username } from '../schemas';
import type { AppInfo, AuditExtract, AuditPage, SecurityPolicy, SessionInfo, SetupResult, UserSummary, VerifyReport } from '../types';

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

export const audit = {
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
