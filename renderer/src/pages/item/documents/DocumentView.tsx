import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import type { Ref } from 'react';
import { FINDING_LABELS, FINDING_STATUS_LABELS, type FindingView, type TextPage } from '../../../../../shared/documents';
import { cellName, placeOf, type Place, type SegmentLike } from './places';
import { layout, type Flow, type WordTable } from './word-tables';

// The file shown as itself as far as its text allows: paragraphs part by part (正文,
// 页眉页脚, 批注…) with Word tables drawn as tables where they stand (nested ones inside
// their cell), spreadsheet cells in their rows and columns, PDF text page by page;
// every finding highlighted where it stands, every hidden place labelled with its name.
// Each text piece carries its offset (data-start), so a selection can be marked.

interface Piece {
  seg: SegmentLike;
  place: Place;
  start: number;
  end: number;
}

interface Block {
  part: string;
  hidden: string[];
  pieces: Piece[];
}

/** Consecutive pieces of the same part form one block, in the file's own order. */
function blocks(page: TextPage): Block[] {
  const end = page.offset + page.text.length;
  const out: Block[] = [];
  const segments: SegmentLike[] = page.segments.length ? page.segments : [{ location: '文字', start: page.offset, end }];
  for (const seg of segments) {
    const s = Math.max(seg.start, page.offset);
    const e = Math.min(seg.end, end);
    if (e <= s) continue;
    const place = placeOf(seg);
    const last = out.at(-1);
    if (last && last.part === place.part) last.pieces.push({ seg, place, start: s, end: e });
    else out.push({ part: place.part, hidden: [], pieces: [{ seg, place, start: s, end: e }] });
  }
  // A label every piece of a block shares is said once, on the block.
  for (const b of out) b.hidden = b.pieces[0]!.place.hidden.filter((h) => b.pieces.every((p) => p.place.hidden.includes(h)));
  return out;
}

function Highlighted({ page, start, end, findings, current }: { page: TextPage; start: number; end: number; findings: FindingView[]; current: number | null }) {
  const parts: Array<{ start: number; end: number; finding?: FindingView }> = [];
  let at = start;
  for (const f of findings) {
    const s = Math.max(f.start, at);
    const e = Math.min(f.end, end);
    if (e <= s) continue;
    if (s > at) parts.push({ start: at, end: s });
    parts.push({ start: s, end: e, finding: f });
    at = e;
  }
  if (at < end) parts.push({ start: at, end });
  const slice = (s: number, e: number) => page.text.slice(s - page.offset, e - page.offset);
  return (
    <>
      {parts.map((p) =>
        p.finding ? (
          <mark
            key={p.start}
            id={p.finding.start === p.start ? `finding-${p.finding.id}` : undefined}
            tabIndex={-1}
            data-start={p.start}
            data-finding={p.finding.id}
            data-kind={p.finding.kind}
            data-status={p.finding.status}
            data-current={p.finding.id === current ? 'true' : undefined}
            title={`${FINDING_LABELS[p.finding.kind]}：${FINDING_STATUS_LABELS[p.finding.status]}`}
          >
            {slice(p.start, p.end)}
          </mark>
        ) : (
          <span key={p.start} data-start={p.start}>
            {slice(p.start, p.end)}
          </span>
        ),
      )}
    </>
  );
}

function Labels({ names }: { names: string[] }) {
  return (
    <>
      {names.map((h) => (
        <Badge key={h} size="xs" variant="filled" color="grape" radius="sm" data-testid="place-label">
          {h}
        </Badge>
      ))}
    </>
  );
}

const hiddenStyle = { borderLeft: '3px dashed var(--mantine-color-grape-6)', paddingLeft: 6, background: 'var(--mantine-color-grape-0)' } as const;

interface Shown {
  block: Block;
  page: TextPage;
  findings: FindingView[];
  current: number | null;
}

function Paragraph({ p, block, page, findings, current }: Shown & { p: Piece }) {
  const own = p.place.hidden.filter((h) => !block.hidden.includes(h));
  return (
    <div data-location={p.seg.location} style={{ whiteSpace: 'pre-wrap', ...(own.length ? hiddenStyle : {}) }}>
      {own.length > 0 && (
        <span style={{ marginRight: 6 }}>
          <Labels names={own} />
        </span>
      )}
      <Highlighted page={page} start={p.start} end={p.end} findings={findings} current={current} />
    </div>
  );
}

/** Paragraphs and Word tables in document order; a table's cells hold the same again. */
function FlowView({ flow, ...shown }: Shown & { flow: Flow<Piece> }) {
  return (
    <>
      {flow.map((x) => (x.kind === 'piece' ? <Paragraph key={x.piece.start} p={x.piece} {...shown} /> : <WordTableView key={`t${x.table.id}-${firstStart(x.table)}`} table={x.table} {...shown} />))}
    </>
  );
}

const firstStart = (t: WordTable<Piece>): number => {
  for (const r of t.rows) for (const c of r.cells) for (const x of c.flow) return x.kind === 'piece' ? x.piece.start : firstStart(x.table);
  return 0;
};

function WordTableView({ table, ...shown }: Shown & { table: WordTable<Piece> }) {
  return (
    <Table withTableBorder withColumnBorders striped={false} fz="sm" my={4} captionSide="top" data-testid="word-table" data-table={table.id}>
      <Table.Caption style={{ textAlign: 'left', marginTop: 0, marginBottom: 2, color: 'var(--mantine-color-gray-7)' }}>{`表格${table.id}`}</Table.Caption>
      <Table.Tbody>
        {table.rows.map((r) => (
          <Table.Tr key={r.row}>
            {r.cells.map((c) => (
              <Table.Td key={c.col} rowSpan={c.rowSpan > 1 ? c.rowSpan : undefined} colSpan={c.colSpan > 1 ? c.colSpan : undefined} data-row={c.row} data-col={c.col} style={{ verticalAlign: 'top' }}>
                <FlowView flow={c.flow} {...shown} />
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Paragraphs({ block, page, findings, current }: Shown) {
  const flow = layout(block.pieces, (p) => p.place.table);
  return <FlowView flow={flow} block={block} page={page} findings={findings} current={current} />;
}

/** Cells in their rows and columns; only the rows and columns that hold text. */
function Sheet({ block, page, findings, current }: { block: Block; page: TextPage; findings: FindingView[]; current: number | null }) {
  const cells = block.pieces.filter((p) => p.place.cell);
  const rows = [...new Set(cells.map((p) => p.place.cell!.row))].sort((a, b) => a - b);
  const cols = [...new Set(cells.map((p) => p.place.cell!.col))].sort((a, b) => a - b);
  const at = new Map(cells.map((p) => [`${p.place.cell!.row}:${p.place.cell!.col}`, p]));
  const colName = (c: number) => cellName({ row: 0, col: c }).replace(/0$/, '');
  return (
    <Table withTableBorder withColumnBorders striped={false} fz="sm" data-testid="sheet">
      <Table.Thead>
        <Table.Tr>
          <Table.Th />
          {cols.map((c) => (
            <Table.Th key={c}>{colName(c)}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r}>
            <Table.Th>{r}</Table.Th>
            {cols.map((c) => {
              const p = at.get(`${r}:${c}`);
              const own = p ? p.place.hidden.filter((h) => !block.hidden.includes(h)) : [];
              return (
                <Table.Td key={c} data-cell={cellName({ row: r, col: c })} data-location={p?.seg.location} style={own.length ? hiddenStyle : undefined}>
                  {own.length > 0 && (
                    <span style={{ marginRight: 4 }}>
                      <Labels names={own} />
                    </span>
                  )}
                  {p && <Highlighted page={page} start={p.start} end={p.end} findings={findings} current={current} />}
                </Table.Td>
              );
            })}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function DocumentView({ page, current, viewRef }: { page: TextPage; current: number | null; viewRef?: Ref<HTMLDivElement> }) {
  const findings = [...page.findings].sort((a, b) => a.start - b.start);
  return (
    <div ref={viewRef} data-testid="text-view" style={{ fontSize: 14, maxHeight: 480, overflow: 'auto', border: '1px solid var(--mantine-color-gray-3)', padding: 8 }}>
      <Stack gap="sm">
        {blocks(page).map((b) => (
          <section key={`${b.part}-${b.pieces[0]!.start}`} data-part={b.part} aria-label={b.part} style={b.hidden.length ? hiddenStyle : undefined}>
            <Group gap={6} mb={2}>
              {!b.hidden.includes(b.part) && (
                <Text size="xs" fw={700} c="dimmed" component="span">
                  {b.part}
                </Text>
              )}
              <Labels names={b.hidden} />
            </Group>
            {b.pieces.some((p) => p.place.cell) ? <Sheet block={b} page={page} findings={findings} current={current} /> : <Paragraphs block={b} page={page} findings={findings} current={current} />}
          </section>
        ))}
      </Stack>
    </div>
  );
}
