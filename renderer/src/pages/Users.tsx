import { Button, Group, Modal, Pagination, Select, Stack, Table, Text, Title } from '@mantine/core';
import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { USER_SORTS, USER_STATUSES, USER_STATUS_LABELS } from '../../../shared/ops/admin';
import { ROLES, ROLE_LABELS, type Role } from '../../../shared/roles';
import type { UserSummary } from '../../../shared/types';
import { api, messageOf } from '../api';
import { ListCount } from '../components/DataTable';
import { ChoiceFilter, FilterBar, TextFilter, useListRoute } from '../components/ListFilters';
import { Notice } from '../components/Notice';
import { useChange, useOp } from '../query';
import { ResetPasswordForm } from './admin/ResetPasswordForm';
import { UserForm } from './admin/UserForm';
import { UserHead, UserRow, type UserSort } from './admin/UserRows';

// The 系统管理员's accounts: paged, sorted and filtered on the server (users.page), the
// whole view in the route.

const ROLE_CHOICES = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const STATUS_CHOICES = USER_STATUSES.map((s) => ({ value: s, label: USER_STATUS_LABELS[s] }));
const SIZES = ['20', '50', '100'];

export function UsersPage() {
  const route = useListRoute({ sort: 'createdAt', dir: 'asc', sorts: USER_SORTS });
  const role = route.get('role');
  const status = route.get('status');
  const input = {
    page: route.page,
    pageSize: route.pageSize,
    role: role && (ROLES as readonly string[]).includes(role) ? (role as Role) : undefined,
    department: route.get('dept'),
    status: status && (USER_STATUSES as readonly string[]).includes(status) ? (status as (typeof USER_STATUSES)[number]) : undefined,
    text: route.get('q'),
    sort: route.sort.sort as UserSort,
    order: route.sort.dir,
  };
  const users = useOp('users', 'page', input, { placeholderData: keepPreviousData });
  // null: a new user; a summary: that user. The forms mount fresh each time a dialog opens.
  const [editing, setEditing] = useState<{ user: UserSummary | null } | null>(null);
  const [resetting, setResetting] = useState<UserSummary | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const unlock = useChange((u: UserSummary) => api().users.unlockAccount({ id: u.id }), ['users']);
  const setDisabled = useChange((u: UserSummary) => api().users.setDisabled({ id: u.id, disabled: !u.disabled }), ['users']);

  const saved = (message: string) => {
    setEditing(null);
    setResetting(null);
    setSuccess(message);
  };
  const act = (change: typeof unlock, u: UserSummary, done: string) => {
    setSuccess(null);
    unlock.reset();
    setDisabled.reset();
    change.mutate(u, { onSuccess: () => setSuccess(done) });
  };
  const data = users.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / route.pageSize)) : 1;

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>用户管理</Title>
        <Button onClick={() => setEditing({ user: null })}>新建用户</Button>
      </Group>
      <FilterBar active={route.filtered()} onClear={() => route.clear()}>
        <TextFilter label="姓名或账号" value={route.get('q')} onChange={(q) => route.set({ q })} />
        <ChoiceFilter label="角色" data={ROLE_CHOICES} value={input.role} onChange={(r) => route.set({ role: r })} />
        <ChoiceFilter label="部门" data={(data?.departments ?? []).map((d) => ({ value: d, label: d }))} value={input.department} onChange={(dept) => route.set({ dept })} />
        <ChoiceFilter label="状态" w={140} data={STATUS_CHOICES} value={input.status} onChange={(s) => route.set({ status: s })} />
      </FilterBar>
      <Notice error={(users.error && messageOf(users.error)) ?? unlock.error?.message ?? setDisabled.error?.message} success={success} />
      <ListCount total={data?.total} />
      <Table striped withTableBorder data-testid="users-table">
        <UserHead sort={input.sort} dir={input.order} onSort={(sort, dir) => route.set({ sort, dir })} />
        <Table.Tbody>
          {data?.users.map((u) => (
            <UserRow
              key={u.id}
              u={u}
              act={{
                edit: (x) => setEditing({ user: x }),
                reset: setResetting,
                unlock: (x) => act(unlock, x, `已解锁“${x.username}”`),
                toggle: (x) => act(setDisabled, x, x.disabled ? `已启用“${x.username}”` : `已停用“${x.username}”`),
              }}
            />
          ))}
          {data?.users.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={7}>
                <Text size="sm" c="dimmed">
                  {route.filtered() ? '没有符合筛选条件的用户' : '暂无用户'}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Group justify="space-between">
        <Pagination total={pages} value={Math.min(route.page, pages)} onChange={(page) => route.set({ page })} getControlProps={(c) => ({ 'aria-label': { first: '第一页', last: '最后一页', previous: '上一页', next: '下一页' }[c] })} getItemProps={(p) => ({ 'aria-label': `第 ${p} 页` })} />
        <Select label="每页" w={100} data={SIZES} value={String(route.pageSize)} onChange={(v) => route.set({ size: v ?? undefined })} allowDeselect={false} />
      </Group>

      <Modal opened={!!editing} onClose={() => setEditing(null)} title={editing?.user ? '编辑用户' : '新建用户'} size="lg">
        {editing && <UserForm key={editing.user?.id ?? 'new'} user={editing.user} onSaved={saved} />}
      </Modal>

      <Modal opened={!!resetting} onClose={() => setResetting(null)} title="重置密码">
        {resetting && <ResetPasswordForm key={resetting.id} user={resetting} onSaved={saved} />}
      </Modal>
    </Stack>
  );
}
