import { Alert, Badge, Button, Card, Group, Modal, Progress, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { PrintedFormView } from '../../../shared/ops/forms';
import type { BundleProgressView, ExportResult } from '../../../shared/ops/publication';
import { PrintPreview } from '../components/PrintPreview';
import { saveFile } from '../files';
import { useAction } from '../components/useAction';
import { api, call, messageOf } from '../api';
import { Notice } from '../components/Notice';
import { useChange, useOp } from '../query';
import { RegisterList } from './lists/RegisterList';

// The publisher's desk: the 待发布 queue, export to a removable drive as a signed bundle,
// and the publication register where the website publication is recorded afterwards.

export function PublicationPage() {
  const queue = useOp('publication', 'queue', undefined);
  const [parentDir, setParentDir] = useState('');
  const [result, setResult] = useState<ExportResult | null>(null);
  const exporting = useChange(api().publication.export, ['publication', 'items']);
  const drives = useOp('publication', 'destinations', undefined).data ?? [];
  const [progress, setProgress] = useState<BundleProgressView | null>(null);
  useEffect(() => api().on('bundleProgress', setProgress), []);
  const ready = (queue.data ?? []).filter((q) => q.ready).length;

  return (
    <Stack>
      <Title order={3}>发布</Title>
      <Card withBorder>
        <Stack gap="xs">
          <Title order={5}>待发布</Title>
          <Notice error={queue.error ? messageOf(queue.error) : null} />
          {queue.data && queue.data.length === 0 && <Text c="dimmed">暂无待发布的事项</Text>}
          {queue.data && queue.data.length > 0 && (
            <Table withTableBorder data-testid="queue">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>信息名称</Table.Th>
                  <Table.Th>文号</Table.Th>
                  <Table.Th>审查结论</Table.Th>
                  <Table.Th>批准日期</Table.Th>
                  <Table.Th>文件</Table.Th>
                  <Table.Th>能否导出</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {queue.data.map((q) => (
                  <Table.Tr key={q.itemId} data-title={q.title}>
                    <Table.Td>{q.title}</Table.Td>
                    <Table.Td>{q.documentNumber}</Table.Td>
                    <Table.Td>{q.outcome === 'PUBLISH' ? '公开' : '部分公开'}</Table.Td>
                    <Table.Td>{q.approvedOn}</Table.Td>
                    <Table.Td>{q.files}</Table.Td>
                    <Table.Td>{q.ready ? <Badge color="green">可以导出</Badge> : <Text size="sm" c="orange">{q.problem}</Text>}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {drives.length > 0 && (
            <Group gap="xs" data-testid="drives">
              <Text size="sm">移动存储介质：</Text>
              {drives.map((d) => (
                <Button key={d} size="compact-xs" variant={parentDir === d ? 'filled' : 'light'} onClick={() => setParentDir(d)}>
                  {d}
                </Button>
              ))}
            </Group>
          )}
          <Group align="end">
            <TextInput
              label="导出到（移动存储介质上的文件夹）"
              description="发布包先以临时名称写入并落盘，全部写完后才改为正式名称"
              w={420}
              value={parentDir}
              onChange={(e) => setParentDir(e.currentTarget.value)}
            />
            <Button
              disabled={ready === 0 || !parentDir.trim()}
              loading={exporting.isPending}
              onClick={() => {
                setProgress(null);
                exporting.mutate({ parentDir }, { onSuccess: setResult, onError: () => setResult(null) });
              }}
            >
              导出发布包（{ready} 项）
            </Button>
          </Group>
          {exporting.isPending && progress && (
            <Stack gap={2} data-testid="export-progress">
              <Text size="sm">
                正在写入发布包：{Math.round(progress.bytes / 1024)} / {Math.round(progress.totalBytes / 1024)} KB
              </Text>
              <Progress value={Math.round(progress.fraction * 100)} animated />
            </Stack>
          )}
          <Notice error={exporting.error ? messageOf(exporting.error) : null} />
          {result && (
            <Alert color="green" title="发布包已导出" data-testid="export-result">
              <Text size="sm">位置：{result.path}</Text>
              <Text size="sm">
                第 {result.sequence} 号发布包（{result.bundleId}），{result.items} 项{result.recalls ? `，撤回 ${result.recalls} 项` : ''}
              </Text>
              <Text size="sm">清单 SHA-256：{result.manifestSha256}</Text>
              {result.skipped.map((s) => (
                <Text key={s.itemId} size="sm" c="orange">
                  未导出“{s.title}”：{s.problem}
                </Text>
              ))}
            </Alert>
          )}
        </Stack>
      </Card>
      <Card withBorder>
        <Stack gap="xs">
          <Group justify="space-between">
            <Title order={5}>政府信息公开登记</Title>
            <Group gap="xs">
              <RegisterFile format="xlsx" />
              <RegisterFile format="csv" />
              <PrintRegister />
            </Group>
          </Group>
          <RegisterList />
        </Stack>
      </Card>
    </Stack>
  );
}

function PrintRegister() {
  const [form, setForm] = useState<PrintedFormView | null>(null);
  const { error, busy, run } = useAction();
  return (
    <>
      <Button size="xs" variant="light" loading={busy} onClick={() => void run(async () => setForm(await call(api().forms.printRegister())))}>
        打印登记
      </Button>
      <Notice error={error} />
      <Modal opened={!!form} onClose={() => setForm(null)} title="政府信息公开登记" size="xl">
        {form && <PrintPreview form={form} fileName="政府信息公开登记.pdf" />}
      </Modal>
    </>
  );
}

/** The register as a file: fetched from the main process, saved by the browser's download. */
function RegisterFile({ format }: { format: 'xlsx' | 'csv' }) {
  const { error, busy, run } = useAction();
  const save = () =>
    run(async () => {
      const f = await call(api().publication.registerFile({ format }));
      saveFile(f.fileName, f.base64);
    });
  return (
    <>
      <Button size="xs" variant="subtle" loading={busy} onClick={() => void save()}>
        导出 {format.toUpperCase()}
      </Button>
      <Notice error={error} />
    </>
  );
}
