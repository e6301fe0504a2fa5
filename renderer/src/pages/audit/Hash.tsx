import { Code, Group, Tooltip, UnstyledButton } from '@mantine/core';
import { useState } from 'react';

/** A hash, key or signature shown short; the full value on hover, and in place after a click (for copying). */
export function Hash({ value, label, chars = 12 }: { value: string; label: string; chars?: number }) {
  const [open, setOpen] = useState(false);
  if (value.length <= chars + 2) return <Code>{value}</Code>;
  return (
    <Group gap={4} wrap="nowrap" align="start">
      {open ? (
        <Code block style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }} data-testid="hash-full">
          {value}
        </Code>
      ) : (
        <Tooltip label={value} multiline maw={420} style={{ wordBreak: 'break-all' }}>
          <Code>{value.slice(0, chars)}…</Code>
        </Tooltip>
      )}
      <UnstyledButton
        className="mantine-focus-auto"
        fz="xs"
        c="blue"
        aria-expanded={open}
        aria-label={`${open ? '收起' : '展开'}${label}`}
        onClick={(e) => {
          e.stopPropagation();
          setOpen(!open);
        }}
      >
        {open ? '收起' : '展开'}
      </UnstyledButton>
    </Group>
  );
}
