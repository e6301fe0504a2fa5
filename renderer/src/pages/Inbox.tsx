import { Badge, Button, Group, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router';
import type { ItemSummary } from '../../../shared/types';
import { messageOf } from '../api';
import { useOp } from '../query';
import { Deadlines } from '../components/Deadlines';
import { Notice } from '../components/Notice';

type View = 'inbox' | 'all' | 'recheck';
const TITLES: Record<View, string> = { inbox: '待办', all: '全部事项', recheck: '复查（不予公开、暂缓公开）' };

export function InboxPage({ onOpen, onRegister, canRegister }: { onOpen: (id: string) => void; onRegister: () => void; canRegister: boolean }) {
  // The view is kept in the route, so back returns to the list as it was.
  const [params, setParams] = useSearchParams();
  const view = (params.get('view') as View | null) ?? 'inbox';
  const setView = (v: View) => setParams(v === 'inbox' ? {} : { view: v });
  const list = useOp('items', 'list', { view });
  const items: ItemSummary[] | undefined = list.data;
  const error = list.error ? messageOf(list.error) : null;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>{TITLES[view]}</Title>
        <Group>
          <SegmentedControl value={view} onChange={(v) => setView(v as View)} data={[{ value: 'inbox', label: '待办' }, { value: 'all', label: '全部' }, { value: 'recheck', label: '复查' }]} />
          {canRegister && <Button onClick={onRegister}>登记拟公开信息</Button>}
        </Group>
      </Group>
      <Notice error={error} />
      {items && items.length === 0 && <Text c="dimmed">{view === 'inbox' ? '暂无待办事项' : '暂无事项'}</Text>}
      {items && items.length > 0 && (
        <Table striped highlightOnHover withTableBorder data-testid="items-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>信息名称</Table.Th>
              <Table.Th>文号</Table.Th>
              <Table.Th>状态</Table.Th>
              <Table.Th>当前环节</Table.Th>
              <Table.Th>期限</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((i) => (
              <Table.Tr key={i.id} style={{ cursor: 'pointer' }} onClick={() => onOpen(i.id)} data-title={i.title}>
                <Table.Td>
                  <Group gap={6}>
                    <Text>{i.title}</Text>
                    {i.mine && <Badge size="xs">待我办理</Badge>}
                  </Group>
                </Table.Td>
                <Table.Td>{i.documentNumber}</Table.Td>
                <Table.Td>{i.statusLabel}</Table.Td>
                <Table.Td>{i.stepName ? `${i.stepName}（${i.stepRole}）` : '—'}</Table.Td>
                <Table.Td>
                  <Deadlines deadlines={i.deadlines} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
