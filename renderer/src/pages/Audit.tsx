import { Button, Code, Group, Pagination, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { ACTION_LABELS } from '../../../shared/audit';
import type { AuditPage as Page, VerifyReport } from '../../../shared/types';
import { api, call, messageOf } from '../api';
import { Notice } from '../components/Notice';

const PAGE = 50;


export function AuditPage() {
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page | null>(null);
  const [checkpoint, setCheckpoint] = useState('');
  const [report, setReport] = useState<VerifyReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);

  const load = useCallback(async (p: number) => {
    try {
      setData(await call(api().audit.list({ offset: (p - 1) * PAGE, limit: PAGE })));
    } catch (err) {
      setError(messageOf(err));
    }
  }, []);
  useEffect(() => void load(page), [load, page]);

  const verify = async () => {
    setError(null);
    setSuccess(null);
    try {
      const r = await call(api().audit.verify(checkpoint.trim() ? { checkpoint: checkpoint.trim() } : {}));
      setReport(r);
      await load(page);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const countersign = async () => {
    setError(null);
    try {
      const head = await call(api().audit.countersign());
      setSuccess(`已签署检查点 ${head.seq}:${head.hash}，请打印留存`);
      await load(page);
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <Stack>
      <Title order={3}>审计日志</Title>
      <Group align="end">
        <TextInput label="检查点（可选，格式 序号:哈希）" w={520} value={checkpoint} onChange={(e) => setCheckpoint(e.currentTarget.value)} />
        <Button onClick={() => void verify()}>验证完整性</Button>
        <Button variant="light" onClick={() => void countersign()}>
          签署当前检查点
        </Button>
      </Group>
      {report && (
        <Notice
          error={report.ok ? null : `验证未通过：第 ${report.firstBad?.seq} 条记录，${report.firstBad?.reason}`}
          success={report.ok ? `验证通过：共 ${report.checked} 条记录，末条 ${report.head?.seq}:${report.head?.hash}` : null}
        />
      )}
      <Notice error={error} success={success} />
      <Table striped withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>序号</Table.Th>
            <Table.Th>时间</Table.Th>
            <Table.Th>操作人</Table.Th>
            <Table.Th>操作</Table.Th>
            <Table.Th>对象</Table.Th>
            <Table.Th>哈希</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.entries.map((e) => (
            <Table.Tr key={e.seq}>
              <Table.Td>{e.seq}</Table.Td>
              <Table.Td>{new Date(e.time).toLocaleString('zh-CN', { hour12: false })}</Table.Td>
              <Table.Td>{e.actorName}</Table.Td>
              <Table.Td>{ACTION_LABELS[e.action] ?? e.action}</Table.Td>
              <Table.Td>
                <Text size="xs">{e.subjectName}</Text>
              </Table.Td>
              <Table.Td>
                <Code>{e.hash.slice(0, 16)}…</Code>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data && data.total > PAGE && <Pagination total={Math.ceil(data.total / PAGE)} value={page} onChange={setPage} />}
    </Stack>
  );
}
