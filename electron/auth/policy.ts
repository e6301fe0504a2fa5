import { z } from 'zod';
import type { SecurityPolicy } from '../../shared/types';
import type { DB } from '../store/database';

// 等保 2.0 (GB/T 22239-2019 §8.1.4.1) identity checks: complex passwords, lockout
// after repeated failures, and a session that locks when left idle.

export const DEFAULT_POLICY: SecurityPolicy = {
  minPasswordLength: 10,
  minCharClasses: 3,
  maxFailedLogins: 5,
  lockoutMinutes: 30,
  idleLockMinutes: 10,
  backupReminderDays: 7,
};

const policySchema = z.object({
  minPasswordLength: z.number().int().min(8),
  minCharClasses: z.number().int().min(3).max(4),
  maxFailedLogins: z.number().int().min(1),
  lockoutMinutes: z.number().int().min(1),
  idleLockMinutes: z.number().int().min(1),
  backupReminderDays: z.number().int().min(1).default(7),
});

const POLICY_KEY = 'security_policy';

export async function readPolicy(db: DB): Promise<SecurityPolicy> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', POLICY_KEY).executeTakeFirst();
  return row ? policySchema.parse(JSON.parse(row.value)) : DEFAULT_POLICY;
}

export async function writePolicy(db: DB, policy: SecurityPolicy): Promise<void> {
  const value = JSON.stringify(policySchema.parse(policy));
  await db
    .insertInto('settings')
    .values({ key: POLICY_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

export function charClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

/** The Chinese reason a password is refused, or null when it is acceptable. */
export function passwordProblem(policy: SecurityPolicy, password: string, username?: string): string | null {
  if ([...password].length < policy.minPasswordLength)
    return `密码长度不得少于 ${policy.minPasswordLength} 位`;
  if (charClasses(password) < policy.minCharClasses)
    return `密码须包含大写字母、小写字母、数字、特殊字符中的至少 ${policy.minCharClasses} 类`;
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    return '密码不得包含用户名';
  return null;
}
