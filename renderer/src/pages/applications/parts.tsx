import { Badge, Text } from '@mantine/core';
import type { ApplicationView } from '../../../../shared/ops/applications';

// Small pieces every application page shows the same way.

/** The reply limit in words: 剩余 N 个工作日, 已超期, or why there is none. */
export function DueText({ a }: { a: Pick<ApplicationView, 'status' | 'due' | 'remaining' | 'overdue'> }) {
  if (a.status === 'replied') return <Text size="sm">已答复</Text>;
  if (a.status === 'awaitingCorrection') return <Text size="sm">等待补正，期限中止</Text>;
  if (!a.due) return <Text size="sm">日历未覆盖</Text>;
  if (a.overdue)
    return (
      <Badge color="red" variant="light" data-testid="overdue">
        已超期（{a.due}）
      </Badge>
    );
  return (
    <Text size="sm">
      {a.due}（剩余 {a.remaining ?? '—'} 个工作日）
    </Text>
  );
}

export const today = () => new Date().toLocaleDateString('sv-SE');

/** The fields an application form labels, for the Chinese validation messages. */
export const APPLICATION_LABELS = {
  receivedOn: '收到申请日期',
  receivedVia: '申请方式',
  applicantKind: '申请人类型',
  applicantName: '申请人姓名或名称',
  idType: '身份证明类型',
  idNumber: '身份证明号码',
  contact: '联系方式',
  address: '通信地址',
  purpose: '用途描述',
  deliveryForm: '政府信息的形式要求',
  request: '申请公开的政府信息',
  requestedOn: '告知补正日期',
  text: '内容',
  days: '延长的工作日数',
  approvedBy: '批准人',
  approvedOn: '批准日期',
  reason: '延期理由',
  party: '征求意见对象',
  letterOn: '发函日期',
  concern: '涉及的内容',
  subtype: '情形',
  on: '答复日期',
  where: '获取信息的方式和途径',
  publishOn: '公开时间',
  otherAgency: '公开机关名称和联系方式',
  requests: '拆分出的申请',
  keep: '本申请保留的事项',
} as const;
