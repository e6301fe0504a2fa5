import { Badge, Button, Group, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { PART_STATUS_LABELS, type DocumentPart } from '../../../../../shared/documents';

// 文件组成: every part of one carrier file and whether its text was read. A part that
// was not read says why, so the reviewer knows what to check by hand. Mounted by the
// document view with the parts of documents.get. Folded by default: a package of many
// parts would otherwise push everything below it out of reach; the toggle says how
// many parts there are and how many were not read, so nothing is hidden silently.

export function Parts({ parts, fileName }: { parts: DocumentPart[]; fileName?: string }) {
  const [open, setOpen] = useState(false);
  const [onlyUnread, setOnlyUnread] = useState(false);
  const bodyId = useId();
  const unread = parts.filter((p) => !p.read);
  const shown = onlyUnread ? unread : parts;
  const heading = fileName ? `“${fileName}”的文件组成` : '文件组成';
  if (parts.length === 0)
    return (
      <Stack gap="xs">
        <Title order={4}>{heading}</Title>
        <Text c="dimmed">此文件在记录文件组成之前导入，没有逐部分的读取记录；如需核对，请重新附加该文件。</Text>
      </Stack>
    );
  return (
    <Stack gap="xs" data-testid="parts">
      <Group justify="space-between">
        <Title order={4}>{heading}</Title>
        <Button
          size="compact-sm"
          variant="light"
          color={unread.length > 0 ? 'orange' : 'gray'}
          aria-expanded={open}
          aria-controls={open ? bodyId : undefined}
          data-testid="parts-toggle"
          onClick={() => setOpen(!open)}
        >
          {open ? '收起' : '展开'}文件组成（共 {parts.length} 个部分，{PART_STATUS_LABELS.unread} {unread.length} 个）
        </Button>
      </Group>
      <Text size="sm">
        共 {parts.length} 个部分：{PART_STATUS_LABELS.read} {parts.length - unread.length} 个，{PART_STATUS_LABELS.unread} {unread.length} 个
        {unread.length > 0 ? '。未读取的部分中的文字没有经过自动审查，请人工核对。' : '。'}
      </Text>
      {open && (
        <Stack gap="xs" id={bodyId}>
          <Switch label={`只看${PART_STATUS_LABELS.unread}（${unread.length}）`} checked={onlyUnread} onChange={(e) => setOnlyUnread(e.currentTarget.checked)} />
          <Table striped withTableBorder aria-label={heading}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">部分</Table.Th>
                <Table.Th scope="col">类型</Table.Th>
                <Table.Th scope="col">状态</Table.Th>
                <Table.Th scope="col">说明</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((p, i) => (
                <Table.Tr key={`${p.name}#${i}`}>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{p.name}</Table.Td>
                  <Table.Td>{p.what}</Table.Td>
                  <Table.Td>
                    <Badge color={p.read ? 'green' : 'orange'} variant="light">
                      {p.read ? PART_STATUS_LABELS.read : PART_STATUS_LABELS.unread}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{p.reason ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}
