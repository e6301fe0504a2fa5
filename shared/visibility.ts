import { isAdminRole, type Role } from './roles';
import { isOpenStatus, participation } from './workflow';

// Need-to-know (保密法 第三十八条: 知悉范围): who may read an item, decided in one place.
// The main process applies it to every read of an item and its files; the renderer
// only hides what the main process would refuse anyway.

/** full: the item and its files' text; metadata: what it is and where it stands (and its public versions), never a file's content; none. */
export type ItemAccess = 'full' | 'metadata' | 'none';

export interface VisibilityFacts {
  createdBy: string;
  department: string;
  status: string;
  /** 'none' for 未标密级, else the mark registered. */
  classification: string;
  signedBy: Readonly<Record<string, readonly string[]>>;
  /** The role that acts on the item's current step, or null when no step is open. */
  stepRole: string | null;
  /** A file carries a classification mark the unmarked item does not: the reviewer's question. */
  classificationQuestion: boolean;
}

export interface Viewer {
  id: string;
  department: string;
  roles: readonly Role[];
}

const has = (v: Viewer, ...roles: Role[]) => roles.some((r) => v.roles.includes(r));

export function itemAccess(item: VisibilityFacts, viewer: Viewer): ItemAccess {
  // Administrators run the system; they never read what it reviews (三员 separation).
  if (viewer.roles.some(isAdminRole)) return 'none';
  const { registrant, signed } = participation(item, viewer);
  if (registrant || signed) return 'full';
  // A department's own items: its handlers and its head.
  if (item.department === viewer.department && has(viewer, 'handler', 'deptHead')) return 'full';
  // The items waiting for this person's step. A department's own steps (承办人, 部门负责人)
  // belong to that department, covered above; the agency-wide ones to whoever holds the role.
  if (item.stepRole !== null && item.stepRole !== 'handler' && item.stepRole !== 'deptHead' && viewer.roles.includes(item.stepRole as Role)) return 'full';
  // Classification is the review body's question: the gate sends an unmarked item whose
  // file bears a mark to it (it alone corrects the item), and it follows secret items.
  if (has(viewer, 'reviewer') && (item.classificationQuestion || item.classification !== 'none')) return 'full';
  // The review body and the secrecy office answer letters, carry out declassification and
  // keep the records of finished items (yearly recheck, 000 第二十八条).
  if (has(viewer, 'reviewer', 'secrecyOffice') && (item.status === 'escalated' || item.status === 'awaitingDeclassification' || !isOpenStatus(item.status))) return 'full';
  // The publisher carries approved items out: what is public, never an original.
  if (has(viewer, 'publisher') && (item.status === 'approved' || item.status === 'recalled')) return 'metadata';
  // The secrecy office keeps the agency's register of secret items for the yearly
  // declassification clean-up (000 第二十八条): it knows they exist, not what they say.
  if (has(viewer, 'secrecyOffice') && item.classification !== 'none') return 'metadata';
  return 'none';
}

export const NO_ACCESS_MESSAGE = '您不在该事项的知悉范围内：只有本部门人员、登记人和参与审查的人员可以查看';
export const PUBLIC_ONLY_MESSAGE = '网站管理部门只能查看已批准事项的基本信息和公开版本，不能查看原件内容';
