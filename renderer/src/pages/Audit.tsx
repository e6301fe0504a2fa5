import { Button, Code, Group, Loader, Pagination, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { ACTION_LABELS } from '../../../shared/audit';
import { contract } from '../../../shared/contract';
import type { InputOf } from '../../../shared/define';
import { api } from '../api';
import { Notice } from '../components/Notice';
import { zodValidate } from '../forms';
import { useChange, useOp } from '../query';
import { TableHead } from './admin/TableHead';

const PAGE = 50;

type VerifyInput = InputOf<typeof contract.audit.verify>;
/** An empty box means "verify the whole trail", which the operation spells as no checkpoint. */
const verifyInput = (checkpoint: string): VerifyInput => (checkpoint.trim() ? { checkpoint: checkpoint.trim() } : {});
const checkVerify = zodValidate(contract.audit.verify.input);

export function AuditPage() {
  const [page, setPage] = useState(1);
  // The previous page stays on screen while the next one is read, so the table does not jump.
  const list = useOp('audit', 'list', { offset: (page - 1) * PAGE, limit: PAGE }, { placeholderData: keepPreviousData });
  // Verifying and countersigning are themselves recorded in the trail.
  const verify = useChange((i: VerifyInput) => api().audit.verify(i), ['audit']);
  const countersign = useChange(() => api().audit.countersign(), ['audit']);
  const [success, setSuccess] = useState<string | null>(null);
  const form = useForm({
    initialValues: { checkpoint: '' },
    validate: (v) => checkVerify(verifyInput(v.checkpoint)),
  });

  const submit = form.onSubmit((v) => {
    setSuccess(null);
    countersign.reset();
    verify.mutate(verifyInput(v.checkpoint));
  });
  const sign = () => {
    setSuccess(null);
    verify.reset();
    countersign.mutate(undefined, { onSuccess: (head) => setSuccess(`已签署检查点 ${head.seq}:${head.hash}，请打印留存`) });
  };
  const report = verify.data;
  const data = list.data;

  return (
    <Stack>
      <Title order={3}>审计日志</Title>
      <form onSubmit={submit} noValidate>
        <Group align="start">
          <TextInput label="检查点（可选，格式 序号:哈希）" w={520} {...form.getInputProps('checkpoint')} />
          <Button type="submit" mt={25} loading={verify.isPending}>
            验证完整性
          </Button>
          <Button variant="light" mt={25} loading={countersign.isPending} onClick={sign}>
            签署当前检查点
          </Button>
        </Group>
      </form>
      {report && (
        <Notice
          error={report.ok ? null : `验证未通过：第 ${report.firstBad?.seq} 条记录，${report.firstBad?.reason}`}
          success={report.ok ? `验证通过：共 ${report.checked} 条记录，末条 ${report.head?.seq}:${report.head?.hash}` : null}
        />
      )}
      <Notice error={list.error?.message ?? verify.error?.message ?? countersign.error?.message} success={success} />
      {list.isPending && <Loader size="sm" />}
      <Table striped withTableBorder>
        <TableHead columns={['序号', '时间', '操作人', '操作', '对象', '哈希']} />
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
