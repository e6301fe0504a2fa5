import { Badge, Button, Collapse, Group, List, Table, Text, Timeline } from '@mantine/core';
import { useState } from 'react';
import type { ItemDetail } from '../../../../shared/types';
import { groupHistory } from './history';
import { Section } from './parts';

// What was signed and what happened, as the record shows it.

export function Opinions({ item }: { item: ItemDetail }) {
  if (!item.opinions.length) return null;
  return (
    <Section title="审查记录">
      <Table withTableBorder data-testid="opinions-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th style={{ whiteSpace: 'nowrap' }}>轮次</Table.Th>
            <Table.Th style={{ whiteSpace: 'nowrap' }}>环节</Table.Th>
            <Table.Th>签署人</Table.Th>
            <Table.Th>意见</Table.Th>
            <Table.Th>情形、依据和理由</Table.Th>
            <Table.Th>时间</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {item.opinions.map((o, i) => (
            <Table.Tr key={i}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{o.round}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{o.stepName}</Table.Td>
              <Table.Td>
                {o.signer}：{o.userName}
              </Table.Td>
              <Table.Td>
                <b>{o.label}</b>
                {o.deferUntil ? `（复查日期 ${o.deferUntil}）` : ''}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{[o.grounds.join('；'), o.bases.map((b) => b.title).join('、'), o.reason].filter(Boolean).join(' / ')}</Text>
              </Table.Td>
              <Table.Td>{new Date(o.time).toLocaleString('zh-CN', { hour12: false })}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {item.objections.map((o, i) => (
        <Text key={i} size="sm" c="orange" data-testid="objection">
          异议（{o.userName}，{new Date(o.time).toLocaleString('zh-CN', { hour12: false })}）：{o.text}
        </Text>
      ))}
    </Section>
  );
}

const when = (t: string) => new Date(t).toLocaleString('zh-CN', { hour12: false });

function Signature({ ok }: { ok: boolean }) {
  return (
    <Badge size="xs" color={ok ? 'green' : 'red'} variant="light" data-testid="signature">
      {ok ? '签名有效' : '签名无效'}
    </Badge>
  );
}

export function History({ item }: { item: ItemDetail }) {
  const [open, setOpen] = useState<Record<number, boolean>>({});
  return (
    <Section title="办理经过">
      <Timeline bulletSize={14} lineWidth={2} data-testid="history">
        {groupHistory(item.history).map((line) => {
          const first = line.entries[0]!;
          if (!line.summary)
            return (
              <Timeline.Item key={first.seq} title={`${when(first.time)} · ${first.actorName}`} data-testid="history-line">
                <Text size="sm">{first.text || first.action}</Text>
                <Signature ok={first.verified} />
              </Timeline.Item>
            );
          const expanded = open[first.seq] ?? false;
          const listId = `history-${first.seq}`;
          return (
            <Timeline.Item key={first.seq} title={`${when(first.time)} · ${first.actorName}`} data-testid="history-line">
              <Group gap="xs">
                <Text size="sm" data-testid="history-batch">
                  {line.summary}
                </Text>
                <Button size="compact-xs" variant="subtle" aria-expanded={expanded} aria-controls={listId} onClick={() => setOpen({ ...open, [first.seq]: !expanded })}>
                  {expanded ? '收起' : `展开 ${line.entries.length} 条记录`}
                </Button>
              </Group>
              <Signature ok={line.entries.every((e) => e.verified)} />
              <Collapse expanded={expanded} id={listId}>
                <List size="xs" mt={4}>
                  {line.entries.map((e) => (
                    <List.Item key={e.seq}>
                      {when(e.time)} {e.text || e.action}
                      {!e.verified && '（签名无效）'}
                    </List.Item>
                  ))}
                </List>
              </Collapse>
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Section>
  );
}
