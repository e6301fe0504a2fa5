import { Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { CatalogueEntry } from '../../../shared/types';
import { api, call } from '../api';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';

/** 政府信息公开目录 (seed 000 第十八条第（四）项; seed 001 主动公开 第十一条). */
export function CataloguePage() {
  const [list, setList] = useState<CatalogueEntry[]>([]);
  const { error, run } = useAction();
  useEffect(() => void run(async () => setList(await call(api().catalogue.list()))), [run]);
  return (
    <Stack>
      <Title order={3}>政府信息公开目录</Title>
      <Notice error={error} />
      {list.length === 0 ? (
        <Text c="dimmed">目录中尚无信息</Text>
      ) : (
        <Table withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>信息名称</Table.Th>
              <Table.Th>生成日期</Table.Th>
              <Table.Th>主题分类</Table.Th>
              <Table.Th>关键词</Table.Th>
              <Table.Th>发布机构</Table.Th>
              <Table.Th>文号</Table.Th>
              <Table.Th>公开属性</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((c) => (
              <Table.Tr key={c.itemId}>
                <Table.Td>{c.title}</Table.Td>
                <Table.Td>{c.date}</Table.Td>
                <Table.Td>{c.category}</Table.Td>
                <Table.Td>{c.keywords.join('、')}</Table.Td>
                <Table.Td>{c.source}</Table.Td>
                <Table.Td>{c.documentNumber}</Table.Td>
                <Table.Td>{c.disclosure}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
