import { Anchor, Card, Group, SimpleGrid, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import dayjs from 'dayjs';
import type { ItemSummary } from '../../../../shared/types';
import { messageOf } from '../../api';
import { Deadlines } from '../../components/Deadlines';
import { Notice } from '../../components/Notice';
import { useOp } from '../../query';
import { DeskCharts } from './DeskCharts';

// The business start page: what waits for me, what is overdue, what falls due this week,
// and the figures of everything the user may see (items.stats, within need-to-know).

const FIRST_ROWS = 5;
/** Items looked at for "due this week", earliest deadline first. */
const WEEK_SCAN = 100;

/** The earliest deadline still running (not past, inside the known calendar). */
const nextDue = (i: ItemSummary, today: string) =>
  i.deadlines
    .filter((d) => d.due && !d.overdue && d.due >= today)
    .map((d) => d.due!)
    .sort()[0];

function Figure({ label, value, testId, onClick }: { label: string; value: number | undefined; testId: string; onClick?: () => void }) {
  const body = (
    <Card withBorder padding="md">
      <Text size="sm" c="gray.7">
        {label}
      </Text>
      <Text fz={28} fw={700} data-testid={testId}>
        {value ?? '…'}
      </Text>
    </Card>
  );
  return onClick ? (
    <UnstyledButton className="mantine-focus-auto" onClick={onClick}>
      {body}
    </UnstyledButton>
  ) : (
    body
  );
}

function ShortList({ title, rows, empty, testId, onOpen, more }: { title: string; rows: ItemSummary[] | undefined; empty: string; testId: string; onOpen: (id: string) => void; more?: () => void }) {
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={5}>{title}</Title>
          {more && (
            <Anchor component="button" size="sm" onClick={more}>
              查看全部
            </Anchor>
          )}
        </Group>
        {rows && rows.length === 0 && <Text c="gray.7">{empty}</Text>}
        {rows && rows.length > 0 && (
          <Table data-testid={testId} highlightOnHover>
            <Table.Tbody>
              {rows.map((i) => (
                <Table.Tr
                  key={i.id}
                  data-title={i.title}
                  tabIndex={0}
                  className="mantine-focus-auto"
                  style={{ cursor: 'pointer' }}
                  onClick={() => onOpen(i.id)}
                  onKeyDown={(e) => e.key === 'Enter' && onOpen(i.id)}
                >
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {i.title}
                    </Text>
                    <Group gap="xs" mt={2} wrap="wrap">
                      <Text size="xs" c="gray.7" style={{ whiteSpace: 'nowrap' }}>
                        {i.stepName ?? i.statusLabel}
                      </Text>
                      <Deadlines deadlines={i.deadlines} />
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}

export function BusinessDesk({ onOpen, onList }: { onOpen: (id: string) => void; onList: (search: string) => void }) {
  const today = dayjs().format('YYYY-MM-DD');
  // zh-CN weeks run Monday to Sunday (DatesProvider and dayjs locale).
  const weekEnd = dayjs().endOf('week').format('YYYY-MM-DD');
  const stats = useOp('items', 'stats', {});
  const inbox = useOp('items', 'page', { view: 'inbox', sort: 'due', dir: 'asc', page: 1, pageSize: FIRST_ROWS });
  const overdue = useOp('items', 'page', { view: 'all', overdue: true, sort: 'due', dir: 'asc', page: 1, pageSize: FIRST_ROWS });
  const running = useOp('items', 'page', { view: 'all', overdue: false, sort: 'due', dir: 'asc', page: 1, pageSize: WEEK_SCAN });
  const thisWeek = running.data?.rows.filter((i) => {
    const due = nextDue(i, today);
    return !!due && due <= weekEnd;
  });
  const error = [stats, inbox, overdue, running].map((q) => q.error).find(Boolean);

  return (
    <Stack>
      <Notice error={error ? messageOf(error) : null} />
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Figure label="待我办理" value={stats.data?.mine} testId="stat-mine" onClick={() => onList('')} />
        <Figure label="已超期" value={stats.data?.overdue} testId="stat-overdue" onClick={() => onList('?view=all&overdue=1&sort=due&dir=asc')} />
        <Figure label={`本周到期（至 ${weekEnd}）`} value={thisWeek?.length} testId="stat-week" />
        <Figure label="未处理的扫描发现" value={stats.data?.openFindings} testId="stat-findings" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 3 }}>
        <ShortList title="待我办理" rows={inbox.data?.rows} empty="暂无待办事项" testId="desk-inbox" onOpen={onOpen} more={() => onList('')} />
        <ShortList title="已超期" rows={overdue.data?.rows} empty="没有超期的事项" testId="desk-overdue" onOpen={onOpen} more={() => onList('?view=all&overdue=1&sort=due&dir=asc')} />
        <ShortList title="本周到期" rows={thisWeek?.slice(0, FIRST_ROWS)} empty="本周没有到期的事项" testId="desk-week" onOpen={onOpen} />
      </SimpleGrid>
      {stats.data && <DeskCharts stats={stats.data} />}
    </Stack>
  );
}
