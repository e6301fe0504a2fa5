import { Badge, Table, Text, Timeline } from '@mantine/core';
import type { ItemDetail } from '../../../../shared/types';
import { Section } from './parts';

// What was signed and what happened, as the record shows it.

export function Opinions({ item }: { item: ItemDetail }) {
  if (!item.opinions.length) return null;
  return (
    <Section title="审查记录">
      <Table withTableBorder data-testid="opinions-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>轮次</Table.Th>
            <Table.Th>环节</Table.Th>
            <Table.Th>签署人</Table.Th>
            <Table.Th>意见</Table.Th>
            <Table.Th>情形、依据和理由</Table.Th>
            <Table.Th>时间</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {item.opinions.map((o, i) => (
            <Table.Tr key={i}>
              <Table.Td>{o.round}</Table.Td>
              <Table.Td>{o.stepName}</Table.Td>
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

export function History({ item }: { item: ItemDetail }) {
  return (
    <Section title="办理经过">
      <Timeline bulletSize={14} lineWidth={2}>
        {item.history.map((h) => (
          <Timeline.Item key={h.seq} title={`${new Date(h.time).toLocaleString('zh-CN', { hour12: false })} · ${h.actorName}`}>
            <Text size="sm">{h.text || h.action}</Text>
            <Badge size="xs" color={h.verified ? 'green' : 'red'} variant="light" data-testid="signature">
              {h.verified ? '签名有效' : '签名无效'}
            </Badge>
          </Timeline.Item>
        ))}
      </Timeline>
    </Section>
  );
}
