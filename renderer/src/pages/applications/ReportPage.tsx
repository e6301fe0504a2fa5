import { Anchor, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { applicationRows } from '../../../../shared/applications';
import type { AnnualReport } from '../../../../shared/ops/applications';
import type { PrintedFormView } from '../../../../shared/ops/forms';
import { api, call, messageOf } from '../../api';
import { saveFile } from '../../files';
import { Notice } from '../../components/Notice';
import { PrintPreview } from '../../components/PrintPreview';
import { useAction } from '../../components/useAction';
import { useChange, useOp } from '../../query';

// The application part of the 政府信息公开工作年度报告 (附件9 第四条): each number opens the
// applications behind it; 行政复议 and 行政诉讼 are entered by hand; xlsx and print.

const thisYear = new Date().getFullYear();
const YEARS = Array.from({ length: 6 }, (_, i) => String(thisYear - i));

function ReviewCounts({ r }: { r: AnnualReport }) {
  const [v, setV] = useState({ reconsideration: r.reconsideration, direct: r.litigation.direct, afterReconsideration: r.litigation.afterReconsideration });
  useEffect(() => setV({ reconsideration: r.reconsideration, direct: r.litigation.direct, afterReconsideration: r.litigation.afterReconsideration }), [r]);
  const save = useChange((i: { year: number; reconsideration: number; direct: number; afterReconsideration: number }) => api().applications.setReviewCounts(i), ['applications']);
  const { error, busy, run } = useAction();
  const num = (k: keyof typeof v, label: string) => <NumberInput label={label} min={0} value={v[k]} onChange={(n) => setV({ ...v, [k]: typeof n === 'number' ? n : 0 })} />;
  return (
    <Stack gap="xs">
      <Title order={5}>政府信息公开行政复议、行政诉讼情况</Title>
      <SimpleGrid cols={3}>
        {num('reconsideration', '行政复议（件）')}
        {num('direct', '行政诉讼：未经复议直接起诉（件）')}
        {num('afterReconsideration', '行政诉讼：复议后起诉（件）')}
      </SimpleGrid>
      <Group>
        <Button size="xs" loading={busy} onClick={() => void run(async () => void (await save.mutateAsync({ year: r.year, ...v })))}>
          保存复议、诉讼件数
        </Button>
      </Group>
      <Notice error={error} />
    </Stack>
  );
}

export function ReportPage({ onTrace }: { onTrace: (number: string) => void }) {
  const [year, setYear] = useState(String(thisYear));
  const q = useOp('applications', 'annualReport', { year: Number(year) });
  // `items`: the published items behind the 主动公开 figure, listed as text (they are not applications).
  const [trace, setTrace] = useState<{ label: string; numbers: string[]; items?: boolean } | null>(null);
  const [printed, setPrinted] = useState<PrintedFormView | null>(null);
  const file = useAction();
  const r = q.data;
  return (
    <Stack maw={900}>
      <Group justify="space-between" align="end">
        <Title order={3}>政府信息公开工作年度报告</Title>
        <Group align="end">
          <Select label="年度" w={120} data={YEARS.map((y) => ({ value: y, label: `${y} 年` }))} value={year} onChange={(y) => y && setYear(y)} allowDeselect={false} />
          <Button variant="light" loading={file.busy} onClick={() => void file.run(async () => {
            const x = await call(api().applications.annualReportXlsx({ year: Number(year) }));
            saveFile(x.fileName, x.base64);
          })}>
            导出 xlsx
          </Button>
          <Button variant="light" loading={file.busy} onClick={() => void file.run(async () => setPrinted(await call(api().applications.annualReportPrint({ year: Number(year) }))))}>
            打印报告
          </Button>
        </Group>
      </Group>
      <Notice error={q.error ? messageOf(q.error) : file.error} />
      {r && (
        <>
          <Text fw={700} data-testid="report-title">
            {r.title}
          </Text>
          <Text size="sm" c="dimmed">
            编制、公布时限：各镇人民政府、街道办事处于 {r.year + 1} 年 1 月 31 日前；市政务公开领导小组办公室汇总后于 {r.year + 1} 年 2 月 20 日前。
          </Text>
          <Title order={5}>收到和处理政府信息公开申请情况</Title>
          <Table withTableBorder data-testid="report-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>项目</Table.Th>
                <Table.Th w={120}>件数</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {applicationRows(r).map((row) => (
                <Table.Tr key={row.label}>
                  <Table.Td pl={row.sub ? 'xl' : undefined}>{row.label}</Table.Td>
                  <Table.Td>
                    {row.n > 0 ? (
                      <Anchor component="button" aria-label={`${row.label}：${row.n} 件，查看对应的申请`} onClick={() => setTrace({ label: row.label, numbers: r.trace[row.key] ?? [] })}>
                        {row.n}
                      </Anchor>
                    ) : (
                      row.n
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="sm" c="dimmed">
            上年结转指接收时间为上一年、办结时间为本年度的申请；结转下年度指接收时间为本年度、需在下一年办结的申请。
          </Text>
          <Title order={5}>主动公开政府信息情况</Title>
          <Text size="sm">
            本年在网站发布的政府信息：
            {r.published > 0 ? (
              <Anchor component="button" aria-label={`本年在网站发布的政府信息：${r.published} 条，查看对应的事项`} onClick={() => setTrace({ label: '本年在网站发布的政府信息', numbers: r.trace['published'] ?? [], items: true })}>
                {r.published}
              </Anchor>
            ) : (
              r.published
            )}{' '}
            条
          </Text>
          <ReviewCounts r={r} />
        </>
      )}
      {printed && <PrintPreview form={printed} fileName={`${r?.title.replace(/[《》]/g, '') ?? '年度报告'}.pdf`} />}
      <Modal opened={!!trace} onClose={() => setTrace(null)} title={trace ? `${trace.label}：${trace.items ? '对应的事项' : '对应的申请'}` : ''}>
        {trace?.items ? (
          <Stack gap={4} data-testid="trace-items">
            {trace.numbers.map((n, i) => (
              <Text key={i} size="sm">
                {n}
              </Text>
            ))}
          </Stack>
        ) : (
          <Group gap="xs" data-testid="trace">
            {trace?.numbers.map((n) => (
              <Anchor key={n} component="button" onClick={() => onTrace(n)}>
                {n}
              </Anchor>
            ))}
          </Group>
        )}
      </Modal>
    </Stack>
  );
}
