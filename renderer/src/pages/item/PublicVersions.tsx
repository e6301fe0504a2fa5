import { Badge, Button, Group, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { FINDING_LABELS, type FindingKind } from '../../../../shared/documents';
import { useState } from 'react';
import type { DocumentView } from '../../../../shared/documents';
import type { PublicVersionView } from '../../../../shared/ops/publication';
import { api, messageOf } from '../../api';
import { Notice } from '../../components/Notice';
import { useChange, useOp } from '../../query';
import { Section } from './parts';

// 区分处理: the public version of each carrier file, made from the confirmed findings and
// proved clean by reading it back; compared side by side with the original before the
// step that confirms it signs its hash.

const STATUS: Record<string, string> = { draft: '待确认', confirmed: '已确认' };

export function PublicVersions({ itemId, canProduce, canReadOriginals }: { itemId: string; canProduce: boolean; canReadOriginals: boolean }) {
  const docs = useOp('documents', 'list', { itemId }).data ?? [];
  const versions = useOp('publicVersions', 'list', { itemId });
  const produce = useChange(api().publicVersions.produce, ['publicVersions', 'items']);
  const [compare, setCompare] = useState<{ doc: DocumentView; version: PublicVersionView } | null>(null);
  const templates = useOp('publicVersions', 'masks', undefined, { enabled: canProduce }).data ?? [];
  /** The reviewer's mask per kind of finding; full removal where none is chosen. */
  const [masks, setMasks] = useState<Record<string, string>>({});
  if (docs.length === 0 || (!canProduce && (versions.data ?? []).length === 0)) return null;
  const latest = (documentId: string) => (versions.data ?? []).filter((v) => v.documentId === documentId).at(-1);

  return (
    <Section title="公开版本（区分处理）">
      <Text size="sm" c="dimmed">
        公开版本按已确认的发现删除内容，再用导入时的提取程序和逐字节检查两种方式读回核验：被删除的内容一处也不能留下。只有公开版本会导出发布，原件从不离开本机。
      </Text>
      {canProduce && templates.length > 0 && (
        <Group gap="xs" data-testid="masks">
          {templates.map((t) => (
            <Select
              key={t.kind}
              size="xs"
              w={260}
              label={`${FINDING_LABELS[t.kind as FindingKind] ?? t.kind}的遮盖方式`}
              data={t.templates.map((m) => ({ value: m.id, label: m.label }))}
              value={masks[t.kind] ?? 'full'}
              onChange={(v) => v && setMasks({ ...masks, [t.kind]: v })}
              allowDeselect={false}
            />
          ))}
        </Group>
      )}
      <Notice error={versions.error ? messageOf(versions.error) : produce.error ? messageOf(produce.error) : null} />
      <Table withTableBorder data-testid="public-versions">
        <Table.Tbody>
          {docs.map((d) => {
            const v = latest(d.id);
            return (
              <Table.Tr key={d.id} data-document={d.name}>
                <Table.Td>{d.name}</Table.Td>
                <Table.Td>
                  {v ? (
                    <Group gap={4}>
                      <Badge color={v.status === 'confirmed' ? 'green' : 'blue'} variant="light">
                        {STATUS[v.status] ?? v.status}
                      </Badge>
                      <Badge color={v.proof.ok ? 'green' : 'red'} data-testid="proof">
                        {v.proof.ok ? '核验通过' : '核验未通过'}
                      </Badge>
                      <Text size="xs">删除 {v.removals.length} 处</Text>
                    </Group>
                  ) : (
                    <Text size="sm" c="dimmed">
                      尚未制作
                    </Text>
                  )}
                  {v?.proof.problems.map((p) => (
                    <Text key={p} size="xs" c="red">
                      {p}
                    </Text>
                  ))}
                  {v?.notes.map((n) => (
                    <Text key={n} size="xs" c="dimmed">
                      {n}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    {canProduce && (
                      <Button size="compact-xs" loading={produce.isPending && produce.variables?.documentId === d.id} onClick={() => produce.mutate({ documentId: d.id, masks })}>
                        {v ? '重新制作' : '制作公开版本'}
                      </Button>
                    )}
                    {v && (
                      <Button size="compact-xs" variant="light" onClick={() => setCompare({ doc: d, version: v })}>
                        对照查看
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {compare && <SideBySide key={compare.version.id} doc={compare.doc} version={compare.version} showOriginal={canReadOriginals} />}
    </Section>
  );
}

function SideBySide({ doc, version, showOriginal }: { doc: DocumentView; version: PublicVersionView; showOriginal: boolean }) {
  const original = useOp('documents', 'text', { documentId: doc.id, offset: 0, length: 20_000 }, { enabled: showOriginal });
  const published = useOp('publicVersions', 'text', { id: version.id });
  const box = { whiteSpace: 'pre-wrap', fontSize: 13, maxHeight: 420, overflow: 'auto', border: '1px solid #eee', padding: 8 } as const;
  return (
    <SimpleGrid cols={showOriginal ? 2 : 1} data-testid="side-by-side">
      {showOriginal && (
        <Stack gap={4}>
          <Text fw={600} size="sm">
            原件：{doc.name}
          </Text>
          <div style={box} data-testid="original-text">
            {original.data?.text ?? (original.error ? messageOf(original.error) : '正在读取…')}
          </div>
        </Stack>
      )}
      <Stack gap={4}>
        <Text fw={600} size="sm">
          公开版本：{version.name}（SHA-256 {version.sha256.slice(0, 16)}…）
        </Text>
        <div style={box} data-testid="public-text">
          {published.data?.text ?? (published.error ? messageOf(published.error) : '正在读取…')}
        </div>
      </Stack>
    </SimpleGrid>
  );
}
