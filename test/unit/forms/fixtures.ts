import type { Checkpoint, FormInputs, FormKind, ItemBrief, RecordInput } from '../../../electron/forms/types';
import { MOBILE } from '../../helpers/synthetic';

// Synthetic inputs for every form: made-up agencies, people and documents.

export const CHECKPOINT: Checkpoint = { seq: 4711, head: 'ab12cd34ef56'.padEnd(64, '7') };
export const ITEM_ID = '5f0c9a1e-3b7d-4c2a-9e41-7d2b8c6a1f30';
export const ORG = '示例市示例局';

export const BRIEF: ItemBrief = {
  title: '关于2026年度示例区道路养护工程招标结果的公告',
  documentNumber: '示例局发〔2026〕12号',
  issuer: '示例市示例局',
  department: '工程管理科',
  formedOn: '2026-11-20',
  summary: '公布示例区道路养护工程的中标单位、中标金额和工期。',
};

const letter = { org: ORG, itemId: ITEM_ID, letterNumber: '示例局函〔2026〕7号', date: '2026-11-25', item: BRIEF, contact: `王示例，电话 ${MOBILE}` };

export function recordInput(overrides: Partial<RecordInput> = {}): RecordInput {
  return {
    org: ORG,
    itemId: ITEM_ID,
    profile: { name: '通辽市政府信息公开保密审查制度', source: '《通辽市政府信息公开保密审查制度》第十八条、第十九条' },
    item: { ...BRIEF, disclosure: '主动公开', publishForm: '市、区网站公开', reviewMode: '主动审查', classification: '非涉密', keywords: ['道路养护', '招标'] },
    conclusion: '已批准公开（主动公开）',
    bases: ['《中华人民共和国保守国家秘密法》', '本单位政务公开负面清单（示例）'],
    steps: [
      { name: '初审', signer: '初审审查人', article: '第十八条第（一）项', opinion: '主动公开', grounds: [], bases: ['《中华人民共和国保守国家秘密法》'], reason: '不涉及国家秘密、商业秘密和个人隐私。', userName: '张承办', date: '2026-11-21', round: 1 },
      { name: '复审', signer: '复审审查人', article: '第十八条第（二）项', opinion: '部分公开', grounds: ['个人隐私'], bases: ['本单位政务公开负面清单（示例）'], reason: '附件中的联系人手机号码删除后公开。', userName: '李审查', date: '2026-11-23', round: 1 },
      { name: '审批', signer: '机关分管领导或被授权人', article: '第十八条第（三）项', opinion: null, grounds: [], bases: [], reason: '', userName: null, date: null, round: 1 },
    ],
    other: ['2026年11月22日向示例区交通局发出征求意见函，逾期未答复，视为同意。'],
    ...overrides,
  };
}

export const INPUTS: FormInputs = {
  record: recordInput(),
  'review-table': {
    org: ORG,
    itemId: ITEM_ID,
    date: '2026-11-25',
    rows: [
      { department: '工程管理科', title: BRIEF.title, publishForm: '市、区网站公开', reviewOpinion: 'agree', leaderOpinion: 'agree' },
      { department: '办公室', title: '示例局2026年第三季度工作简报', publishForm: '其他', reviewOpinion: 'disagree', leaderOpinion: null },
      { department: '财务科', title: '示例局2027年部门预算说明', publishForm: '依申请公开', reviewOpinion: null, leaderOpinion: null },
    ],
  },
  escalation: {
    ...letter,
    addressee: '示例市国家保密局',
    basis: '《通辽市政府信息公开保密审查制度》第九条、第十条',
    matter: '涉及商业秘密、个人隐私',
    question: '公告所附中标单位报价明细是否属于商业秘密，可否公开。',
    materials: [
      { kind: 'request', text: '示例局关于确定报价明细可否公开的请示' },
      { kind: 'carrier', text: '公告正文及附件（电子文件一份）' },
      { kind: 'opinion', text: '复审意见：部分公开' },
      { kind: 'basis', text: '本单位政务公开负面清单（示例）' },
    ],
    replyBy: '2026-12-09',
  },
  consultation: {
    ...letter,
    addressee: '示例区交通运输局',
    basis: '《台儿庄区政府信息公开协调工作制度》第五条、第七条',
    matters: '公告中引用的养护路段名称和工期是否与贵单位掌握的情况一致。',
    ownOpinion: '拟主动公开。',
    ownBasis: '《中华人民共和国政府信息公开条例》第二十条',
    other: '请一并告知联系人。',
    replyBy: '2026-12-02',
    silenceConsents: true,
    rule: '协调工作制度第八条',
  },
  'third-party': { ...letter, addressee: '示例建设有限公司', basis: '《通辽市政府信息公开保密审查制度》第十五条', concern: '贵公司的投标报价明细（商业秘密）', replyBy: '2026-12-09', publicInterestOverride: true },
  'override-notice': {
    ...letter,
    addressee: '示例建设有限公司',
    basis: '《通辽市政府信息公开保密审查制度》第十五条',
    refusedOn: '2026-12-01',
    decision: '公开中标金额总价，不公开分项报价。',
    reasons: '中标金额关系公共财政资金使用，不公开可能对公共利益造成重大影响。',
  },
  declassification: {
    ...letter,
    addressee: '示例市国家保密局',
    basis: '《通辽市政府信息公开保密审查制度》第十二条',
    classification: '秘密',
    classificationTerm: '2年',
    decidedOn: '2026-11-18',
    decisionNumber: '示例局密解〔2026〕3号',
    authority: '示例市示例局',
  },
  'leak-report': {
    ...letter,
    addressee: '示例市国家保密局',
    basis: '《通辽市政府信息公开保密审查制度》第二十五条',
    publishedOn: '2026-11-26',
    discoveredOn: '2026-11-27',
    description: '公告附件中误含一名联系人的手机号码。',
    measures: '已于当日撤下公告，更换为删除号码后的版本，并通知网站管理部门清除缓存。',
  },
  register: {
    org: ORG,
    itemId: 'register-2026-11',
    from: '2026-11-01',
    to: '2026-11-30',
    rows: [
      { title: BRIEF.title, documentNumber: BRIEF.documentNumber, department: '工程管理科', publishForm: '市、区网站公开', approvedOn: '2026-11-24', publishedOn: '2026-11-26', bundle: 'B-2026-0042' },
      { title: '示例局2026年第三季度工作简报', documentNumber: '', department: '办公室', publishForm: '其他', approvedOn: '2026-11-10', publishedOn: '2026-11-12', bundle: 'B-2026-0039' },
    ],
  },
};

export const KINDS = Object.keys(INPUTS) as FormKind[];
