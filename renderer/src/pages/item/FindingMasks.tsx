import { Select, Table, Text } from '@mantine/core';
import { FINDING_LABELS } from '../../../../shared/documents';
import { useOp } from '../../query';

// The mask of each confirmed finding of one file, where the reviewer wants it to differ
// from the choice made for its kind (one ID number kept whole in region, another removed).

type Templates = Array<{ kind: string; templates: Array<{ id: string; label: string }> }>;

export function FindingMasks({ documentId, templates, kindMasks, value, onChange }: { documentId: string; templates: Templates; kindMasks: Record<string, string>; value: Record<string, string>; onChange: (next: Record<string, string>) => void }) {
  const doc = useOp('documents', 'get', { documentId }).data;
  const confirmed = (doc?.findings ?? []).filter((f) => f.status === 'confirmed');
  if (doc && confirmed.length === 0) return <Text size="sm">该文件没有已确认的发现。</Text>;
  return (
    <Table withTableBorder data-testid="finding-masks">
      <Table.Tbody>
        {confirmed.map((f) => {
          const options = templates.find((t) => t.kind === f.kind)?.templates ?? [{ id: 'full', label: '全部删除' }];
          const byKind = options.find((o) => o.id === (kindMasks[f.kind] ?? 'full'))?.label ?? '全部删除';
          return (
            <Table.Tr key={f.id} data-finding={f.id}>
              <Table.Td>
                <Text size="xs">{f.location}</Text>
              </Table.Td>
              <Table.Td>{FINDING_LABELS[f.kind]}</Table.Td>
              <Table.Td>
                <mark>{f.text}</mark>
              </Table.Td>
              <Table.Td>
                <Select
                  size="xs"
                  w={280}
                  aria-label={`“${f.text}”的遮盖方式`}
                  data={[{ value: '', label: `同类别（${byKind}）` }, ...options.map((o) => ({ value: o.id, label: o.label }))]}
                  value={value[String(f.id)] ?? ''}
                  onChange={(v) => {
                    const next = { ...value };
                    if (v) next[String(f.id)] = v;
                    else delete next[String(f.id)];
                    onChange(next);
                  }}
                  allowDeselect={false}
                />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
