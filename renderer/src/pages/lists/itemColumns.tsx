import { Badge, Group, Text } from '@mantine/core';
import type { ItemSummary } from '../../../../shared/types';
import type { ListColumn } from '../../components/DataTable';
import { Deadlines } from '../../components/Deadlines';

/** The columns of every item list; the sortable keys are the contract's ITEM_SORTS. */
export const ITEM_COLUMNS: Array<ListColumn<ItemSummary>> = [
  {
    key: 'title',
    title: '信息名称',
    sortable: true,
    render: (i) => (
      <Group gap={6}>
        <Text size="sm">{i.title}</Text>
        {i.mine && <Badge size="xs">待我办理</Badge>}
      </Group>
    ),
  },
  { key: 'documentNumber', title: '文号', sortable: true, render: (i) => i.documentNumber || '—' },
  { key: 'formedOn', title: '成文日期', sortable: true, width: 110, render: (i) => i.formedOn },
  { key: 'status', title: '状态', sortable: true, width: 120, render: (i) => i.statusLabel },
  { key: 'step', title: '当前环节', render: (i) => (i.stepName ? `${i.stepName}（${i.stepRole}）` : '—') },
  { key: 'department', title: '承办部门', render: (i) => i.department },
  { key: 'due', title: '期限', sortable: true, render: (i) => <Deadlines deadlines={i.deadlines} /> },
  { key: 'createdAt', title: '登记时间', sortable: true, width: 150, render: (i) => new Date(i.createdAt).toLocaleString('zh-CN', { hour12: false }) },
];
