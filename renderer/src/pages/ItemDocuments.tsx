import { Alert, Badge, Button, Card, FileButton, Group, Progress, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import { FINDING_KINDS, FINDING_LABELS, FINDING_STATUS_LABELS, type DocumentDetail, type DocumentProgress, type DocumentView, type FindingKind, type FindingView, type TextPage } from '../../../shared/documents';
import { api, call } from '../api';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';

const PAGE = 4000;
const PHASES: Record<DocumentProgress['phase'], string> = { extract: '正在提取文字', scan: '正在扫描', store: '正在加密保存' };
const size = (n: number) => (n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(new Error('无法读取所选文件'));
    r.readAsDataURL(file);
  });
}

/** 载体文件: attach, see what the scanner found where, confirm or dismiss each finding. */
export function ItemDocuments({ itemId, canAttach, canDecide, onChanged }: { itemId: string; canAttach: boolean; canDecide: boolean; onChanged: () => void }) {
  const [docs, setDocs] = useState<DocumentView[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [progress, setProgress] = useState<DocumentProgress | null>(null);
  const { error, busy, run } = useAction();

  const load = useCallback(() => run(async () => setDocs(await call(api().documents.list({ itemId })))), [itemId, run]);
  useEffect(() => void load(), [load]);
  useEffect(() => api().on('documentProgress', (p) => p.itemId === itemId && setProgress(p)), [itemId]);

  const attach = (file: File | null) =>
    file &&
    run(async () => {
      setProgress({ itemId, name: file.name, phase: 'extract', fraction: 0 });
      try {
        const doc = await call(api().documents.attach({ itemId, name: file.name, content: await readBase64(file) }));
        await load();
        setSelected(doc.id);
        onChanged();
      } finally {
        setProgress(null);
      }
    });

  return (
    <Card withBorder data-testid="documents">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={5}>载体文件</Title>
          {canAttach && (
            <FileButton onChange={(f) => void attach(f)} accept=".docx,.xlsx,.pdf,.doc,.png,.jpg,.jpeg,.html,.htm,.txt">
              {(props) => (
                <Button size="xs" variant="light" loading={busy} {...props}>
                  附加文件
                </Button>
              )}
            </FileButton>
          )}
        </Group>
        {progress && (
          <Stack gap={2} data-testid="document-progress">
            <Text size="sm">
              {progress.name}：{PHASES[progress.phase]}
            </Text>
            <Progress value={Math.round(progress.fraction * 100)} animated />
          </Stack>
        )}
        <Notice error={error} />
        {docs.length === 0 && <Text size="sm" c="dimmed">尚未附加载体文件。</Text>}
        {docs.length > 0 && (
          <Table withTableBorder highlightOnHover>
            <Table.Tbody>
              {docs.map((d) => (
                <Table.Tr key={d.id} style={{ cursor: 'pointer' }} onClick={() => setSelected(d.id)} data-document={d.name}>
                  <Table.Td>{d.name}</Table.Td>
                  <Table.Td>{d.typeLabel}</Table.Td>
                  <Table.Td>
                    {size(d.size)}
                    {d.pages ? `，${d.pages} 页` : ''}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {Object.entries(d.counts).map(([k, n]) => (
                        <Badge key={k} size="sm" variant="light" color="orange">
                          {FINDING_LABELS[k as FindingKind]} {n}
                        </Badge>
                      ))}
                      {d.open === 0 && d.confirmed + d.dismissed > 0 && <Badge size="sm" color="green">已全部处理</Badge>}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {selected && <DocumentFindings key={selected} documentId={selected} canDecide={canDecide} onChanged={() => void load().then(onChanged)} />}
      </Stack>
    </Card>
  );
}

function DocumentFindings({ documentId, canDecide, onChanged }: { documentId: string; canDecide: boolean; onChanged: () => void }) {
  const [doc, setDoc] = useState<DocumentDetail | null>(null);
  const [page, setPage] = useState<TextPage | null>(null);
  const [offset, setOffset] = useState(0);
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const [markKind, setMarkKind] = useState<FindingKind>('PERSON_NAME');
  const [markReason, setMarkReason] = useState('');
  const viewRef = useRef<HTMLDivElement>(null);
  const { error, run } = useAction();

  const load = useCallback(
    (at: number) =>
      run(async () => {
        setDoc(await call(api().documents.get({ documentId })));
        setPage(await call(api().documents.text({ documentId, offset: at, length: PAGE })));
      }),
    [documentId, run],
  );
  useEffect(() => void load(offset), [load, offset]);

  const decide = (f: FindingView, decision: 'confirmed' | 'dismissed') =>
    run(async () => {
      await call(api().findings.decide({ findingId: f.id, decision, reason: reasons[f.id] ?? '' }));
      await load(offset);
      onChanged();
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
      await load(offset);
      onChanged();
    });

  if (!doc) return <Notice error={error} />;
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
          <Text fw={600} size="sm">
            {FINDING_LABELS[kind]}（{fs.length}）
          </Text>
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

/** The page's text with every finding that falls in it highlighted; each piece knows its offset. */
function Highlighted({ page }: { page: TextPage }) {
  const pieces: Array<{ start: number; end: number; finding?: FindingView }> = [];
  let at = page.offset;
  const end = page.offset + page.text.length;
  for (const f of [...page.findings].sort((a, b) => a.start - b.start)) {
    const s = Math.max(f.start, at);
    const e = Math.min(f.end, end);
    if (e <= s) continue;
    if (s > at) pieces.push({ start: at, end: s });
    pieces.push({ start: s, end: e, finding: f });
    at = e;
  }
  if (at < end) pieces.push({ start: at, end });
  const slice = (s: number, e: number) => page.text.slice(s - page.offset, e - page.offset);
  return (
    <>
      {pieces.map((p) => (
        <Fragment key={p.start}>
          {p.finding ? (
            <mark
              data-start={p.start}
              data-kind={p.finding.kind}
              title={`${FINDING_LABELS[p.finding.kind]}：${FINDING_STATUS_LABELS[p.finding.status]}`}
              style={{ background: p.finding.status === 'dismissed' ? '#e9ecef' : p.finding.status === 'confirmed' ? '#ffc9c9' : '#ffec99' }}
            >
              {slice(p.start, p.end)}
            </mark>
          ) : (
            <span data-start={p.start}>{slice(p.start, p.end)}</span>
          )}
        </Fragment>
      ))}
    </>
  );
}
