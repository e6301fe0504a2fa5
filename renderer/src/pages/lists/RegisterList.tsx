import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { REGISTER_SORTS, type RegisterEntry } from '../../../../shared/ops/publication';
import { api, messageOf } from '../../api';
import { ListCount, ListTable, type ListColumn } from '../../components/DataTable';
import { ChoiceFilter, DateRangeFilter, FilterBar, routePaging, TextFilter, useListRoute } from '../../components/ListFilters';
import { Notice } from '../../components/Notice';
import { useChange, useOp } from '../../query';
import { DateField, today } from '../item/parts';

// The publication register (政府信息公开登记) as a server-paged list: filter and sort in the
// route, each row with the publisher's website record while it is missing.

const PUBLISHED_CHOICES = [
  { value: '1', label: '已登记发布' },
  { value: '0', label: '尚未登记发布' },
];

function RecordPublished({ itemId }: { itemId: string }) {
  const [publishedOn, setOn] = useState(today());
  const [url, setUrl] = useState('');
  const record = useChange(api().publication.recordPublished, ['publication', 'items']);
  return (
    <Stack gap={4}>
      <Group gap="xs" align="end" wrap="nowrap">
        <DateField label="发布日期" value={publishedOn} onChange={setOn} />
        <TextInput label="网址" value={url} onChange={(e) => setUrl(e.currentTarget.value)} />
        <Button size="xs" loading={record.isPending} onClick={() => record.mutate({ itemId, publishedOn, url })}>
          登记发布
        </Button>
      </Group>
      <Notice error={record.error ? messageOf(record.error) : null} />
    </Stack>
  );
}

const COLUMNS: Array<ListColumn<RegisterEntry>> = [
  {
    key: 'title',
    title: '信息名称',
    sortable: true,
    render: (r) => (
      <>
        {r.title}
        <Text size="xs" c="gray.7">
          {r.documentNumber}；{r.files.join('、')}
        </Text>
      </>
    ),
  },
  { key: 'sequence', title: '发布包', sortable: true, width: 90, render: (r) => `第 ${r.sequence} 号` },
  { key: 'exportedAt', title: '导出', sortable: true, render: (r) => `${new Date(r.exportedAt).toLocaleString('zh-CN', { hour12: false })}，${r.exportedBy}` },
  { key: 'publishedOn', title: '网站发布', sortable: true, render: (r) => (r.publishedOn ? `${r.publishedOn} ${r.publishedUrl ?? ''}` : <RecordPublished itemId={r.itemId} />) },
];

export function RegisterList() {
  const route = useListRoute({ sort: 'exportedAt', dir: 'desc', sorts: REGISTER_SORTS });
  const register = useOp(
    'publication',
    'registerPage',
    {
      text: route.get('q'),
      published: route.bool('published'),
      exportedFrom: route.get('from'),
      exportedTo: route.get('to'),
      sort: route.sort.sort as (typeof REGISTER_SORTS)[number],
      dir: route.sort.dir,
      page: route.page,
      pageSize: route.pageSize,
    },
    { placeholderData: keepPreviousData },
  );
  const filtered = route.filtered();
  return (
    <Stack gap="xs">
      <FilterBar active={filtered} onClear={() => route.clear()}>
        <TextFilter label="查找" placeholder="名称或文号中的文字" value={route.get('q')} onChange={(q) => route.set({ q })} />
        <ChoiceFilter label="网站发布" w={160} data={PUBLISHED_CHOICES} value={route.get('published')} onChange={(published) => route.set({ published })} />
        <DateRangeFilter label="导出日期" from={route.get('from')} to={route.get('to')} onChange={(change) => route.set(change)} />
      </FilterBar>
      <Notice error={register.error ? messageOf(register.error) : null} />
      <ListCount total={register.data?.total} />
      <ListTable
        testId="register"
        rows={register.data?.rows}
        total={register.data?.total}
        fetching={register.isFetching && !register.data}
        columns={COLUMNS}
        rowKey={(r) => String(r.id)}
        rowTitle={(r) => r.title}
        {...routePaging(route, true)}
        empty={filtered ? '没有符合筛选条件的登记' : '尚无导出记录'}
      />
    </Stack>
  );
}
