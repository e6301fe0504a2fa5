import { z } from 'zod';
import { event, op } from './define';
import { ADMIN_ROLES, BUSINESS_ROLES, ROLES } from './roles';
import { CLASSIFICATIONS, DISCLOSURES, GROUNDS, PUBLISH_FORMS, SPECIAL_DOMAINS } from './workflow';
import { FINDING_KINDS, type DocumentDetail, type DocumentProgress, type DocumentView, type FindingView, type TextPage } from './documents';
import type {
  AppInfo,
  AuditPage,
  BasisEntry,
  CalendarPreview,
  CalendarStatus,
  CatalogueEntry,
  ItemDetail,
  ItemSummary,
  ProfileInfo,
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
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
const optText = (max: number) => z.string().trim().max(max);
const business = { kind: 'user', roles: [...BUSINESS_ROLES] } as const;
const itemId = z.object({ itemId: id });

const itemInput = z
  .object({
    title: text(200),
    documentNumber: optText(100),
    issuer: text(100),
    department: text(60),
    formedOn: date,
    category: optText(60),
    keywords: z.array(text(30)).max(20),
    summary: optText(2000),
    disclosure: z.enum(DISCLOSURES),
    publishForm: z.enum(PUBLISH_FORMS),
    reviewMode: z.enum(['主动审查', '依申请审查']),
    applicationNo: optText(60).nullable(),
    applicationReceivedOn: date.nullable(),
    coProducers: z.array(text(100)).max(20),
    thirdParties: z.array(text(100)).max(20),
    classification: z.enum(CLASSIFICATIONS),
    classificationTerm: optText(60).nullable(),
    specialDomains: z.array(z.enum(SPECIAL_DOMAINS)),
    sensitive: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.reviewMode === '依申请审查' && (!v.applicationNo || !v.applicationReceivedOn))
      ctx.addIssue({ code: 'custom', message: '依申请审查须填写申请编号和收到申请的日期', path: ['applicationNo'] });
    if (v.classification !== 'none' && !v.classificationTerm)
      ctx.addIssue({ code: 'custom', message: '标有密级的须填写保密期限', path: ['classificationTerm'] });
  });

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
  profiles: {
    list: op<ProfileInfo[]>()({ channel: 'mishen:profiles.list', input: none, access: { kind: 'user' } }),
    activate: op<ProfileInfo>()({
      channel: 'mishen:profiles.activate',
      input: z.object({ id: z.string().min(1).max(64), version: z.number().int().min(1) }),
      access: { kind: 'user', roles: ['secAdmin'] },
    }),
    save: op<ProfileInfo>()({
      channel: 'mishen:profiles.save',
      input: z.object({ definition: z.string().min(2).max(200_000) }),
      access: { kind: 'user', roles: ['secAdmin'] },
    }),
  },
  items: {
    register: op<ItemDetail>()({ channel: 'mishen:items.register', input: itemInput, access: { kind: 'user', roles: ['handler'] } }),
    list: op<ItemSummary[]>()({
      channel: 'mishen:items.list',
      input: z.object({ view: z.enum(['inbox', 'all', 'recheck']) }),
      access: business,
    }),
    get: op<ItemDetail>()({ channel: 'mishen:items.get', input: itemId, access: business }),
    submitOpinion: op<ItemDetail>()({
      channel: 'mishen:items.submitOpinion',
      input: z.object({
        itemId: id,
        stepId: id,
        opinionId: id,
        grounds: z.array(z.enum(GROUNDS)).max(GROUNDS.length),
        bases: z.array(id).max(50),
        reason: optText(4000),
        deferUntil: date.nullable().optional(),
      }),
      access: business,
    }),
    object: op<ItemDetail>()({
      channel: 'mishen:items.object',
      input: z.object({ itemId: id, text: text(4000) }),
      access: business,
    }),
    escalate: op<ItemDetail>()({
      channel: 'mishen:items.escalate',
      input: z.object({
        itemId: id,
        addressee: z.enum(['上级主管部门', '同级保密行政管理部门']),
        authority: text(100),
        materials: z.array(text(100)).min(1),
        letterNumber: optText(100),
        sentOn: date,
      }),
      access: { kind: 'user', roles: ['handler', 'reviewer'] },
    }),
    escalationReply: op<ItemDetail>()({
      channel: 'mishen:items.escalationReply',
      input: z.object({
        itemId: id,
        escalationId: z.number().int(),
        replyOn: date,
        authority: text(100),
        documentNumber: optText(100),
        conclusion: text(2000),
      }),
      access: { kind: 'user', roles: ['handler', 'reviewer'] },
    }),
    consult: op<ItemDetail>()({
      channel: 'mishen:items.consult',
      input: z.object({
        itemId: id,
        kind: z.enum(['agency', 'thirdParty']),
        party: text(100),
        matters: text(2000),
        sentOn: date,
        deadline: date.nullable(),
      }),
      access: { kind: 'user', roles: ['handler', 'reviewer'] },
    }),
    consultationReply: op<ItemDetail>()({
      channel: 'mishen:items.consultationReply',
      input: z.object({
        itemId: id,
        consultationId: z.number().int(),
        reply: z.enum(['agree', 'disagree']),
        replyOn: date,
        reason: optText(2000),
      }),
      access: { kind: 'user', roles: ['handler', 'reviewer'] },
    }),
    override: op<ItemDetail>()({
      channel: 'mishen:items.override',
      input: z.object({
        itemId: id,
        consultationId: z.number().int(),
        decision: text(2000),
        reasons: text(4000),
        noticeSentOn: date,
      }),
      access: { kind: 'user', roles: ['approver'] },
    }),
    declassify: op<ItemDetail>()({
      channel: 'mishen:items.declassify',
      input: z.object({
        itemId: id,
        decidedOn: date,
        documentNumber: text(100),
        authority: text(100),
        filedOn: date,
        filedWith: text(100),
      }),
      access: { kind: 'user', roles: ['secrecyOffice', 'handler'] },
    }),
    specialApproval: op<ItemDetail>()({
      channel: 'mishen:items.specialApproval',
      input: z.object({ itemId: id, authority: text(100), documentNumber: text(100), approvedOn: date }),
      access: { kind: 'user', roles: ['handler'] },
    }),
    reopen: op<ItemDetail>()({
      channel: 'mishen:items.reopen',
      input: z.object({ itemId: id, reason: z.enum(['应予公开而认定为不宜公开', '情势变化，不予公开的情形已不存在', '暂缓公开期满']) }),
      access: { kind: 'user', roles: ['reviewer'] },
    }),
    recall: op<ItemDetail>()({
      channel: 'mishen:items.recall',
      input: z.object({ itemId: id, discoveredOn: date, description: text(4000), measures: text(4000) }),
      access: { kind: 'user', roles: ['publisher', 'secrecyOffice'] },
    }),
  },
  documents: {
    attach: op<DocumentView>()({
      channel: 'mishen:documents.attach',
      // Base64 of at most 50 MB; the main process checks the decoded size again.
      input: z.object({ itemId: id, name: text(255), content: z.string().min(1).max(70_000_000) }),
      access: business,
    }),
    list: op<DocumentView[]>()({ channel: 'mishen:documents.list', input: itemId, access: business }),
    get: op<DocumentDetail>()({ channel: 'mishen:documents.get', input: z.object({ documentId: id }), access: business }),
    text: op<TextPage>()({
      channel: 'mishen:documents.text',
      input: z.object({ documentId: id, offset: z.number().int().min(0), length: z.number().int().min(1).max(20_000) }),
      access: business,
    }),
  },
  findings: {
    decide: op<FindingView>()({
      channel: 'mishen:findings.decide',
      input: z.object({ findingId: z.number().int(), decision: z.enum(['confirmed', 'dismissed']), reason: optText(1000) }),
      access: { kind: 'user', roles: ['reviewer', 'secrecyOffice'] },
    }),
    mark: op<FindingView>()({
      channel: 'mishen:findings.mark',
      input: z.object({ documentId: id, start: z.number().int().min(0), end: z.number().int().min(1), kind: z.enum(FINDING_KINDS), reason: optText(1000) }),
      access: { kind: 'user', roles: ['reviewer', 'secrecyOffice'] },
    }),
  },
  catalogue: {
    list: op<CatalogueEntry[]>()({ channel: 'mishen:catalogue.list', input: none, access: business }),
  },
  bases: {
    list: op<BasisEntry[]>()({ channel: 'mishen:bases.list', input: none, access: { kind: 'user', roles: [...BUSINESS_ROLES, 'secAdmin'] } }),
    save: op<BasisEntry>()({
      channel: 'mishen:bases.save',
      input: z.object({
        id: id.nullable(),
        kind: z.enum(['law', 'scope', 'determined', 'rule', 'negative']),
        title: text(200),
        documentNumber: optText(100),
        scope: optText(1000),
        keywords: z.array(text(50)).max(500),
        patterns: z.array(text(200)).max(100),
        disabled: z.boolean(),
      }),
      access: { kind: 'user', roles: ['secAdmin'] },
    }),
  },
  calendar: {
    status: op<CalendarStatus>()({ channel: 'mishen:calendar.status', input: none, access: { kind: 'user' } }),
    preview: op<CalendarPreview>()({
      channel: 'mishen:calendar.preview',
      input: z.object({ text: z.string().min(2).max(1_000_000) }),
      access: { kind: 'user', roles: ['sysAdmin'] },
    }),
    import: op<CalendarStatus>()({
      channel: 'mishen:calendar.import',
      input: z.object({ text: z.string().min(2).max(1_000_000) }),
      access: { kind: 'user', roles: ['sysAdmin'] },
    }),
  },
} as const;

export const events = {
  session: event<SessionInfo>('mishen:event:session'),
  documentProgress: event<DocumentProgress>('mishen:event:documentProgress'),
} as const;

export type Contract = typeof contract;
export type Events = typeof events;
