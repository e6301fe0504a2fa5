// Outcome, disclosure and review-mode words: the terms both the vocabulary and the
// profile schema are built from.

export const OUTCOMES = ['PUBLISH', 'PUBLISH_PART', 'WITHHOLD', 'DEFER', 'ESCALATE'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  PUBLISH: '全部公开',
  PUBLISH_PART: '区分处理后部分公开',
  WITHHOLD: '不予公开',
  DEFER: '暂缓公开',
  ESCALATE: '报审',
};

export const DISCLOSURES = ['主动公开', '依申请公开', '部分公开', '不予公开'] as const;
export type Disclosure = (typeof DISCLOSURES)[number];

export const REVIEW_MODES = ['主动审查', '依申请审查'] as const;
export type ReviewMode = (typeof REVIEW_MODES)[number];
