import { Badge, Button, Group, Loader, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ROLE_LABELS, isAdminRole } from '../../../shared/roles';
import type { UserSummary } from '../../../shared/types';
import { api } from '../api';
import { Notice } from '../components/Notice';
import { useChange, useOp } from '../query';
import { ResetPasswordForm } from './admin/ResetPasswordForm';
import { UserForm } from './admin/UserForm';
import { TableHead } from './admin/TableHead';

export function UsersPage() {
  const users = useOp('users', 'list', undefined);
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

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>用户管理</Title>
        <Button onClick={() => setEditing({ user: null })}>新建用户</Button>
      </Group>
      <Notice error={users.error?.message ?? unlock.error?.message ?? setDisabled.error?.message} success={success} />
      {users.isPending && <Loader size="sm" />}
      <Table striped withTableBorder data-testid="users-table">
        <TableHead columns={['用户名', '姓名', '部门', '角色', '状态', '操作']} />
        <Table.Tbody>
          {users.data?.map((u) => (
            <Table.Tr key={u.id} data-username={u.username}>
              <Table.Td>{u.username}</Table.Td>
              <Table.Td>{u.displayName}</Table.Td>
              <Table.Td>{u.department}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {u.roles.map((r) => (
                    <Badge key={r} variant="light" size="sm">
                      {ROLE_LABELS[r]}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {u.disabled && <Badge color="gray">已停用</Badge>}
                  {u.lockedUntil && <Badge color="orange">已锁定</Badge>}
                  {u.mustChangePassword && <Badge color="yellow">待修改密码</Badge>}
                  {!u.disabled && !u.lockedUntil && !u.mustChangePassword && <Text size="sm">正常</Text>}
                </Group>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Button size="compact-xs" variant="light" onClick={() => setEditing({ user: u })} disabled={u.roles.some(isAdminRole)}>
                    编辑
                  </Button>
                  <Button size="compact-xs" variant="light" onClick={() => setResetting(u)}>
                    重置密码
                  </Button>
                  {u.lockedUntil && (
                    <Button size="compact-xs" variant="light" onClick={() => act(unlock, u, `已解锁“${u.username}”`)}>
                      解锁
                    </Button>
                  )}
                  <Button
                    size="compact-xs"
                    variant="light"
                    color={u.disabled ? 'green' : 'gray'}
                    onClick={() => act(setDisabled, u, u.disabled ? `已启用“${u.username}”` : `已停用“${u.username}”`)}
                  >
                    {u.disabled ? '启用' : '停用'}
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      <Modal opened={!!editing} onClose={() => setEditing(null)} title={editing?.user ? '编辑用户' : '新建用户'} size="lg">
        {editing && <UserForm key={editing.user?.id ?? 'new'} user={editing.user} onSaved={saved} />}
      </Modal>

      <Modal opened={!!resetting} onClose={() => setResetting(null)} title="重置密码">
        {resetting && <ResetPasswordForm key={resetting.id} user={resetting} onSaved={saved} />}
      </Modal>
    </Stack>
  );
}
