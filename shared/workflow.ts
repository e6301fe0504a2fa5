// The review vocabulary (domain.md §3–§6): grounds, statuses, choice lists and the
// rules about who stands where to an item. The profile schema is in ./profile.
export * from './terms';
export * from './profile';


export const GROUNDS = [
  'MARKED_SECRET',
  'UNMARKED_SECRET',
  'TERM_EXTENDED',
  'COMMERCIAL_SECRET',
  'PERSONAL_PRIVACY',
  'APPROVAL_MISSING',
  'SECURITY_STABILITY',
  'PROCESS_INFO',
  'INTERNAL_AFFAIRS',
  'LAW_PROHIBITED',
  'OTHER',
] as const;
export type Ground = (typeof GROUNDS)[number];
export const GROUND_LABELS: Record<Ground, string> = {
  MARKED_SECRET: '标有密级（秘密/机密/绝密）且在保密期限内',
  UNMARKED_SECRET: '虽未标密级，但属于国家秘密',
  TERM_EXTENDED: '保密期限已满但需延长',
  COMMERCIAL_SECRET: '商业秘密',
  PERSONAL_PRIVACY: '个人隐私',
  APPROVAL_MISSING: '需经批准而未获批准',
  SECURITY_STABILITY: '公开后可能危及国家安全、公共安全、经济安全和社会稳定',
  PROCESS_INFO: '正在调查、讨论、处理过程中的信息（过程性信息）',
  INTERNAL_AFFAIRS: '内部事务信息',
  LAW_PROHIBITED: '法律、行政法规禁止公开',
  OTHER: '其他不宜公开的情形',
};


/** The words of the 001 《信息发布保密审查表》. */
export const PUBLISH_FORMS = ['市、区网站公开', '依申请公开', '其他'] as const;

export const CLASSIFICATIONS = ['none', '秘密', '机密', '绝密'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];
export const SPECIAL_DOMAINS = [
  '农产品质量安全状况',
  '重大传染病疫情',
  '重大动物疫情',
  '重要地理信息数据',
  '统计信息',
  '财政信息',
  '旅游发展',
  '重大项目',
  '民生工程',
] as const;

export const ITEM_STATUSES = [
  'inReview',
  'escalated',
  'awaitingDeclassification',
  'approved',
  'withheld',
  'deferred',
  'recalled',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const STATUS_LABELS: Record<ItemStatus, string> = {
  inReview: '审查中',
  escalated: '报审待复',
  awaitingDeclassification: '待办理解密手续',
  approved: '已批准公开',
  withheld: '不予公开',
  deferred: '暂缓公开',
  recalled: '已撤回',
};

/** Still moving through the review: letters may be sent, files attached, findings decided. */
export const OPEN_STATUSES = ['inReview', 'escalated', 'awaitingDeclassification'] as const satisfies readonly ItemStatus[];
/** Decided: the date of decision is kept and the item leaves the inbox. */
export const FINISHED_STATUSES = ['approved', 'withheld', 'deferred'] as const satisfies readonly ItemStatus[];
/** Withheld or deferred items come back for re-examination (004 附件6 第十二条). */
export const RECHECK_STATUSES = ['withheld', 'deferred'] as const satisfies readonly ItemStatus[];
export const isOpenStatus = (s: string): boolean => (OPEN_STATUSES as readonly string[]).includes(s);
export const isFinishedStatus = (s: string): boolean => (FINISHED_STATUSES as readonly string[]).includes(s);

/** How a person stands to an item; the one rule behind every "may this person act" check. */
export function participation(
  item: { createdBy: string; signedBy: Readonly<Record<string, readonly string[]>> },
  user: { id: string; roles: readonly string[] },
): { registrant: boolean; signed: boolean; participant: boolean } {
  const registrant = item.createdBy === user.id;
  const signed = Object.values(item.signedBy).some((ids) => ids.includes(user.id));
  return { registrant, signed, participant: registrant || signed || user.roles.includes('reviewer') };
}

// --- choice lists the contract and the screens share ----------------------------------

export const REOPEN_REASONS = ['应予公开而认定为不宜公开', '情势变化，不予公开的情形已不存在', '暂缓公开期满'] as const;
/** 本机关保密工作机构: an unclear item goes to the agency's own secrecy office (001 审查表 注4). */
export const ESCALATION_ADDRESSEES = ['上级主管部门', '同级保密行政管理部门', '本机关保密工作机构'] as const;
export const CONSULTATION_KINDS = ['agency', 'thirdParty'] as const;
/** Which rule of the profile a consultation follows; the kind follows from it. */
export const CONSULTATION_CASES = ['concernsAgency', 'jointProduction', 'thirdParty'] as const;
export type ConsultationCase = (typeof CONSULTATION_CASES)[number];
export const CONSULTATION_CASE_LABELS: Record<ConsultationCase, string> = {
  concernsAgency: '涉及其他行政机关',
  jointProduction: '联合制作',
  thirdParty: '涉及第三方',
};
export const ESCALATION_MATTERS = ['stateSecret', 'commercialPrivacy', 'other'] as const;
export const ESCALATION_MATTER_LABELS: Record<(typeof ESCALATION_MATTERS)[number], string> = {
  stateSecret: '涉及国家秘密',
  commercialPrivacy: '涉及商业秘密、个人隐私',
  other: '其他事项',
};
export const CONSULTATION_KIND_LABELS: Record<(typeof CONSULTATION_KINDS)[number], string> = { agency: '有关机关', thirdParty: '第三方' };
export const CONSULTATION_REPLIES = ['agree', 'disagree'] as const;
export const CONSULTATION_REPLY_LABELS: Record<(typeof CONSULTATION_REPLIES)[number], string> = { agree: '同意公开', disagree: '不同意公开' };
/** agree, disagree, deemed (silence past the deadline counts as consent), pending, overdue. */
export const CONSULTATION_STANDINGS = ['unsent', 'agree', 'disagree', 'deemed', 'pending', 'overdue', 'coordinated'] as const;
export const CONSULTATION_STANDING_LABELS: Record<(typeof CONSULTATION_STANDINGS)[number], string> = {
  agree: '同意公开',
  disagree: '不同意公开',
  deemed: '逾期未答复，视为同意',
  unsent: '征求意见函尚未发出',
  coordinated: '经协调同意公开',
  pending: '待答复',
  overdue: '已逾期，未答复',
};
export const BASIS_KINDS = ['law', 'scope', 'determined', 'rule', 'negative'] as const;
export type BasisKind = (typeof BASIS_KINDS)[number];


