import { Alert, Button, Card, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { keepPreviousData, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { FINDING_KINDS, FINDING_LABELS, type FindingKind, type FindingView } from '../../../../../shared/documents';
import { api, call } from '../../../api';
import { useDraft } from '../../../drafts';
import { Notice } from '../../../components/Notice';
import { HAS_PAGES } from '../../../components/PdfPages';
import { useAction } from '../../../components/useAction';
import { useOp } from '../../../query';
import { setLastDismissReason, useShortcuts } from '../../../shortcuts';
import { DismissDialog } from './DismissDialog';
import { DocumentView } from './DocumentView';
import { FindingTable, inTableOrder } from './FindingTable';
import { MarkByText } from './MarkByText';
import { OriginalPages } from './OriginalPages';
import { Parts } from './Parts';

// One carrier file: what the scanner found where, decided finding by finding (by mouse
// or by keyboard: J/K move, Y confirms, N dismisses, O shows the finding in the file),
// and the file itself, where a reviewer can mark what the scanner missed.

const PAGE = 20_000;

export function DocumentFindings({ documentId, canDecide, onChanged, onEnd }: { documentId: string; canDecide: boolean; onChanged: () => void; onEnd?: () => void }) {
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
  const d = `findings:${documentId}:`;
  const [reasons, setReasons] = useDraft<Record<number, string>>(`${d}reasons`, {});
  const [markKind, setMarkKind] = useDraft<FindingKind>(`${d}markKind`, 'PERSON_NAME');
  const [markReason, setMarkReason] = useDraft(`${d}markReason`, '');
  const [current, setCurrent] = useState<number | null>(null);
  const [dismissing, setDismissing] = useState<FindingView | null>(null);
  const viewRef = useRef<HTMLDivElement>(null);
  /** The element to focus once the next render has drawn it (a row, or a finding in the file). */
  const focusNext = useRef<string | null>(null);
  const [, redraw] = useState(0);
  /** Focuses the element once it is drawn (now, or after the render this schedules). */
  const focusSoon = (id: string) => {
    focusNext.current = id;
    redraw((n) => n + 1);
  };
  const { error, setError, run } = useAction();
  /** A decision on its way: the loop's keys wait until it has landed and the next finding is chosen. */
  const deciding = useRef(false);

  useEffect(() => {
    const id = focusNext.current;
    const el = id ? document.getElementById(id) : null;
    if (!el) return;
    focusNext.current = null;
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'center' });
  });

  const ordered = doc ? inTableOrder(doc.findings) : [];
  const at = ordered.findIndex((f) => f.id === current);
  const currentFinding = at >= 0 ? ordered[at]! : null;
  const goTo = (f: FindingView | undefined) => {
    if (!f) return;
    setCurrent(f.id);
    focusSoon(`finding-row-${f.id}`);
  };
  /** The next undecided finding after this one, wrapping round; none when all are decided. */
  const nextOpen = (from: number) => [...ordered.slice(from + 1), ...ordered.slice(0, Math.max(0, from))].find((f) => f.status === 'open');

  const decide = (f: FindingView, decision: 'confirmed' | 'dismissed', reason = reasons[f.id] ?? '') =>
    run(async () => {
      const index = ordered.findIndex((x) => x.id === f.id);
      deciding.current = true;
      try {
        await call(api().findings.decide({ findingId: f.id, decision, reason }));
        await refresh();
      } finally {
        deciding.current = false;
      }
      const next = nextOpen(index);
      if (next) goTo(next);
      else setCurrent(f.id);
    });

  const move = (delta: 1 | -1) => {
    if (!ordered.length) return;
    if (at < 0) return goTo(delta > 0 ? (ordered.find((f) => f.status === 'open') ?? ordered[0]) : ordered.at(-1));
    const next = at + delta;
    if (next >= ordered.length && onEnd) return onEnd();
    goTo(ordered[Math.min(ordered.length - 1, Math.max(0, next))]);
  };

  /** Shows the finding where it stands in the file, turning the text page if needed. */
  const reveal = (f: FindingView) => {
    if (f.start < offset || f.start >= offset + PAGE) setOffset(Math.floor(f.start / PAGE) * PAGE);
    focusSoon(`finding-${f.id}`);
    setCurrent(f.id);
    document.getElementById(`page-finding-${f.id}`)?.scrollIntoView({ block: 'center' });
  };

  const mayDecide = () => {
    if (!canDecide) setError('现在不能处理扫描发现：只有正在办理当前环节的人员可以确认或排除');
    return canDecide && currentFinding !== null;
  };

  const unlessDeciding = (fn: () => unknown) => () => void (deciding.current || fn());
  useShortcuts({
    j: unlessDeciding(() => move(1)),
    k: unlessDeciding(() => move(-1)),
    y: unlessDeciding(() => mayDecide() && decide(currentFinding!, 'confirmed')),
    n: unlessDeciding(() => mayDecide() && setDismissing(currentFinding)),
    o: unlessDeciding(() => currentFinding && reveal(currentFinding)),
  });

  const markSelection = () =>
    run(async () => {
      const sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) throw new Error('请先在下方文字中选中要标记的内容');
      const range = sel.getRangeAt(0);
      const pos = (node: Node, off: number) => {
        const el = (node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element))?.closest<HTMLElement>('[data-start]');
        if (!el || !viewRef.current?.contains(el)) throw new Error('只能标记文字视图中的内容');
        return Number(el.dataset['start']) + off;
      };
      const start = pos(range.startContainer, range.startOffset);
      const end = pos(range.endContainer, range.endOffset);
      await call(api().findings.mark({ documentId, start: Math.min(start, end), end: Math.max(start, end), kind: markKind, reason: markReason }));
      sel.removeAllRanges();
      setMarkReason('');
      await refresh();
    });

  if (!doc) return <Notice error={error ?? (loaded.error ? loaded.error.message : null)} />;

  return (
    <Stack gap="xs" data-testid="document-findings">
      <Text fw={600}>
        {doc.name}：发现 {doc.findings.length} 处（待确认 <span data-testid="document-open">{doc.open}</span>，已确认 {doc.confirmed}，已排除 {doc.dismissed}）
      </Text>
      {doc.warnings.map((w) => (
        <Alert key={w} color="yellow" p="xs">
          {w}
        </Alert>
      ))}
      <Notice error={error} />
      <FindingTable
        findings={doc.findings}
        canDecide={canDecide}
        current={current}
        reasons={reasons}
        onReason={(id, r) => setReasons({ ...reasons, [id]: r })}
        onDecide={(f, d) => void decide(f, d)}
        onPick={setCurrent}
        onDone={refresh}
      />
      <DismissDialog
        finding={dismissing}
        onCancel={() => {
          if (dismissing) focusSoon(`finding-row-${dismissing.id}`);
          setDismissing(null);
        }}
        onDismiss={(reason) => {
          const f = dismissing!;
          setLastDismissReason(reason);
          setDismissing(null);
          void decide(f, 'dismissed', reason);
        }}
      />
      {HAS_PAGES.includes(doc.type) && <OriginalPages documentId={documentId} findings={doc.findings} current={current} />}
      {page && (
        <Card withBorder padding="xs">
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {HAS_PAGES.includes(doc.type) ? '提取的文字' : '文件内容'}（第 {page.offset + 1}–{page.offset + page.text.length} 字，共 {page.total} 字）
            </Text>
            {page.total > PAGE && (
              <Group gap={4}>
                <Button size="compact-xs" variant="subtle" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                  上一页
                </Button>
                <Button size="compact-xs" variant="subtle" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
                  下一页
                </Button>
              </Group>
            )}
          </Group>
          <DocumentView page={page} current={current} viewRef={viewRef} />
          {canDecide && (
            <Group align="end" mt="xs">
              <Select size="xs" label="类别" data={FINDING_KINDS.map((k) => ({ value: k, label: FINDING_LABELS[k] }))} value={markKind} onChange={(v) => v && setMarkKind(v as FindingKind)} allowDeselect={false} />
              <TextInput size="xs" label="说明" value={markReason} onChange={(e) => setMarkReason(e.currentTarget.value)} />
              <Button size="xs" variant="light" onMouseDown={(e) => e.preventDefault()} onClick={() => void markSelection()}>
                标记所选文字
              </Button>
            </Group>
          )}
          {canDecide && (
            <MarkByText
              documentId={documentId}
              page={page}
              findings={doc.findings}
              kind={markKind}
              reason={markReason}
              onMarked={async () => {
                setMarkReason('');
                await refresh();
              }}
            />
          )}
        </Card>
      )}
      {/* Every part of the file and whether it was read: what no scan looked at is said, not hidden. */}
      {doc.parts && <Parts parts={doc.parts} fileName={doc.name} />}
    </Stack>
  );
}
