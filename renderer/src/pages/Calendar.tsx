import { Badge, Button, FileInput, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { CalendarPreview, CalendarStatus } from '../../../shared/types';
import { api, call } from '../api';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';

const dayLabel = (w: boolean | null) => (w === null ? '未覆盖' : w ? '工作日' : '休息日');

/** 系统管理员: import next year's official calendar from a file; see what it changes first. */
export function CalendarPage({ canImport }: { canImport: boolean }) {
  const [status, setStatus] = useState<CalendarStatus | null>(null);
  const [text, setText] = useState<string | null>(null);
  const [preview, setPreview] = useState<CalendarPreview | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const { error, run } = useAction();
  const load = useCallback(() => run(async () => setStatus(await call(api().calendar.status()))), [run]);
  useEffect(() => void load(), [load]);

  const pick = (file: File | null) =>
    run(async () => {
      setPreview(null);
      setSuccess(null);
      if (!file) return;
      const t = await file.text();
      setText(t);
      setPreview(await call(api().calendar.preview({ text: t })));
    });

  return (
    <Stack>
      <Title order={3}>工作日历</Title>
      <Text size="sm">
        已覆盖年份：
        {status?.coveredYears.map((y) => (
          <Badge key={y} mx={2} variant="light">
            {y}
          </Badge>
        ))}
      </Text>
      {status?.imported.map((i) => (
        <Text key={i.year} size="sm" c="dimmed">
          {i.year} 年：导入自“{i.source}”（{new Date(i.importedAt).toLocaleString('zh-CN', { hour12: false })}）
        </Text>
      ))}
      {canImport && (
        <>
          <FileInput label="导入日历文件（mishen-calendar/1 格式的 JSON）" accept="application/json,.json" onChange={(f) => void pick(f)} clearable />
          <Notice error={error} success={success} />
          {preview && (
            <Stack>
              <Text>
                {preview.year} 年（{preview.source}）：与现有日历相比有 <b data-testid="calendar-changes">{preview.changes.length}</b> 天变化。
              </Text>
              <Table withTableBorder striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>日期</Table.Th>
                    <Table.Th>原来</Table.Th>
                    <Table.Th>导入后</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.changes.slice(0, 60).map((c) => (
                    <Table.Tr key={c.date}>
                      <Table.Td>{c.date}</Table.Td>
                      <Table.Td>{dayLabel(c.before)}</Table.Td>
                      <Table.Td>{dayLabel(c.after)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {preview.changes.length > 60 && <Text size="sm">……另有 {preview.changes.length - 60} 天</Text>}
              <Group>
                <Button
                  onClick={() =>
                    void run(async () => {
                      setStatus(await call(api().calendar.import({ text: text! })));
                      setPreview(null);
                      setSuccess(`已导入 ${preview.year} 年日历`);
                    })
                  }
                >
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
