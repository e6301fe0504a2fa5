import { Badge, Button, Card, Group, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FINDING_KINDS, FINDING_LABELS, FINDING_STATUS_LABELS, type FindingKind, type FindingView } from '../../../../../shared/documents';
import { api, call } from '../../../api';
import { useAction } from '../../../components/useAction';

// The findings of one file, kind by kind, each with its decision; the row the keyboard
// is on is marked (data-current) and takes the focus.

/** The findings in the order the table shows them: kind by kind, each kind in file order. */
export function inTableOrder(findings: FindingView[]): FindingView[] {
  return FINDING_KINDS.flatMap((k) => findings.filter((f) => f.kind === k).sort((a, b) => a.start - b.start));
}

interface Props {
  findings: FindingView[];
  canDecide: boolean;
  current: number | null;
  reasons: Record<number, string>;
  onReason: (id: number, reason: string) => void;
  onDecide: (f: FindingView, decision: 'confirmed' | 'dismissed') => void;
  onPick: (id: number) => void;
  onDone: () => Promise<void>;
}

export function FindingTable({ findings, canDecide, current, reasons, onReason, onDecide, onPick, onDone }: Props) {
  const groups = FINDING_KINDS.map((k) => [k, findings.filter((f) => f.kind === k).sort((a, b) => a.start - b.start)] as const).filter(([, fs]) => fs.length > 0);
  return (
    <>
      {groups.map(([kind, fs]) => (
        <Card key={kind} withBorder padding="xs" data-kind={kind}>
          <Group justify="space-between">
            <Text fw={600} size="sm">
              {FINDING_LABELS[kind]}（{fs.length}）
            </Text>
            {canDecide && fs.some((f) => f.status === 'open') && <BulkDecision kind={kind} open={fs.filter((f) => f.status === 'open')} onDone={onDone} />}
          </Group>
          <Table>
            <Table.Tbody>
              {fs.map((f) => (
                <Table.Tr
                  key={f.id}
                  id={`finding-row-${f.id}`}
                  data-finding={f.id}
                  data-status={f.status}
                  data-current={f.id === current ? 'true' : undefined}
                  aria-current={f.id === current ? 'true' : undefined}
                  tabIndex={-1}
                  onFocus={(e) => e.target === e.currentTarget && onPick(f.id)}
                  onClick={() => onPick(f.id)}
                >
                  <Table.Td w={200}>
                    <Text size="xs">{f.location}</Text>
                  </Table.Td>
                  <Table.Td>
                    <mark>{f.text}</mark>
                    {f.basisTitle && <Text size="xs">依据：{f.basisTitle}</Text>}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{f.groundLabel}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{Math.round(f.confidence * 100)}%</Text>
                  </Table.Td>
                  <Table.Td>
                    {f.status === 'open' && canDecide ? (
                      <Group gap={4} wrap="nowrap">
                        <Button size="compact-xs" onClick={() => onDecide(f, 'confirmed')}>
                          确认
                        </Button>
                        <TextInput size="xs" placeholder="排除理由" aria-label="排除理由" value={reasons[f.id] ?? ''} onChange={(e) => onReason(f.id, e.currentTarget.value)} />
                        <Button size="compact-xs" variant="light" color="gray" onClick={() => onDecide(f, 'dismissed')}>
                          排除
                        </Button>
                      </Group>
                    ) : (
                      <Badge size="sm" color={f.status === 'confirmed' ? 'red' : f.status === 'dismissed' ? 'gray' : 'yellow'} data-testid="finding-status">
                        {FINDING_STATUS_LABELS[f.status]}
                        {f.manual ? '（手工标记）' : ''}
                      </Badge>
                    )}
                    {f.reason && <Text size="xs">{f.reason}</Text>}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      ))}
    </>
  );
}

/** One decision for every open finding of a kind, with one reason: a single audit entry listing them all. */
function BulkDecision({ kind, open, onDone }: { kind: FindingKind; open: FindingView[]; onDone: () => Promise<void> }) {
  const [reason, setReason] = useState('');
  const { error, busy, run } = useAction();
  const decide = (decision: 'confirmed' | 'dismissed') =>
    run(async () => {
      await call(api().findings.decideMany({ findingIds: open.map((f) => f.id), decision, reason }));
      setReason('');
      await onDone();
    });
  return (
    <Group gap={4} wrap="nowrap" data-testid={`bulk-${kind}`}>
      <Button size="compact-xs" loading={busy} onClick={() => void decide('confirmed')}>
        全部确认（{open.length}）
      </Button>
      <TextInput size="xs" placeholder="排除理由" aria-label={`${FINDING_LABELS[kind]}的排除理由`} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
      <Button size="compact-xs" variant="light" color="gray" loading={busy} onClick={() => void decide('dismissed')}>
        全部排除
      </Button>
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
    </Group>
  );
}
