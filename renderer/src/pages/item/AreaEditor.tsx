import { Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { DocumentView } from '../../../../shared/documents';
import { messageOf } from '../../api';
import { FilePages, type PageArea } from '../../components/PdfPages';
import { useOp } from '../../query';
import { AreaKeys } from './AreaKeys';

// Areas the reviewer draws on the original's pages (a scanned page, a seal, a photo of a
// face): the engine clears text, images and drawings under them in a PDF and fills them
// in an image. They apply to the next 制作公开版本 of this file. Drawn with the mouse on
// the pages, or placed and sized with the keyboard (AreaKeys): both give the same areas.

export function AreaEditor({ doc, areas, onChange }: { doc: DocumentView; areas: PageArea[]; onChange: (next: PageArea[]) => void }) {
  const original = useOp('documents', 'original', { documentId: doc.id });
  const box = useRef<HTMLDivElement>(null);
  const pages = usePageCount(box);
  const ratioOf = (n: number) => {
    const page = box.current?.querySelector<HTMLElement>(`[data-page="${n}"]`);
    return page && page.offsetWidth ? page.offsetHeight / page.offsetWidth : Math.SQRT2;
  };
  return (
    <Stack gap="xs" data-testid="area-editor" ref={box}>
      <Group justify="space-between">
        <Text size="sm">
          在“{doc.name}”的页面上拖动鼠标标出要删除的区域，或用下面的键盘操作添加（已标 {areas.length} 处），然后点“制作公开版本”或“重新制作”。
        </Text>
        <Group gap="xs">
          <Button size="compact-xs" variant="subtle" disabled={areas.length === 0} onClick={() => onChange(areas.slice(0, -1))}>
            撤销上一处
          </Button>
          <Button size="compact-xs" variant="subtle" color="gray" disabled={areas.length === 0} onClick={() => onChange([])}>
            全部清除
          </Button>
        </Group>
      </Group>
      <AreaKeys areas={areas} onChange={onChange} pages={doc.type === 'pdf' ? pages : 1} ratioOf={ratioOf} />
      {original.error && <Text c="red">{messageOf(original.error)}</Text>}
      {original.data && <FilePages base64={original.data.base64} type={original.data.type} areas={areas} onDraw={(a) => onChange([...areas, a])} label="原件" />}
    </Stack>
  );
}

/** How many pages the viewer has drawn (null until it has): the page field's upper bound. */
function usePageCount(box: RefObject<HTMLDivElement | null>): number | null {
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const read = () => {
      const n = el.querySelectorAll('[data-page]').length;
      setCount(n > 0 ? n : null);
    };
    read();
    const watch = new MutationObserver(read);
    watch.observe(el, { childList: true, subtree: true });
    return () => watch.disconnect();
  }, [box]);
  return count;
}
