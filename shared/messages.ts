import type { z } from 'zod';

// Chinese messages for refused input, for both sides: the renderer shows them next to
// the field, the dispatcher returns them when a call bypassed the form. A message names
// the field as people know it, never a schema key, and never uses validator wording.

export const FIELD_LABELS: Record<string, string> = {
  title: '信息名称',
  documentNumber: '文号',
  issuer: '发布机构',
  department: '承办部门',
  formedOn: '形成或变更日期',
  category: '主题分类',
  keywords: '关键词',
  summary: '内容摘要',
  disclosure: '公开属性',
  publishForm: '发布形式',
  reviewMode: '审查方式',
  applicationNo: '申请编号',
  applicationReceivedOn: '收到申请日期',
  coProducers: '联合制作机关',
  thirdParties: '涉及的第三方',
  classification: '密级',
  classificationTerm: '保密期限',
  specialDomains: '须经批准的领域',
  sensitive: '敏感事项',
  username: '用户名',
  displayName: '姓名',
  password: '密码',
  oldPassword: '原密码',
  newPassword: '新密码',
  initialPassword: '初始密码',
  roles: '角色',
  organizationName: '单位名称',
  organizationShortName: '单位简称',
  recoveryCode: '恢复码',
  reason: '理由',
  grounds: '情形',
  bases: '审查依据',
  deferUntil: '复查日期',
  addressee: '报送对象',
  authority: '机关名称',
  materials: '随函材料',
  letterNumber: '函号',
  sentOn: '发函日期',
  replyOn: '答复日期',
  conclusion: '答复结论',
  party: '征求对象',
  matters: '征求意见事项',
  deadline: '答复期限',
  decision: '决定内容',
  reasons: '理由',
  noticeSentOn: '书面告知日期',
  decidedOn: '解密日期',
  filedOn: '备案日期',
  filedWith: '备案机关',
  approvedOn: '批准日期',
  discoveredOn: '发现日期',
  description: '情况说明',
  measures: '补救措施',
  text: '内容',
  name: '文件名',
  scope: '适用范围',
  patterns: '匹配规则',
  checkpoint: '检查点',
  definition: '流程配置',
  masks: '遮盖方式',
  publishedOn: '发布日期',
  url: '网址',
  receivedOn: '收到申请日期',
  receivedVia: '申请方式',
  applicantKind: '申请人类型',
  applicantName: '申请人姓名或名称',
  idType: '证件类型',
  idNumber: '证件号码',
  contact: '联系方式',
  address: '地址',
  request: '申请公开的政府信息',
  purpose: '用途',
  deliveryForm: '获取信息的方式',
  requests: '拆分后的申请',
  requestedOn: '告知补正日期',
  days: '延长工作日数',
  letterOn: '发函日期',
  on: '答复日期',
  subtype: '答复情形',
  year: '年度',
  reconsideration: '行政复议件数',
  direct: '未经复议直接起诉件数',
  afterReconsideration: '复议后起诉件数',
  applicationId: '申请',
  actor: '操作人',
  action: '操作',
  subject: '对象',
  from: '起始日期',
  to: '截止日期',
  fromSeq: '起始序号',
  toSeq: '截止序号',
  parentDir: '备份位置',
  backupReminderDays: '备份提醒天数',
  matter: '报审事项类别',
  findingIds: '发现',
  agreed: '协调结果',
  case: '征求意见情形',
  approvedBy: '批准人',
  type: '答复类型',
  format: '文件格式',
  ref: '函件编号',
  date: '日期',
  itemIds: '事项',
  areas: '删除区域',
  findingMasks: '遮盖方式',
  hiddenRowsAndColumns: '隐藏的行和列',
  page: '页码',
  pageSize: '每页条数',
  sort: '排序',
  dir: '排序方向',
  order: '排序方向',
  role: '角色',
  status: '状态',
  stepRole: '当前环节',
  profileId: '审查流程',
  overdue: '是否超期',
  formedFrom: '形成日期（起）',
  formedTo: '形成日期（止）',
  dateFrom: '起始日期',
  dateTo: '截止日期',
  query: '查找内容',
  actions: '操作类别',
  item: '事项',
  entrySeq: '记录序号',
  keep: '原申请保留的内容',
  concern: '涉及的内容',
  where: '获取信息的方式和途径',
  publishOn: '预计公开日期',
  otherAgency: '负责公开的行政机关',
  notice: '告知书种类',
  published: '是否已发布',
  exportedFrom: '导出日期（起）',
  exportedTo: '导出日期（止）',
  x: '删除区域',
  y: '删除区域',
  width: '删除区域',
  height: '删除区域',
  minPasswordLength: '密码最小长度',
  minCharClasses: '密码字符类别数',
  maxFailedLogins: '登录失败锁定次数',
  lockoutMinutes: '账号锁定时长',
  idleLockMinutes: '自动锁屏时间',
};

/** Labels a form gives its own fields where the contract's key means something else there. */
export type FieldLabels = Readonly<Record<string, string>>;

export function fieldLabel(path: readonly PropertyKey[], labels: FieldLabels = {}): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const key = path[i];
    if (typeof key === 'string' && labels[key]) return labels[key]!;
    if (typeof key === 'string' && FIELD_LABELS[key]) return FIELD_LABELS[key]!;
  }
  return '输入';
}

/** One issue as a sentence about its field. A schema's own Chinese message wins. */
export function issueMessage(issue: z.core.$ZodIssue, labels: FieldLabels = {}): string {
  const label = fieldLabel(issue.path, labels);
  const own = issue.message && /[\u4e00-\u9fff]/.test(issue.message) && issue.code === 'custom' ? issue.message : null;
  if (own) return own;
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? `请填写${label}` : `${label}至少 ${issue.minimum} 个字`;
      if (issue.origin === 'array') return Number(issue.minimum) <= 1 ? `请至少选择或填写一项${label}` : `${label}至少 ${issue.minimum} 项`;
      return `${label}不得小于 ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `${label}不得超过 ${issue.maximum} 个字`;
      if (issue.origin === 'array') return `${label}不得超过 ${issue.maximum} 项`;
      return `${label}不得大于 ${issue.maximum}`;
    case 'invalid_format':
      return /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : `${label}格式不正确`;
    case 'invalid_value':
      return `${label}不是可选的值`;
    case 'invalid_type':
      return issue.input === undefined ? `请填写${label}` : `${label}的类型不正确`;
    default:
      return /[\u4e00-\u9fff]/.test(issue.message) ? issue.message : `${label}无效`;
  }
}

/** Issues keyed by dotted path, the way form libraries want them. */
export function issuesByField(issues: readonly z.core.$ZodIssue[], labels: FieldLabels = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) {
    const key = i.path.map(String).join('.');
    if (!(key in out)) out[key] = issueMessage(i, labels);
  }
  return out;
}
