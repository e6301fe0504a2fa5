import { Button, Checkbox, Group, Loader, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { PrintedFormView } from '../../../shared/ops/forms';
import { api, call } from '../api';
import { Notice } from '../components/Notice';
import { PrintPreview } from '../components/PrintPreview';
import { useAction } from '../components/useAction';
import { useOp } from '../query';
import { TableHead } from './admin/TableHead';

const MAX_SHEET = 20;

/** 政府信息公开目录 (seed 000 第十八条第（四）项; seed 001 主动公开 第十一条). */
export function CataloguePage() {
  const catalogue = useOp('catalogue', 'list', undefined);
  const list = catalogue.data;
  const [chosen, setChosen] = useState<string[]>([]);
  const [form, setForm] = useState<PrintedFormView | null>(null);
  const { error, busy, run } = useAction();
  const toggle = (id: string) => setChosen(chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id]);
  // Several items on one 《信息发布保密审查表》, in the 序号 column.
  const print = () => run(async () => setForm(await call(api().forms.printSheet({ itemIds: chosen, date: new Date().toLocaleDateString('sv-SE') }))));
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>政府信息公开目录</Title>
        <Button variant="light" disabled={chosen.length === 0 || chosen.length > MAX_SHEET} loading={busy} onClick={() => void print()}>
          打印信息发布保密审查表（{chosen.length} 项）
        </Button>
      </Group>
      <Notice error={error ?? catalogue.error?.message} />
      {catalogue.isPending && <Loader size="sm" />}
      {list && list.length === 0 && <Text c="dimmed">目录中尚无信息</Text>}
      {list && list.length > 0 && (
        <Table withTableBorder striped>
          <TableHead columns={['选择', '信息名称', '生成日期', '主题分类', '关键词', '发布机构', '文号', '公开属性']} />
          <Table.Tbody>
            {list.map((c) => (
              <Table.Tr key={c.itemId} data-title={c.title}>
                <Table.Td>
                  <Checkbox aria-label={`选择“${c.title}”`} checked={chosen.includes(c.itemId)} onChange={() => toggle(c.itemId)} />
                </Table.Td>
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
      <Modal opened={!!form} onClose={() => setForm(null)} title="信息发布保密审查表" size="xl">
        {form && <PrintPreview form={form} fileName="信息发布保密审查表.pdf" />}
      </Modal>
    </Stack>
  );
}
