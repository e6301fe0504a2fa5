import { Button, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { APPLICATION_PAGE_STATUSES, APPLICATION_STATUS_LABELS } from '../../../../shared/applications';
import type { ApplicationView } from '../../../../shared/ops/applications';
import { messageOf } from '../../api';
import { ListCount, ListTable, type ListColumn } from '../../components/DataTable';
import { ChoiceFilter, FilterBar, routePaging, TextFilter, useListRoute } from '../../components/ListFilters';
import { Notice } from '../../components/Notice';
import { useOp } from '../../query';
import { DueText } from './parts';
import { RegisterForm } from './RegisterForm';

// 依申请公开: the register of applications, paged by the main process, its filters in the
// route. Identity numbers come masked; the whole number is only on the application's page.

const STATUS_CHOICES = APPLICATION_PAGE_STATUSES.map((s) => ({ value: s, label: s === 'open' ? '未答复' : APPLICATION_STATUS_LABELS[s] }));
const OVERDUE_CHOICES = [
  { value: '1', label: '已超期' },
  { value: '0', label: '未超期' },
];
const thisYear = new Date().getFullYear();
const YEAR_CHOICES = Array.from({ length: 6 }, (_, i) => String(thisYear - i)).map((y) => ({ value: y, label: `${y} 年` }));

const COLUMNS: Array<ListColumn<ApplicationView>> = [
  { key: 'number', title: '申请编号', width: 110, render: (a) => a.number },
  { key: 'receivedOn', title: '收到日期', width: 110, render: (a) => a.receivedOn },
  { key: 'applicant', title: '申请人', render: (a) => `${a.applicantName}（${a.idType} ${a.idNumber}）` },
  { key: 'request', title: '申请公开的政府信息', render: (a) => <Text size="sm" lineClamp={2}>{a.request}</Text> },
  { key: 'status', title: '状态', width: 150, render: (a) => (a.reply ? `已答复：${a.reply.type}` : a.statusLabel) },
  { key: 'due', title: '答复期限', width: 210, render: (a) => <DueText a={a} /> },
];

export function ApplicationsList({ onOpen, onReport }: { onOpen: (id: string) => void; onReport: () => void }) {
  const route = useListRoute({ sort: 'receivedOn', dir: 'desc', sorts: ['receivedOn'] });
  const [registering, setRegistering] = useState(false);
  const status = route.get('status') as (typeof APPLICATION_PAGE_STATUSES)[number] | undefined;
  const year = Number(route.get('year')) || undefined;
  const input = {
    status: status && (APPLICATION_PAGE_STATUSES as readonly string[]).includes(status) ? status : undefined,
    year,
    overdue: route.bool('overdue'),
    text: route.get('q'),
    page: route.page,
    pageSize: route.pageSize,
  };
  const list = useOp('applications', 'page', input, { placeholderData: keepPreviousData });
  const filtered = route.filtered();
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>依申请公开</Title>
        <Group>
          <Button variant="light" onClick={onReport}>
            年度报告
          </Button>
          <Button onClick={() => setRegistering(true)}>登记申请</Button>
        </Group>
      </Group>
      <FilterBar active={filtered} onClear={() => route.clear()}>
        <TextFilter label="查找" placeholder="申请编号、申请人或申请内容" value={route.get('q')} onChange={(q) => route.set({ q })} />
        <ChoiceFilter label="状态" data={STATUS_CHOICES} value={route.get('status')} onChange={(s) => route.set({ status: s })} />
        <ChoiceFilter label="年度" w={120} data={YEAR_CHOICES} value={route.get('year')} onChange={(y) => route.set({ year: y })} />
        <ChoiceFilter label="期限" w={120} data={OVERDUE_CHOICES} value={route.get('overdue')} onChange={(overdue) => route.set({ overdue })} />
      </FilterBar>
      <Notice error={list.error ? messageOf(list.error) : null} />
      {!!list.data?.overdue && (
        <Text c="red" size="sm" data-testid="overdue-count">
          其中 {list.data.overdue} 件已超过答复期限
        </Text>
      )}
      <ListCount total={list.data?.total} />
      <ListTable
        testId="applications-table"
        rows={list.data?.rows}
        total={list.data?.total}
        fetching={list.isFetching && !list.data}
        columns={COLUMNS}
        rowKey={(a) => a.id}
        rowTitle={(a) => a.number}
        onOpen={(a) => onOpen(a.id)}
        {...routePaging(route)}
        empty={filtered ? '没有符合筛选条件的申请' : '暂无政府信息公开申请'}
      />
      <Modal opened={registering} onClose={() => setRegistering(false)} title="登记政府信息公开申请" size="xl">
        <RegisterForm onDone={(id) => onOpen(id)} />
      </Modal>
    </Stack>
  );
}
