import { Button, Group, SegmentedControl, Stack, Title } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { mayCall } from '../../../../shared/access';
import { contract } from '../../../../shared/contract';
import { ITEM_SORTS, LIST_VIEWS } from '../../../../shared/ops/items';
import { BUSINESS_ROLES, ROLE_LABELS, type Role } from '../../../../shared/roles';
import { ITEM_STATUSES, STATUS_LABELS } from '../../../../shared/workflow';
import { messageOf } from '../../api';
import { ListCount, ListTable } from '../../components/DataTable';
import { ChoiceFilter, DateRangeFilter, FilterBar, MultiFilter, routePaging, TextFilter, useListRoute } from '../../components/ListFilters';
import { Notice } from '../../components/Notice';
import { useOp } from '../../query';
import { rememberList } from '../../shortcuts';
import { OverdueApplications } from '../applications/OverdueApplications';
import { ITEM_COLUMNS } from './itemColumns';

// 待办, 全部事项, 复查 and 解密清理: one list over items.page, its whole state in the route.

type View = (typeof LIST_VIEWS)[number];
const TITLES: Record<View, string> = { inbox: '待办', all: '全部事项', recheck: '复查（不予公开、暂缓公开）', declassification: '解密清理（涉密事项）' };
const EMPTY: Record<View, string> = {
  inbox: '暂无待办事项',
  all: '暂无事项',
  recheck: '暂无需要复查的不予公开、暂缓公开事项',
  declassification: '暂无涉密事项',
};
const FILTERED_EMPTY = '没有符合筛选条件的事项';
/** The declassification clean-up is for those who may record a declassification (items.declassify). */
const DECLASSIFIERS: readonly Role[] = ['reviewer', 'secrecyOffice'];

const STATUS_CHOICES = ITEM_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));
const ROLE_CHOICES = BUSINESS_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const OVERDUE_CHOICES = [
  { value: '1', label: '已超期' },
  { value: '0', label: '未超期' },
];

export function ItemsList({ roles, onOpen, onRegister, canRegister }: { roles: readonly Role[]; onOpen: (id: string) => void; onRegister: () => void; canRegister: boolean }) {
  const route = useListRoute({ sort: 'createdAt', dir: 'desc', sorts: ITEM_SORTS });
  const views = LIST_VIEWS.filter((v) => v !== 'declassification' || roles.some((r) => DECLASSIFIERS.includes(r)));
  const asked = route.get('view') as View | undefined;
  const view: View = asked && views.includes(asked) ? asked : 'inbox';
  const status = route.list('status').filter((s): s is (typeof ITEM_STATUSES)[number] => (ITEM_STATUSES as readonly string[]).includes(s));
  const stepRole = route.get('role') as Role | undefined;
  const input = {
    view,
    status: status.length ? status : undefined,
    stepRole: stepRole && (BUSINESS_ROLES as readonly string[]).includes(stepRole) ? stepRole : undefined,
    department: route.get('dept'),
    profileId: route.get('profile'),
    overdue: route.bool('overdue'),
    formedFrom: route.get('from'),
    formedTo: route.get('to'),
    text: route.get('q'),
    sort: route.sort.sort as (typeof ITEM_SORTS)[number],
    dir: route.sort.dir,
    page: route.page,
    pageSize: route.pageSize,
  };
  const list = useOp('items', 'page', input, { placeholderData: keepPreviousData });
  const profiles = useOp('profiles', 'list', undefined).data ?? [];
  const profileChoices = [...new Map(profiles.map((p) => [p.id, { value: p.id, label: p.name }])).values()];
  const filtered = route.filtered(['view']);

  return (
    <Stack>
      {/* Applications past their 20-working-day reply limit belong on the same desk (附件2 第六条). */}
      {view === 'inbox' && mayCall(contract.applications.page.access, roles) && <OverdueApplications />}
      <Group justify="space-between">
        <Title order={3}>{TITLES[view]}</Title>
        <Group>
          <SegmentedControl
            value={view}
            onChange={(v) => route.set({ view: v === 'inbox' ? undefined : v })}
            data={views.map((v) => ({ value: v, label: { inbox: '待办', all: '全部', recheck: '复查', declassification: '解密清理' }[v] }))}
          />
          {canRegister && <Button onClick={onRegister}>登记拟公开信息</Button>}
        </Group>
      </Group>
      <FilterBar active={filtered} onClear={() => route.clear(['view'])}>
        <TextFilter label="查找" placeholder="名称或文号中的文字" value={route.get('q')} onChange={(q) => route.set({ q })} />
        <MultiFilter label="状态" data={STATUS_CHOICES} value={status} onChange={(s) => route.set({ status: s })} />
        <ChoiceFilter label="当前环节办理人" data={ROLE_CHOICES} value={input.stepRole} onChange={(role) => route.set({ role })} />
        <TextFilter label="承办部门" w={140} value={route.get('dept')} onChange={(dept) => route.set({ dept })} />
        <ChoiceFilter label="审查制度" data={profileChoices} value={route.get('profile')} onChange={(profile) => route.set({ profile })} />
        <ChoiceFilter label="期限" w={120} data={OVERDUE_CHOICES} value={route.get('overdue')} onChange={(overdue) => route.set({ overdue })} />
        <DateRangeFilter label="成文日期" from={route.get('from')} to={route.get('to')} onChange={(change) => route.set(change)} />
      </FilterBar>
      <Notice error={list.error ? messageOf(list.error) : null} />
      <ListCount total={list.data?.total} />
      <ListTable
        testId="items-table"
        rows={list.data?.rows}
        total={list.data?.total}
        fetching={list.isFetching && !list.data}
        columns={ITEM_COLUMNS}
        rowKey={(i) => i.id}
        rowTitle={(i) => i.title}
        onOpen={(i) => {
          // The reviewer's "next item" key (]) walks the list as the user sees it.
          rememberList((list.data?.rows ?? []).map((r) => r.id));
          onOpen(i.id);
        }}
        {...routePaging(route, true)}
        empty={filtered ? FILTERED_EMPTY : EMPTY[view]}
      />
    </Stack>
  );
}
