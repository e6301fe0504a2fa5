import { Button, Group, Stack, Table, Text } from '@mantine/core';
import type { CalendarChangePreview } from '../../../../shared/ops/reference';
import { TableHead } from '../admin/TableHead';
import { isWeekend } from './days';

const dayLabel = (w: boolean | null) => (w === null ? '日历未覆盖' : w ? '工作日' : '休息日');
const due = (d: string | null) => d ?? '日历未覆盖';

/** What saving would change: the running deadlines of open items that would move, and the days. */
export function PreviewPanel({ preview, saving, onSave }: { preview: CalendarChangePreview; saving: boolean; onSave: () => void }) {
  const newlyCovered = preview.changes.filter((c) => c.before === null).length;
  // A year not covered before changes on every day; the days worth reading are those unlike an ordinary week.
  const notable = preview.changes.filter((c) => c.before !== null || c.after === isWeekend(c.date));
  return (
    <Stack data-testid="calendar-preview">
      <Text>
        {preview.year} 年（{preview.source}）：与现有日历相比有 <b data-testid="calendar-changes">{preview.changes.length}</b> 天变化
        {newlyCovered > 0 ? `（其中 ${newlyCovered} 天此前未覆盖）` : ''}；在办事项的 {preview.running} 个期限中，<b data-testid="calendar-moved">{preview.moved.length}</b> 个会改变。
      </Text>
      {preview.moved.length > 0 && (
        <Table withTableBorder striped data-testid="moved-deadlines">
          <TableHead columns={['事项', '期限', '原到期日', '保存后到期日']} />
          <Table.Tbody>
            {preview.moved.map((m) => (
              <Table.Tr key={`${m.item}-${m.label}`}>
                <Table.Td>事项 {m.item}</Table.Td>
                <Table.Td>{m.label}</Table.Td>
                <Table.Td>{due(m.before)}</Table.Td>
                <Table.Td>{due(m.after)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group>
        <Button loading={saving} onClick={onSave}>
          确认保存
        </Button>
      </Group>
      {notable.length > 0 && (
        <Table withTableBorder striped>
          <TableHead columns={['日期', '原来', '保存后']} />
          <Table.Tbody>
            {notable.slice(0, 60).map((c) => (
              <Table.Tr key={c.date}>
                <Table.Td>{c.date}</Table.Td>
                <Table.Td>{dayLabel(c.before)}</Table.Td>
                <Table.Td>{dayLabel(c.after)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {notable.length > 60 && <Text size="sm">……另有 {notable.length - 60} 天</Text>}
    </Stack>
  );
}
