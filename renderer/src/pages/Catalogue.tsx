import { Button, Checkbox, Group, Modal, Stack, Title } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import type { PrintedFormView } from '../../../shared/ops/forms';
import { CATALOGUE_SORTS } from '../../../shared/ops/reference';
import type { CatalogueEntry } from '../../../shared/types';
import { api, call, messageOf } from '../api';
import { ListCount, ListTable, type ListColumn } from '../components/DataTable';
import { ChoiceFilter, DateRangeFilter, FilterBar, routePaging, TextFilter, useListRoute } from '../components/ListFilters';
import { Notice } from '../components/Notice';
import { PrintPreview } from '../components/PrintPreview';
import { useAction } from '../components/useAction';
import { useOp } from '../query';

const MAX_SHEET = 20;

function columns(chosen: string[], toggle: (id: string) => void): Array<ListColumn<CatalogueEntry>> {
  return [
    {
      key: 'choose',
      title: '选择',
      width: 60,
      render: (c) => <Checkbox aria-label={`选择“${c.title}”`} checked={chosen.includes(c.itemId)} onChange={() => toggle(c.itemId)} />,
    },
    { key: 'title', title: '信息名称', sortable: true, render: (c) => c.title },
    { key: 'date', title: '生成日期', sortable: true, width: 110, render: (c) => c.date },
    { key: 'category', title: '主题分类', sortable: true, render: (c) => c.category },
    { key: 'keywords', title: '关键词', render: (c) => c.keywords.join('、') },
    { key: 'source', title: '发布机构', sortable: true, render: (c) => c.source },
    { key: 'documentNumber', title: '文号', sortable: true, render: (c) => c.documentNumber },
    { key: 'disclosure', title: '公开属性', render: (c) => c.disclosure },
  ];
}

/** 政府信息公开目录 (seed 000 第十八条第（四）项; seed 001 主动公开 第十一条), paged and filtered by the main process. */
export function CataloguePage() {
  const route = useListRoute({ sort: 'date', dir: 'desc', sorts: CATALOGUE_SORTS });
  const catalogue = useOp(
    'catalogue',
    'page',
    {
      text: route.get('q'),
      category: route.get('category'),
      dateFrom: route.get('from'),
      dateTo: route.get('to'),
      sort: route.sort.sort as (typeof CATALOGUE_SORTS)[number],
      dir: route.sort.dir,
      page: route.page,
      pageSize: route.pageSize,
    },
    { placeholderData: keepPreviousData },
  );
  const data = catalogue.data;
  // Chosen items stay chosen across pages and filters, up to one sheet.
  const [chosen, setChosen] = useState<string[]>([]);
  const [form, setForm] = useState<PrintedFormView | null>(null);
  const { error, busy, run } = useAction();
  const toggle = (id: string) => setChosen(chosen.includes(id) ? chosen.filter((c) => c !== id) : [...chosen, id]);
  // Several items on one 《信息发布保密审查表》, in the 序号 column.
  const print = () => run(async () => setForm(await call(api().forms.printSheet({ itemIds: chosen, date: new Date().toLocaleDateString('sv-SE') }))));
  const filtered = route.filtered();
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>政府信息公开目录</Title>
        <Button variant="light" disabled={chosen.length === 0 || chosen.length > MAX_SHEET} loading={busy} onClick={() => void print()}>
          打印信息发布保密审查表（{chosen.length} 项）
        </Button>
      </Group>
      <FilterBar active={filtered} onClear={() => route.clear()}>
        <TextFilter label="查找" placeholder="名称、文号或关键词中的文字" value={route.get('q')} onChange={(q) => route.set({ q })} />
        <ChoiceFilter label="分类" data={(data?.categories ?? []).map((c) => ({ value: c, label: c }))} value={route.get('category')} onChange={(category) => route.set({ category })} />
        <DateRangeFilter label="生成日期" from={route.get('from')} to={route.get('to')} onChange={(change) => route.set(change)} />
      </FilterBar>
      <Notice error={error ?? (catalogue.error ? messageOf(catalogue.error) : null)} />
      <ListCount total={data?.total} />
      <ListTable
        testId="catalogue-table"
        rows={data?.rows}
        total={data?.total}
        fetching={catalogue.isFetching && !data}
        columns={columns(chosen, toggle)}
        rowKey={(c) => c.itemId}
        rowTitle={(c) => c.title}
        {...routePaging(route, true)}
        empty={filtered ? '没有符合筛选条件的信息' : '目录中尚无信息'}
      />
      <Modal opened={!!form} onClose={() => setForm(null)} title="信息发布保密审查表" size="xl">
        {form && <PrintPreview form={form} fileName="信息发布保密审查表.pdf" />}
      </Modal>
    </Stack>
  );
}
