import { Badge, Group, MultiSelect, Stack, Text, UnstyledButton } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { ACTION_GROUPS, ACTION_LABELS, actionGroup, type AuditDeskEntry } from '../../../../shared/audit';
import { messageOf } from '../../api';
import { ListCount, ListTable, type ListColumn } from '../../components/DataTable';
import { ChoiceFilter, DateRangeFilter, FilterBar, routePaging, TextFilter, useListRoute } from '../../components/ListFilters';
import { Notice } from '../../components/Notice';
import { useOp } from '../../query';
import { EntryDetails, when } from './EntryDetails';
import { Hash } from './Hash';

// The trail as a list the 安全审计员 works through: filtered by person, action (by
// group), item title and date on the server, the whole filter in the route.

const COLUMNS: Array<ListColumn<AuditDeskEntry>> = [
  { key: 'seq', title: '序号', width: 70, render: (e) => e.seq },
  { key: 'time', title: '时间', width: 170, render: (e) => when(e.time) },
  { key: 'actor', title: '操作人', width: 110, render: (e) => e.actorName },
  { key: 'role', title: '角色', width: 120, render: (e) => e.roleLabel },
  { key: 'action', title: '操作', width: 130, render: (e) => e.actionLabel },
  { key: 'subject', title: '对象', render: (e) => <Text size="sm" lineClamp={2}>{e.subjectName}</Text> },
  { key: 'text', title: '内容', render: (e) => <Text size="sm" lineClamp={2}>{e.text || e.details.map((d) => `${d.label}：${d.hash ? `${d.value.slice(0, 12)}…` : d.value}`).join('；')}</Text> },
  { key: 'hash', title: '哈希', width: 150, render: (e) => <Hash value={e.hash} label="记录哈希" chars={10} /> },
];

const ACTION_DATA = ACTION_GROUPS.map((g) => ({
  group: g.label,
  items: Object.keys(ACTION_LABELS)
    .filter((a) => actionGroup(a) === g.label)
    .map((a) => ({ value: a, label: ACTION_LABELS[a]! })),
}));

export function AuditLog() {
  const route = useListRoute({ sort: 'seq', dir: 'desc', sorts: ['seq'] });
  const actions = route.list('act').filter((a) => a in ACTION_LABELS);
  const input = {
    page: route.page,
    pageSize: route.pageSize,
    actor: route.get('who'),
    actions: actions.length ? actions : undefined,
    item: route.get('item'),
    from: route.get('from'),
    to: route.get('to'),
  };
  const list = useOp('audit', 'page', input, { placeholderData: keepPreviousData });
  const people = useOp('users', 'list', undefined).data ?? [];
  const [open, setOpen] = useState<AuditDeskEntry | null>(null);
  const filtered = route.filtered();
  const personChoices = [{ value: 'system', label: '系统' }, ...people.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))];
  const groupActions = (label: string) => ACTION_DATA.find((g) => g.group === label)?.items.map((i) => i.value) ?? [];

  return (
    <Stack>
      <FilterBar active={filtered} onClear={() => route.clear()}>
        <ChoiceFilter label="操作人" w={200} data={personChoices} value={input.actor} onChange={(who) => route.set({ who })} />
        <MultiSelect label="操作" placeholder={actions.length ? undefined : '不限'} data={ACTION_DATA} value={actions} onChange={(act) => route.set({ act })} clearable searchable w={280} comboboxProps={{ withinPortal: true }} />
        <TextFilter label="事项名称" value={route.get('item')} onChange={(item) => route.set({ item })} />
        <DateRangeFilter label="日期" from={route.get('from')} to={route.get('to')} onChange={(change) => route.set(change)} />
      </FilterBar>
      <Group gap="xs" aria-label="按操作类别统计">
        {list.data?.groups
          .filter((g) => g.count > 0)
          .map((g) => (
            <UnstyledButton key={g.label} className="mantine-focus-auto" onClick={() => route.set({ act: groupActions(g.label) })} title={`只看“${g.label}”`}>
              <Badge variant="light" size="lg" style={{ cursor: 'pointer' }}>
                {g.label} {g.count} 条
              </Badge>
            </UnstyledButton>
          ))}
      </Group>
      <Notice error={list.error ? messageOf(list.error) : null} />
      <ListCount total={list.data?.total} />
      <ListTable
        testId="audit-table"
        rows={list.data?.entries}
        total={list.data?.total}
        fetching={list.isFetching && !list.data}
        columns={COLUMNS}
        rowKey={(e) => String(e.seq)}
        rowTitle={(e) => `${e.seq}`}
        onOpen={setOpen}
        {...routePaging(route)}
        empty={filtered ? '没有符合筛选条件的审计记录' : '暂无审计记录'}
      />
      <EntryDetails entry={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
