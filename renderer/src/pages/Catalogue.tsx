import { Loader, Stack, Table, Text, Title } from '@mantine/core';
import { Notice } from '../components/Notice';
import { useOp } from '../query';
import { TableHead } from './admin/TableHead';

/** 政府信息公开目录 (seed 000 第十八条第（四）项; seed 001 主动公开 第十一条). */
export function CataloguePage() {
  const catalogue = useOp('catalogue', 'list', undefined);
  const list = catalogue.data;
  return (
    <Stack>
      <Title order={3}>政府信息公开目录</Title>
      <Notice error={catalogue.error?.message} />
      {catalogue.isPending && <Loader size="sm" />}
      {list && list.length === 0 && <Text c="dimmed">目录中尚无信息</Text>}
      {list && list.length > 0 && (
        <Table withTableBorder striped>
          <TableHead columns={['信息名称', '生成日期', '主题分类', '关键词', '发布机构', '文号', '公开属性']} />
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
