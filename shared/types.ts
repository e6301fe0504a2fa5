import type { Role } from './roles';

export interface OrganizationInfo {
  name: string;
  shortName: string;
  keyFingerprint: string;
}

export interface AppInfo {
  productName: string;
  version: string;
  dataDir: string;
  /** 'electron' in the desktop app, 'browser-host' in the development host. */
  host: 'electron' | 'browser-host';
  needsSetup: boolean;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  department: string;
  roles: Role[];
}

export interface SessionInfo {
  user: SessionUser | null;
  organization: OrganizationInfo | null;
  mustChangePassword: boolean;
  locked: boolean;
  idleMinutes: number;
}

export interface SetupResult {
  recoveryCode: string;
  organization: OrganizationInfo;
}

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  department: string;
  roles: Role[];
  disabled: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

export interface SecurityPolicy {
  minPasswordLength: number;
  minCharClasses: number;
  maxFailedLogins: number;
  lockoutMinutes: number;
  idleLockMinutes: number;
}

export interface AuditEntryView {
  seq: number;
  time: string;
  actor: string;
  actorName: string;
  role: string;
  action: string;
  subject: string;
  /** The subject's name when it is a user; otherwise the subject itself. */
  subjectName: string;
  payload: unknown;
  hash: string;
}

export interface AuditPage {
  entries: AuditEntryView[];
  total: number;
}

export interface VerifyReport {
  ok: boolean;
  checked: number;
  head: { seq: number; hash: string } | null;
  firstBad: { seq: number; reason: string } | null;
}
