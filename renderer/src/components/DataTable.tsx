import 'mantine-datatable/styles.css';
import { Group, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { DataTable, type DataTableColumn } from 'mantine-datatable';
import type { KeyboardEvent, ReactNode } from 'react';

// One server-paged list for every desk page: the page, its size, the sort and the total
// come from the route (ListFilters.tsx) and the main process; the table only shows them.
// Sorting is a plain button in each sortable header, so its name and state are Chinese
// (the library's own sort icons carry English labels).

export const PAGE_SIZES = [20, 50, 100];

export interface ListColumn<T> {
  /** The sort key the contract knows for this column, or any unique key for an unsorted one. */
  key: string;
  title: string;
  sortable?: boolean;
  width?: number | string;
  render: (row: T) => ReactNode;
}

export interface ListSort {
  sort: string;
  dir: 'asc' | 'desc';
}

export interface ListTableProps<T> {
  testId: string;
  rows: T[] | undefined;
  total: number | undefined;
  columns: Array<ListColumn<T>>;
  rowKey: (row: T) => string;
  /** Written as data-title on each row: the e2e tests and assistive tools find rows by it. */
  rowTitle: (row: T) => string;
  /** Opening a row by click or Enter; without it rows are not focusable (rows holding their own controls). */
  onOpen?: (row: T) => void;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  onPageSize: (size: number) => void;
  sort?: ListSort;
  onSort?: (sort: ListSort) => void;
  fetching?: boolean;
  /** Said when nothing matches. */
  empty: string;
}

// The button is named by its text, never by aria-label: forms elsewhere are found by their
// field labels (信息名称, 文号…), and a header labelled the same would be found with them.
function SortTitle({ title, active, dir, onClick }: { title: string; active: boolean; dir: 'asc' | 'desc'; onClick: () => void }) {
  return (
    <UnstyledButton className="mantine-focus-auto" onClick={onClick} fw={700} fz="sm" data-sort={active ? dir : undefined}>
      <Group gap={4} wrap="nowrap">
        <span>{title}</span>
        <Text span c={active ? undefined : 'gray.7'} fz="xs" aria-hidden>
          {active ? (dir === 'asc' ? '▲' : '▼') : '⇅'}
        </Text>
        <VisuallyHidden>{active ? (dir === 'asc' ? '（升序，点击改为降序）' : '（降序，点击改为升序）') : '（点击排序）'}</VisuallyHidden>
      </Group>
    </UnstyledButton>
  );
}

const CONTROL_LABELS: Record<string, string> = { first: '第一页', last: '最后一页', previous: '上一页', next: '下一页' };

export function ListTable<T>(props: ListTableProps<T>) {
  const { rows, total, sort, onSort, onOpen } = props;
  const columns: Array<DataTableColumn<T>> = props.columns.map((c) => ({
    accessor: c.key,
    width: c.width,
    title:
      c.sortable && sort && onSort ? (
        <SortTitle
          title={c.title}
          active={sort.sort === c.key}
          dir={sort.dir}
          onClick={() => onSort({ sort: c.key, dir: sort.sort === c.key && sort.dir === 'asc' ? 'desc' : 'asc' })}
        />
      ) : (
        c.title
      ),
    render: (r: T) => c.render(r),
  }));
  const open = (r: T) => onOpen?.(r);
  const keyOpen = (e: KeyboardEvent<HTMLTableRowElement>, r: T) => {
    // Only the row itself: Enter in a control inside it keeps its own meaning.
    if (e.key === 'Enter' && e.target === e.currentTarget) {
      e.preventDefault();
      open(r);
    }
  };
  return (
    <Stack gap="xs" data-testid={props.testId}>
      <DataTable<T>
        withTableBorder
        striped
        highlightOnHover={!!onOpen}
        minHeight={rows && rows.length === 0 ? 160 : undefined}
        records={rows ?? []}
        columns={columns}
        idAccessor={(r) => props.rowKey(r)}
        fetching={props.fetching}
        loadingText="正在加载"
        noRecordsText={props.empty}
        totalRecords={total ?? 0}
        recordsPerPage={props.pageSize}
        page={props.page}
        onPageChange={props.onPage}
        recordsPerPageOptions={PAGE_SIZES}
        onRecordsPerPageChange={props.onPageSize}
        recordsPerPageLabel="每页"
        paginationText={({ from, to, totalRecords }) => `第 ${from}–${to} 项，共 ${totalRecords} 项`}
        getPaginationControlProps={(control) => ({ 'aria-label': CONTROL_LABELS[control] })}
        getPaginationItemProps={(page) => ({ 'aria-label': `第 ${page} 页` })}
        onRowClick={onOpen ? ({ record }) => open(record) : undefined}
        rowClassName={onOpen ? 'mantine-focus-auto' : undefined}
        rowStyle={onOpen ? () => ({ cursor: 'pointer' }) : undefined}
        customRowAttributes={(r) => ({
          'data-title': props.rowTitle(r),
          ...(onOpen ? { tabIndex: 0, onKeyDown: (e: KeyboardEvent<HTMLTableRowElement>) => keyOpen(e, r) } : {}),
        })}
      />
    </Stack>
  );
}

/** "共 N 项" above a list, so the count is read before the rows. */
export function ListCount({ total }: { total: number | undefined }) {
  return (
    <Text c="gray.7" size="sm" data-testid="list-total" aria-live="polite">
      {total === undefined ? '' : `共 ${total} 项`}
    </Text>
  );
}
