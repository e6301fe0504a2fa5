import { z } from 'zod';
import { event, op } from './define';
import { ADMIN_ROLES, BUSINESS_ROLES, ROLES } from './roles';
import type {
  AppInfo,
  AuditPage,
  SecurityPolicy,
  SessionInfo,
  SetupResult,
  UserSummary,
  VerifyReport,
} from './types';

// The one IPC contract: every operation the renderer may call, with its channel, its
// input schema, its output type and who may call it. The preload and the browser host
// build window.mishen from this object; the main process registers handlers for it.

const none = z.undefined();
const text = (max: number) => z.string().trim().min(1).max(max);
const username = z
  .string()
  .trim()
  .min(2)
  .max(32)
  .regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含字母、数字、下划线、点和连字符');
const password = z.string().min(1).max(256);
const adminAccount = z.object({ username, displayName: text(40), password });
const id = z.string().min(1).max(64);

export const contract = {
  app: {
    info: op<AppInfo>()({ channel: 'mishen:app.info', input: none, access: { kind: 'public' } }),
  },
  setup: {
    run: op<SetupResult>()({
      channel: 'mishen:setup.run',
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
  },
  auth: {
    session: op<SessionInfo>()({
      channel: 'mishen:auth.session',
      input: none,
      access: { kind: 'public' },
    }),
    login: op<SessionInfo>()({
      channel: 'mishen:auth.login',
      input: z.object({ username: z.string().trim().min(1).max(64), password }),
      access: { kind: 'public' },
    }),
    logout: op<null>()({
      channel: 'mishen:auth.logout',
      input: none,
      access: { kind: 'user', whilePasswordChange: true, whileLocked: true },
    }),
    changePassword: op<SessionInfo>()({
      channel: 'mishen:auth.changePassword',
      input: z.object({ oldPassword: password, newPassword: password }),
      access: { kind: 'user', whilePasswordChange: true },
    }),
    unlock: op<SessionInfo>()({
      channel: 'mishen:auth.unlock',
      input: z.object({ password }),
      access: { kind: 'user', whileLocked: true, whilePasswordChange: true },
    }),
    recover: op<null>()({
      channel: 'mishen:auth.recover',
      input: z.object({ recoveryCode: z.string().min(10).max(64), username: z.string().trim().min(1).max(64), newPassword: password }),
      access: { kind: 'public' },
    }),
    touch: op<null>()({
      channel: 'mishen:auth.touch',
      input: none,
      access: { kind: 'user', whilePasswordChange: true },
    }),
  },
  users: {
    list: op<UserSummary[]>()({
      channel: 'mishen:users.list',
      input: none,
      access: { kind: 'user', roles: ['sysAdmin', 'secAdmin', 'auditor'] },
    }),
    create: op<UserSummary>()({
      channel: 'mishen:users.create',
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
      channel: 'mishen:users.update',
      input: z.object({
        id,
        displayName: text(40),
        department: text(60),
        roles: z.array(z.enum(ROLES)).min(1),
      }),
      access: { kind: 'user', roles: ['sysAdmin'] },
    }),
    setDisabled: op<UserSummary>()({
      channel: 'mishen:users.setDisabled',
      input: z.object({ id, disabled: z.boolean() }),
      access: { kind: 'user', roles: ['sysAdmin'] },
    }),
    resetPassword: op<UserSummary>()({
      channel: 'mishen:users.resetPassword',
      input: z.object({ id, initialPassword: password }),
      access: { kind: 'user', roles: ['sysAdmin'] },
    }),
    unlockAccount: op<UserSummary>()({
      channel: 'mishen:users.unlockAccount',
      input: z.object({ id }),
      access: { kind: 'user', roles: ['sysAdmin'] },
    }),
  },
  policy: {
    get: op<SecurityPolicy>()({
      channel: 'mishen:policy.get',
      input: none,
      access: { kind: 'user', roles: [...ADMIN_ROLES] },
    }),
    update: op<SecurityPolicy>()({
      channel: 'mishen:policy.update',
      input: z.object({
        minPasswordLength: z.number().int().min(8).max(64),
        minCharClasses: z.number().int().min(3).max(4),
        maxFailedLogins: z.number().int().min(3).max(10),
        lockoutMinutes: z.number().int().min(10).max(24 * 60),
        idleLockMinutes: z.number().int().min(1).max(30),
      }),
      access: { kind: 'user', roles: ['secAdmin'] },
    }),
  },
  audit: {
    list: op<AuditPage>()({
      channel: 'mishen:audit.list',
      input: z.object({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(500) }),
      access: { kind: 'user', roles: ['auditor'] },
    }),
    verify: op<VerifyReport>()({
      channel: 'mishen:audit.verify',
      input: z.object({
        checkpoint: z
          .string()
          .regex(/^\d+:[0-9a-f]{64}$/, '检查点格式应为 序号:哈希')
          .optional(),
      }),
      access: { kind: 'user', roles: ['auditor'] },
    }),
    countersign: op<{ seq: number; hash: string }>()({
      channel: 'mishen:audit.countersign',
      input: none,
      access: { kind: 'user', roles: ['auditor'] },
    }),
  },
} as const;

export const events = {
  session: event<SessionInfo>('mishen:event:session'),
} as const;

export type Contract = typeof contract;
export type Events = typeof events;
