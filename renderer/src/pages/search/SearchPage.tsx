import { Stack, Text, Title } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import type { ItemSearchHit } from '../../../../shared/types';
import { messageOf } from '../../api';
import { ListCount, ListTable, type ListColumn } from '../../components/DataTable';
import { routePaging, useListRoute } from '../../components/ListFilters';
import { Notice } from '../../components/Notice';
import { useOp } from '../../query';
import { Snippet } from './Snippet';
import { rememberList } from '../../shortcuts';

// Results of the header's search box (/search?q=…): titles, 文号, keywords, summaries and
// the files' text, only what the user may read, ranked by the main process.

const MAX_QUERY = 100;
/** Queries this short are matched in the items' own fields only (electron/store/search-short.ts). */
const SHORT_QUERY = 2;

function columns(query: string): Array<ListColumn<ItemSearchHit>> {
  return [
    { key: 'title', title: '信息名称', render: (h) => h.item.title },
    { key: 'documentNumber', title: '文号', render: (h) => h.item.documentNumber || '—' },
    { key: 'status', title: '状态', width: 110, render: (h) => h.item.statusLabel },
    { key: 'where', title: '找到位置', width: 100, render: (h) => h.where },
    { key: 'snippet', title: '摘录', render: (h) => <Snippet text={h.snippet} query={query} /> },
  ];
}

export function SearchPage({ onOpen }: { onOpen: (id: string) => void }) {
  const route = useListRoute({ sort: 'rank', dir: 'desc', sorts: ['rank'] });
  const query = (route.get('q') ?? '').trim().slice(0, MAX_QUERY);
  const search = useOp('items', 'search', { query, page: route.page, pageSize: route.pageSize }, { enabled: query.length > 0, placeholderData: keepPreviousData });
  return (
    <Stack>
      <Title order={3}>搜索</Title>
      {!query && <Text c="gray.7">在页面顶部的搜索框中输入信息名称、文号、关键词或文件中的文字，按回车搜索。</Text>}
      {query && (
        <>
          <Text>
            “{query}”的搜索结果
          </Text>
          <Notice error={search.error ? messageOf(search.error) : null} />
          {[...query].length <= SHORT_QUERY && (
            <Text c="gray.7" size="sm" data-testid="search-short-note">
              两个字以内的检索只查信息名称、文号、关键词、内容概要和发布机构，不查文件内容；查文件内容请输入三个字以上。
            </Text>
          )}
          {search.data?.totalCapped ? (
            <Text c="gray.7" size="sm" data-testid="list-total" aria-live="polite">
              超过 {search.data?.total} 项，只列出前 {search.data?.total} 项；请输入更长的检索词以缩小范围。
            </Text>
          ) : (
            <ListCount total={search.data?.total} />
          )}
          <ListTable
            testId="search-results"
            rows={search.data?.hits}
            total={search.data?.total}
            fetching={search.isFetching && !search.data}
            columns={columns(query)}
            rowKey={(h) => `${h.item.id}:${h.where}:${h.snippet}`}
            rowTitle={(h) => h.item.title}
            onOpen={(h) => {
              rememberList([...new Set((search.data?.hits ?? []).map((x) => x.item.id))]);
              onOpen(h.item.id);
            }}
            {...routePaging(route)}
            empty={`没有找到含有“${query}”的事项`}
          />
        </>
      )}
    </Stack>
  );
}
