import { Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useRef } from 'react';
import type { PrintedFormView } from '../../../shared/ops/forms';
import { bytesOf } from '../files';

// A form made in the main process, shown as the PDF it is: the same bytes are previewed,
// saved and printed (through the system dialog), and were archived with the item.

export function PrintPreview({ form, fileName }: { form: PrintedFormView; fileName: string }) {
  const url = useMemo(() => URL.createObjectURL(new Blob([bytesOf(form.pdf)], { type: 'application/pdf' })), [form.pdf]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const frame = useRef<HTMLIFrameElement>(null);
  return (
    <Stack gap="xs" data-testid="print-preview">
      <Text size="sm">
        共 {form.pages} 页；审计检查点 {form.checkpoint.seq}:{form.checkpoint.head.slice(0, 12)}；PDF SHA-256 <span data-testid="form-sha256">{form.sha256}</span>
      </Text>
      <Group>
        <Button size="xs" onClick={() => frame.current?.contentWindow?.print()}>
          打印
        </Button>
        <Button size="xs" variant="light" component="a" href={url} download={fileName}>
          保存为 PDF
        </Button>
      </Group>
      <iframe ref={frame} src={url} title="打印预览" style={{ width: '100%', height: 640, border: '1px solid #ddd' }} />
    </Stack>
  );
}
