import type { PublishOutcome } from './types';

// What people read in index.html and catalogue.csv.

export const OUTCOME_LABEL: Record<PublishOutcome, string> = {
  PUBLISH: '全部公开',
  PUBLISH_PART: '部分公开（区分处理后）',
};

export const ITEM_COLUMNS = ['信息编号', '标题', '文号', '发布机构', '成文日期', '分类', '关键词', '公开方式', '审查结论', '批准时间', '文件'] as const;
