import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { api } from '../../api';
import { Notice } from '../../components/Notice';
import { useChange, useOp } from '../../query';
import { TableHead } from '../admin/TableHead';
import { when } from './EntryDetails';
import { Hash } from './Hash';

// Checkpoints: the auditor signs the trail's current head with their own key (the
// signature is recorded in the trail), then prints the checkpoint to keep outside the
// machine; a later verification against it finds anything changed before it.

export function Checkpoints({ onPrint }: { onPrint: (entrySeq: number) => void }) {
  const list = useOp('audit', 'checkpointList', undefined);
  const sign = useChange(() => api().audit.countersign(), ['audit']);
  return (
    <Stack gap="xs">
      <Group>
        <Button variant="light" loading={sign.isPending} onClick={() => sign.mutate(undefined)}>
          签署当前检查点
        </Button>
        <Text size="xs" c="dimmed">
          签署后请打印留存；验证审计日志时填写留存的“序号:哈希”。
        </Text>
      </Group>
      <Notice error={sign.error?.message ?? list.error?.message} success={sign.data ? `已签署检查点 ${sign.data.seq}:${sign.data.hash}，请打印留存` : null} />
      <Table striped withTableBorder data-testid="checkpoints">
        <TableHead columns={['检查点序号', '检查点哈希', '签署时间', '签署人', '签名', '']} />
        <Table.Tbody>
          {list.data?.map((c) => (
            <Table.Tr key={c.entrySeq} data-seq={c.seq}>
              <Table.Td>{c.seq}</Table.Td>
              <Table.Td>
                <Hash value={c.hash} label="检查点哈希" />
              </Table.Td>
              <Table.Td>{when(c.time)}</Table.Td>
              <Table.Td>{c.by}</Table.Td>
              <Table.Td>{c.signature ? <Hash value={c.signature} label="签名" /> : <Text size="sm">（记录本身的签名）</Text>}</Table.Td>
              <Table.Td>
                <Button size="compact-xs" variant="light" onClick={() => onPrint(c.entrySeq)}>
                  打印
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
          {list.data?.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={6}>
                <Text size="sm" c="dimmed">
                  尚未签署检查点
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
