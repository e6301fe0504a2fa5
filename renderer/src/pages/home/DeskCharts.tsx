import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { FINDING_LABELS, type FindingKind } from '../../../../shared/documents';
import type { ItemStats } from '../../../../shared/types';
import { ITEM_STATUSES, STATUS_LABELS } from '../../../../shared/workflow';

// The start page's charts. Each chart has its figures as text too: the chart is a picture
// to a screen reader, and a reader of the page wants the numbers.

interface Bar {
  name: string;
  count: number;
}

// Named categories (状态, 环节, 发现类别) are long Chinese words: they lie as horizontal bars
// with the names on the left, where a vertical chart would drop the labels that overlap.
function ChartCard({ title, bars, testId, unit = '项', series = '事项数', named = false }: { title: string; bars: Bar[]; testId: string; unit?: string; series?: string; named?: boolean }) {
  const longest = Math.max(...bars.map((b) => b.name.length), 2);
  return (
    <Card withBorder>
      <Stack gap="xs" data-testid={testId}>
        <Title order={5}>{title}</Title>
        {bars.length === 0 ? (
          <Text c="gray.7" size="sm">
            暂无数据
          </Text>
        ) : (
          <>
            {/* All zero (e.g. every step done the same day): the figures say it, an empty chart would not. */}
            {bars.some((b) => b.count > 0) && (
              <BarChart
                h={named ? Math.max(120, bars.length * 30 + 30) : 200}
                data={bars}
                dataKey="name"
                orientation={named ? 'vertical' : 'horizontal'}
                yAxisProps={named ? { width: Math.min(180, longest * 13 + 8), interval: 0 } : undefined}
                series={[{ name: 'count', label: series, color: 'red.6' }]}
                withTooltip={false}
                barChartProps={{ accessibilityLayer: false }}
                aria-hidden
              />
            )}
            <Text size="xs" c="gray.7" data-testid={`${testId}-figures`}>
              {bars.map((b) => `${b.name} ${b.count} ${unit}`).join('；')}
            </Text>
          </>
        )}
      </Stack>
    </Card>
  );
}

export function DeskCharts({ stats }: { stats: ItemStats }) {
  const byStatus = ITEM_STATUSES.filter((s) => stats.byStatus[s]).map((s) => ({ name: STATUS_LABELS[s], count: stats.byStatus[s]! }));
  const byMonth = stats.byMonth.map((m) => ({ name: m.month, count: m.count }));
  const byKind = Object.entries(stats.findingsByKind ?? {})
    .filter(([, n]) => n > 0)
    .map(([k, n]) => ({ name: FINDING_LABELS[k as FindingKind] ?? '其他', count: n }));
  const steps = (stats.stepDays ?? []).map((s) => ({ name: s.step, count: Math.round(s.days * 10) / 10 }));
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <ChartCard title="事项状态" bars={byStatus} testId="chart-status" named />
      <ChartCard title="每月登记事项" bars={byMonth} testId="chart-month" />
      {byKind.length > 0 && <ChartCard title="扫描发现（按类别）" bars={byKind} testId="chart-findings" unit="处" series="发现数" named />}
      {steps.length > 0 && <ChartCard title="各环节平均办理时间" bars={steps} testId="chart-steps" unit="天" series="平均天数" named />}
    </SimpleGrid>
  );
}
