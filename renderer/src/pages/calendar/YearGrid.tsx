import { Group, SimpleGrid, Table, Text, UnstyledButton } from '@mantine/core';
import { monthWeeks, stateOf, STATE_LABELS, type DayState, type YearMarks } from './days';

const COLORS: Record<DayState, { bg: string; fg: string }> = {
  work: { bg: 'transparent', fg: 'var(--mantine-color-text)' },
  rest: { bg: 'var(--mantine-color-gray-2)', fg: 'var(--mantine-color-gray-9)' },
  holiday: { bg: 'var(--mantine-color-red-7)', fg: 'white' },
  makeup: { bg: 'var(--mantine-color-blue-7)', fg: 'white' },
};
const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** Twelve months of one year; clicking a day moves it to its next state. */
export function YearGrid({ year, marks, onToggle, readOnly }: { year: number; marks: YearMarks; onToggle: (date: string) => void; readOnly: boolean }) {
  return (
    <>
      <Group gap="md">
        {(Object.keys(STATE_LABELS) as DayState[]).map((s) => (
          <Group key={s} gap={4}>
            <span style={{ display: 'inline-block', width: 14, height: 14, background: COLORS[s].bg, border: '1px solid var(--mantine-color-gray-5)' }} />
            <Text size="sm">{STATE_LABELS[s]}</Text>
          </Group>
        ))}
      </Group>
      <SimpleGrid cols={{ base: 2, md: 3, lg: 4 }} data-testid="year-grid">
        {Array.from({ length: 12 }, (_, month) => (
          <div key={month}>
            <Text fw={600} size="sm" ta="center">
              {year} 年 {month + 1} 月
            </Text>
            <Table withRowBorders={false} verticalSpacing={1} horizontalSpacing={1} layout="fixed">
              <Table.Thead>
                <Table.Tr>
                  {WEEKDAYS.map((w) => (
                    <Table.Th key={w} ta="center" fz="xs">
                      {w}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {monthWeeks(year, month).map((week, i) => (
                  <Table.Tr key={i}>
                    {week.map((date, j) => {
                      if (!date) return <Table.Td key={j} />;
                      const s = stateOf(date, marks);
                      return (
                        <Table.Td key={j} p={0}>
                          <UnstyledButton
                            w="100%"
                            ta="center"
                            fz="xs"
                            data-date={date}
                            data-state={s}
                            aria-label={`${year} 年 ${month + 1} 月 ${Number(date.slice(8))} 日 ${STATE_LABELS[s]}`}
                            disabled={readOnly}
                            onClick={() => onToggle(date)}
                            style={{ background: COLORS[s].bg, color: COLORS[s].fg, borderRadius: 3, lineHeight: '20px' }}
                          >
                            {Number(date.slice(8))}
                          </UnstyledButton>
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        ))}
      </SimpleGrid>
    </>
  );
}
