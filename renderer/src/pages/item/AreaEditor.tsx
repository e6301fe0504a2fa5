import { Button, Group, Stack, Text } from '@mantine/core';
import type { DocumentView } from '../../../../shared/documents';
import { messageOf } from '../../api';
import { FilePages, type PageArea } from '../../components/PdfPages';
import { useOp } from '../../query';

// Areas the reviewer draws on the original's pages (a scanned page, a seal, a photo of a
// face): the engine clears text, images and drawings under them in a PDF and fills them
// in an image. They apply to the next 制作公开版本 of this file.

export function AreaEditor({ doc, areas, onChange }: { doc: DocumentView; areas: PageArea[]; onChange: (next: PageArea[]) => void }) {
  const original = useOp('documents', 'original', { documentId: doc.id });
  return (
    <Stack gap="xs" data-testid="area-editor">
      <Group justify="space-between">
        <Text size="sm">
          在“{doc.name}”的页面上拖动鼠标标出要删除的区域（已标 {areas.length} 处），然后点“制作公开版本”或“重新制作”。
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
      {original.error && <Text c="red">{messageOf(original.error)}</Text>}
      {original.data && <FilePages base64={original.data.base64} type={original.data.type} areas={areas} onDraw={(a) => onChange([...areas, a])} label="原件" />}
    </Stack>
  );
}
