import { Badge, Button, Group, List, Select, Table, Text } from '@mantine/core';
import { GROUND_LABELS, type Ground } from '../../../../shared/workflow';
import { FINDING_LABELS, type FindingKind } from '../../../../shared/documents';
import { useState } from 'react';
import { useDraft } from '../../drafts';
import type { DocumentView } from '../../../../shared/documents';
import type { PublicVersionView } from '../../../../shared/ops/publication';
import { api, messageOf } from '../../api';
import { Notice } from '../../components/Notice';
import { useChange, useOp } from '../../query';
import { HAS_PAGES, type PageArea } from '../../components/PdfPages';
import { AreaEditor } from './AreaEditor';
import { FindingMasks } from './FindingMasks';
import { Section } from './parts';
import { SideBySide } from './SideBySide';

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
  // The choices below take work (areas drawn page by page): they survive the idle lock.
  const d = `public-version:${itemId}:`;
  /** The reviewer's mask per kind of finding; full removal where none is chosen. */
  const [masks, setMasks] = useDraft<Record<string, string>>(`${d}masks`, {});
  /** Areas drawn per file (PDF pages, images), sent with the next production. */
  const [areas, setAreas] = useDraft<Record<string, PageArea[]>>(`${d}areas`, {});
  const [drawing, setDrawing] = useState<DocumentView | null>(null);
  /** Masks chosen finding by finding, per file. */
  const [findingMasks, setFindingMasks] = useDraft<Record<string, Record<string, string>>>(`${d}findingMasks`, {});
  const [perFinding, setPerFinding] = useState<string | null>(null);
  /** Per workbook: its hidden rows and columns shown in the public version, or removed. */
  const [hidden, setHidden] = useDraft<Record<string, 'reveal' | 'remove'>>(`${d}hidden`, {});
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
                      <Text size="xs">删除 {(v.removals as Removal[]).reduce((n, r) => n + (r.count ?? 1), 0)} 处</Text>
                    </Group>
                  ) : (
                    <Text size="sm" c="dimmed">
                      尚未制作
                    </Text>
                  )}
                  {v && <Removals removals={v.removals as Removal[]} />}
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
                      <Button size="compact-xs" loading={produce.isPending && produce.variables?.documentId === d.id} onClick={() => produce.mutate({ documentId: d.id, masks, areas: areas[d.id] ?? [], findingMasks: findingMasks[d.id] ?? {}, hiddenRowsAndColumns: hidden[d.id] ?? 'reveal' })}>
                        {v ? '重新制作' : '制作公开版本'}
                      </Button>
                    )}
                    {canProduce && d.type === 'xlsx' && (
                      <Select
                        size="xs"
                        w={170}
                        aria-label={`“${d.name}”中隐藏的行和列`}
                        data={[
                          { value: 'reveal', label: '隐藏的行和列：显示' },
                          { value: 'remove', label: '隐藏的行和列：删除' },
                        ]}
                        value={hidden[d.id] ?? 'reveal'}
                        onChange={(x) => x && setHidden({ ...hidden, [d.id]: x as 'reveal' | 'remove' })}
                        allowDeselect={false}
                      />
                    )}
                    {canProduce && canReadOriginals && d.confirmed > 0 && (
                      <Button size="compact-xs" variant="light" onClick={() => setPerFinding(perFinding === d.id ? null : d.id)}>
                        逐项选择遮盖方式
                      </Button>
                    )}
                    {canProduce && canReadOriginals && HAS_PAGES.includes(d.type) && (
                      <Button size="compact-xs" variant="light" onClick={() => (setDrawing(drawing?.id === d.id ? null : d), setCompare(null))}>
                        标出删除区域{areas[d.id]?.length ? `（${areas[d.id]!.length}）` : ''}
                      </Button>
                    )}
                    {v && (
                      <Button size="compact-xs" variant="light" onClick={() => (setCompare({ doc: d, version: v }), setDrawing(null))}>
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
      {perFinding && (
        <FindingMasks
          key={perFinding}
          documentId={perFinding}
          templates={templates}
          kindMasks={masks}
          value={findingMasks[perFinding] ?? {}}
          onChange={(next) => setFindingMasks({ ...findingMasks, [perFinding]: next })}
        />
      )}
      {drawing && (
        <AreaEditor
          key={drawing.id}
          doc={drawing}
          areas={areas[drawing.id] ?? []}
          onChange={(next) => setAreas({ ...areas, [drawing.id]: next })}
        />
      )}
      {compare && <SideBySide key={compare.version.id} doc={compare.doc} version={compare.version} showOriginal={canReadOriginals} />}
    </Section>
  );
}

interface Removal {
  kind: string;
  ground: string;
  where: string;
  count: number;
  replacement: string;
}

/** Each removal with its kind, ground, place and what stands there now (never the removed text). */
function Removals({ removals }: { removals: Removal[] }) {
  if (!removals.length) return null;
  return (
    <List size="xs" data-testid="removals">
      {removals.map((r, i) => (
        <List.Item key={i}>
          {FINDING_LABELS[r.kind as FindingKind] ?? r.kind}（{GROUND_LABELS[r.ground as Ground] ?? r.ground}）：{r.where} {r.count} 处，改为 {r.replacement}
        </List.Item>
      ))}
    </List>
  );
}
