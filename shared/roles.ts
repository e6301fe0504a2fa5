// Role ids and their Chinese names (domain.md §2). The three administrator roles
// (三员) are exclusive: one per account, never combined with anything else.
export const ADMIN_ROLES = ['sysAdmin', 'secAdmin', 'auditor'] as const;
export const BUSINESS_ROLES = [
  'handler',
  'deptHead',
  'reviewer',
  'approver',
  'secrecyOffice',
  'publisher',
] as const;
export const ROLES = [...ADMIN_ROLES, ...BUSINESS_ROLES] as const;

export type AdminRole = (typeof ADMIN_ROLES)[number];
export type BusinessRole = (typeof BUSINESS_ROLES)[number];
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  sysAdmin: '系统管理员',
  secAdmin: '安全保密管理员',
  auditor: '安全审计员',
  handler: '承办人',
  deptHead: '部门负责人',
  reviewer: '保密审查机构',
  approver: '分管领导',
  secrecyOffice: '保密工作部门',
  publisher: '网站管理部门',
};

export function isAdminRole(role: Role): role is AdminRole {
  return (ADMIN_ROLES as readonly string[]).includes(role);
}

/** Chinese reason why a set of roles cannot be held by one account, or null. */
export function roleSetProblem(roles: readonly Role[]): string | null {
  if (roles.length === 0) return '至少需要一个角色';
  if (new Set(roles).size !== roles.length) return '角色重复';
  const admins = roles.filter(isAdminRole);
  if (admins.length > 1) return '三员角色（系统管理员、安全保密管理员、安全审计员）必须由不同账号分别担任';
  if (admins.length === 1 && roles.length > 1)
    return `${ROLE_LABELS[admins[0]!]}不得兼任其他角色，也不得参与审查`;
  return null;
}
