import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { FindingKind, FindingView, TextPage } from '../../../../../shared/documents';
import { api, call } from '../../../api';
import { useAction } from '../../../components/useAction';
import { useDraft } from '../../../drafts';
import { Notice } from '../../../components/Notice';
import { findOccurrences, type Occurrence } from './occurrences';

// 按文字标记: the keyboard's way to mark what the scanner missed. Text in the read-only
// view cannot be selected without a mouse, so the reviewer types or pastes the exact
// words; every place they stand in the file's text is listed, and the chosen one (or
// all) is marked through findings.mark, the same op as a selection.

/** Pages of the text op are at most this long. */
const CHUNK = 20_000;

/** The whole of the file's text with its located segments: the loaded page when it holds all. */
async function wholeText(documentId: string, page: TextPage): Promise<{ text: string; segments: TextPage['segments'] }> {
  if (page.offset === 0 && page.text.length >= page.total) return { text: page.text, segments: page.segments };
  let text = '';
  const segments: TextPage['segments'] = [];
  // A segment that crosses a page boundary comes with both pages.
  const seen = new Set<string>();
  while (text.length < page.total) {
    const p = await call(api().documents.text({ documentId, offset: text.length, length: CHUNK }));
    if (!p.text.length) break;
    text += p.text;
    for (const s of p.segments) {
      const key = `${s.start}:${s.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      segments.push(s);
    }
  }
  return { text, segments };
}

interface Props {
  documentId: string;
  page: TextPage;
  findings: FindingView[];
  kind: FindingKind;
  reason: string;
  onMarked: () => Promise<void>;
}

export function MarkByText({ documentId, page, findings, kind, reason, onMarked }: Props) {
  const [query, setQuery] = useDraft(`findings:${documentId}:markText`, '');
  const [found, setFound] = useState<{ query: string; list: Occurrence[]; total: number } | null>(null);
  const [chosen, setChosen] = useState('0');
  const [status, setStatus] = useState('');
  const { error, busy, run } = useAction();

  const search = () =>
    run(async () => {
      const q = query.trim();
      if (!q) throw new Error('请先输入要标记的文字');
      const { text, segments } = await wholeText(documentId, page);
      const r = findOccurrences(text, segments, q, findings);
      setFound({ query: q, ...r });
      setChosen(String(r.list.findIndex((o) => !o.marked) >= 0 ? r.list.findIndex((o) => !o.marked) : 0));
      setStatus(
        r.total === 0
          ? `未找到“${q}”：文件的文字中没有与之完全相同的内容，请核对输入的文字（包括空格和标点）`
          : `找到 ${r.total} 处“${q}”${r.total > r.list.length ? `，列出前 ${r.list.length} 处` : ''}${r.list.some((o) => o.marked) ? `，其中 ${r.list.filter((o) => o.marked).length} 处已确认为发现` : ''}`,
      );
    });

  const mark = (which: Occurrence[]) =>
    run(async () => {
      const todo = which.filter((o) => !o.marked);
      if (!todo.length) throw new Error('所选位置已确认为发现，无需再标记');
      for (const o of todo) await call(api().findings.mark({ documentId, start: o.start, end: o.end, kind, reason }));
      setFound(found && { ...found, list: found.list.map((o) => (todo.includes(o) ? { ...o, marked: true } : o)) });
      setStatus(`已标记 ${todo.length} 处“${found?.query ?? ''}”为发现（已确认）`);
      await onMarked();
    });

  const list = found?.list ?? [];
  const one = list[Number(chosen)];
  return (
    <Stack gap={6} data-testid="mark-by-text" mt="xs">
      <Group align="end" gap="xs">
        <TextInput
          size="xs"
          w={320}
          label="按文字标记"
          description="输入或粘贴要标记的原文，按回车查找"
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            setFound(null);
            setStatus('');
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
              e.preventDefault();
              void search();
            }
          }}
        />
        <Button size="xs" variant="light" loading={busy && !found} onClick={() => void search()}>
          查找
        </Button>
      </Group>
      <Text size="sm" role="status" aria-live="polite" data-testid="mark-by-text-status">
        {status}
      </Text>
      <Notice error={error} />
      {list.length > 0 && (
        <Group align="end" gap="xs">
          <NativeSelect
            size="xs"
            w={420}
            label="选择要标记的一处"
            value={chosen}
            onChange={(e) => setChosen(e.currentTarget.value)}
            data={list.map((o, i) => ({ value: String(i), label: `第 ${i + 1} 处${o.location ? `（${o.location}）` : ''}：${o.before}【${found!.query}】${o.after}${o.marked ? ' —— 已确认' : ''}` }))}
          />
          <Button size="xs" disabled={busy || !one || one.marked} onClick={() => one && void mark([one])}>
            标记这一处
          </Button>
          {list.length > 1 && (
            <Button size="xs" variant="light" disabled={busy || list.every((o) => o.marked)} onClick={() => void mark(list)}>
              全部标记（{list.filter((o) => !o.marked).length} 处）
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
