import { Badge, Button, FileInput, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { CalendarPreview } from '../../../shared/types';
import { api } from '../api';
import { Notice } from '../components/Notice';
import { useChange, useOp } from '../query';
import { TableHead } from './admin/TableHead';

const dayLabel = (w: boolean | null) => (w === null ? '未覆盖' : w ? '工作日' : '休息日');

/** 系统管理员: import next year's official calendar from a file; see what it changes first. */
export function CalendarPage({ canImport }: { canImport: boolean }) {
  const status = useOp('calendar', 'status', undefined);
  // The file is only read, not stored: previewing changes nothing, so it refreshes nothing.
  const preview = useChange((i: { text: string }) => api().calendar.preview(i), []);
  // A new year of working days moves every deadline counted in it.
  const importing = useChange((i: { text: string }) => api().calendar.import(i), ['calendar', 'items']);
  const [text, setText] = useState<string | null>(null);
  const [shown, setShown] = useState<CalendarPreview | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [readError, setReadError] = useState<string | null>(null);

  const pick = async (file: File | null) => {
    setShown(null);
    setSuccess(null);
    setReadError(null);
    preview.reset();
    importing.reset();
    if (!file) return;
    const t = await file.text().catch(() => null);
    if (t === null) return setReadError('无法读取所选文件');
    setText(t);
    preview.mutate({ text: t }, { onSuccess: setShown });
  };
  const confirm = (p: CalendarPreview) =>
    importing.mutate(
      { text: text! },
      {
        onSuccess: () => {
          setShown(null);
          setSuccess(`已导入 ${p.year} 年日历`);
        },
      },
    );

  return (
    <Stack>
      <Title order={3}>工作日历</Title>
      <Notice error={status.error?.message} />
      {status.isPending && <Loader size="sm" />}
      <Text size="sm">
        已覆盖年份：
        {status.data?.coveredYears.map((y) => (
          <Badge key={y} mx={2} variant="light">
            {y}
          </Badge>
        ))}
      </Text>
      {status.data?.imported.map((i) => (
        <Text key={i.year} size="sm" c="dimmed">
          {i.year} 年：导入自“{i.source}”（{new Date(i.importedAt).toLocaleString('zh-CN', { hour12: false })}）
        </Text>
      ))}
      {canImport && (
        <>
          <FileInput label="导入日历文件（mishen-calendar/1 格式的 JSON）" accept="application/json,.json" onChange={(f) => void pick(f)} clearable />
          {preview.isPending && <Loader size="sm" />}
          <Notice error={readError ?? preview.error?.message ?? importing.error?.message} success={success} />
          {shown && (
            <Stack>
              <Text>
                {shown.year} 年（{shown.source}）：与现有日历相比有 <b data-testid="calendar-changes">{shown.changes.length}</b> 天变化。
              </Text>
              <Table withTableBorder striped>
                <TableHead columns={['日期', '原来', '导入后']} />
                <Table.Tbody>
                  {shown.changes.slice(0, 60).map((c) => (
                    <Table.Tr key={c.date}>
                      <Table.Td>{c.date}</Table.Td>
                      <Table.Td>{dayLabel(c.before)}</Table.Td>
                      <Table.Td>{dayLabel(c.after)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {shown.changes.length > 60 && <Text size="sm">……另有 {shown.changes.length - 60} 天</Text>}
              <Group>
                <Button loading={importing.isPending} onClick={() => confirm(shown)}>
                  确认导入
                </Button>
              </Group>
            </Stack>
          )}
        </>
      )}
    </Stack>
  );
}
