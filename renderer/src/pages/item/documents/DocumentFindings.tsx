import { Alert, Badge, Button, Card, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { FINDING_KINDS, FINDING_LABELS, FINDING_STATUS_LABELS, type FindingKind, type FindingView } from '../../../../../shared/documents';
import { api, call } from '../../../api';
import { Notice } from '../../../components/Notice';
import { useAction } from '../../../components/useAction';
import { useOp } from '../../../query';
import { Highlighted } from './Highlighted';

// One carrier file: what the scanner found where, decided finding by finding, and the
// text itself in pages, where a reviewer can mark what the scanner missed.

const PAGE = 4000;

export function DocumentFindings({ documentId, canDecide, onChanged }: { documentId: string; canDecide: boolean; onChanged: () => void }) {
  const [offset, setOffset] = useState(0);
  const client = useQueryClient();
  const loaded = useOp('documents', 'get', { documentId });
  const doc = loaded.data;
  const page = useOp('documents', 'text', { documentId, offset, length: PAGE }, { placeholderData: keepPreviousData }).data ?? null;
  /** A decision changes the document, its text page's highlights, the file list and the item's gate. */
  const refresh = async () => {
    await Promise.all(['documents', 'items'].map((g) => client.invalidateQueries({ queryKey: [g] })));
    onChanged();
  };
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const [markKind, setMarkKind] = useState<FindingKind>('PERSON_NAME');
  const [markReason, setMarkReason] = useState('');
  const viewRef = useRef<HTMLDivElement>(null);
  const { error, run } = useAction();

  const decide = (f: FindingView, decision: 'confirmed' | 'dismissed') =>
    run(async () => {
      await call(api().findings.decide({ findingId: f.id, decision, reason: reasons[f.id] ?? '' }));
      await refresh();
    });

  const markSelection = () =>
    run(async () => {
      const sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) throw new Error('请先在下方文字中选中要标记的内容');
      const range = sel.getRangeAt(0);
      const at = (node: Node, off: number) => {
        const el = (node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element))?.closest<HTMLElement>('[data-start]');
        if (!el || !viewRef.current?.contains(el)) throw new Error('只能标记文字视图中的内容');
        return Number(el.dataset['start']) + off;
      };
      const start = at(range.startContainer, range.startOffset);
      const end = at(range.endContainer, range.endOffset);
      await call(api().findings.mark({ documentId, start: Math.min(start, end), end: Math.max(start, end), kind: markKind, reason: markReason }));
      sel.removeAllRanges();
      setMarkReason('');
      await refresh();
    });

  if (!doc) return <Notice error={error ?? (loaded.error ? loaded.error.message : null)} />;
  const groups = FINDING_KINDS.map((k) => [k, doc.findings.filter((f) => f.kind === k)] as const).filter(([, fs]) => fs.length > 0);

  return (
    <Stack gap="xs" data-testid="document-findings">
      <Text fw={600}>
        {doc.name}：发现 {doc.findings.length} 处（待确认 {doc.open}，已确认 {doc.confirmed}，已排除 {doc.dismissed}）
      </Text>
      {doc.warnings.map((w) => (
        <Alert key={w} color="yellow" p="xs">
          {w}
        </Alert>
      ))}
      <Notice error={error} />
      {groups.map(([kind, fs]) => (
        <Card key={kind} withBorder padding="xs" data-kind={kind}>
          <Group justify="space-between">
            <Text fw={600} size="sm">
              {FINDING_LABELS[kind]}（{fs.length}）
            </Text>
            {canDecide && fs.some((f) => f.status === 'open') && <BulkDecision kind={kind} open={fs.filter((f) => f.status === 'open')} onDone={refresh} />}
          </Group>
          <Table>
            <Table.Tbody>
              {fs.map((f) => (
                <Table.Tr key={f.id} data-finding={f.id} data-status={f.status}>
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
                        <Button size="compact-xs" onClick={() => void decide(f, 'confirmed')}>
                          确认
                        </Button>
                        <TextInput size="xs" placeholder="排除理由" aria-label="排除理由" value={reasons[f.id] ?? ''} onChange={(e) => setReasons({ ...reasons, [f.id]: e.currentTarget.value })} />
                        <Button size="compact-xs" variant="light" color="gray" onClick={() => void decide(f, 'dismissed')}>
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
      {page && (
        <Card withBorder padding="xs">
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              文字内容（第 {page.offset + 1}–{page.offset + page.text.length} 字，共 {page.total} 字）
            </Text>
            <Group gap={4}>
              <Button size="compact-xs" variant="subtle" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                上一页
              </Button>
              <Button size="compact-xs" variant="subtle" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
                下一页
              </Button>
            </Group>
          </Group>
          <div ref={viewRef} data-testid="text-view" style={{ whiteSpace: 'pre-wrap', fontSize: 14, maxHeight: 360, overflow: 'auto', border: '1px solid #eee', padding: 8 }}>
            <Highlighted page={page} />
          </div>
          {canDecide && (
            <Group align="end" mt="xs">
              <Select size="xs" label="类别" data={FINDING_KINDS.map((k) => ({ value: k, label: FINDING_LABELS[k] }))} value={markKind} onChange={(v) => v && setMarkKind(v as FindingKind)} allowDeselect={false} />
              <TextInput size="xs" label="说明" value={markReason} onChange={(e) => setMarkReason(e.currentTarget.value)} />
              <Button size="xs" variant="light" onMouseDown={(e) => e.preventDefault()} onClick={() => void markSelection()}>
                标记所选文字
              </Button>
            </Group>
          )}
        </Card>
      )}
    </Stack>
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
