import { Badge, Button, Checkbox, Group, Modal, PasswordInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { BUSINESS_ROLES, ROLE_LABELS, isAdminRole, type BusinessRole } from '../../../shared/roles';
import type { UserSummary } from '../../../shared/types';
import { api, call, messageOf } from '../api';
import { Notice } from '../components/Notice';

interface Draft {
  id?: string;
  username: string;
  displayName: string;
  department: string;
  roles: BusinessRole[];
  initialPassword: string;
}
const emptyDraft: Draft = { username: '', displayName: '', department: '', roles: [], initialPassword: '' };

export function UsersPage() {
  const [users, setUsers] = useState<UserSummary[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [reset, setReset] = useState<{ user: UserSummary; password: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setUsers(await call(api().users.list()));
    } catch (err) {
      setError(messageOf(err));
    }
  }, []);
  useEffect(() => void load(), [load]);

  const act = async (fn: () => Promise<unknown>, done: string) => {
    setError(null);
    setSuccess(null);
    try {
      await fn();
      setSuccess(done);
      await load();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const saveDraft = async () => {
    if (!draft) return;
    setFormError(null);
    try {
      if (draft.id) {
        await call(api().users.update({ id: draft.id, displayName: draft.displayName, department: draft.department, roles: draft.roles }));
        setSuccess(`已保存用户“${draft.username}”`);
      } else {
        await call(api().users.create({ ...draft }));
        setSuccess(`已创建用户“${draft.username}”，首次登录时须修改密码`);
      }
      setDraft(null);
      await load();
    } catch (err) {
      setFormError(messageOf(err));
    }
  };

  const saveReset = async () => {
    if (!reset) return;
    setFormError(null);
    try {
      await call(api().users.resetPassword({ id: reset.user.id, initialPassword: reset.password }));
      setSuccess(`已重置“${reset.user.username}”的密码，该用户下次登录时须修改密码`);
      setReset(null);
      await load();
    } catch (err) {
      setFormError(messageOf(err));
    }
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>用户管理</Title>
        <Button onClick={() => { setFormError(null); setDraft({ ...emptyDraft }); }}>新建用户</Button>
      </Group>
      <Notice error={error} success={success} />
      <Table striped withTableBorder data-testid="users-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>用户名</Table.Th>
            <Table.Th>姓名</Table.Th>
            <Table.Th>部门</Table.Th>
            <Table.Th>角色</Table.Th>
            <Table.Th>状态</Table.Th>
            <Table.Th>操作</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((u) => {
            const admin = u.roles.some(isAdminRole);
            return (
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
                    <Button size="compact-xs" variant="light" onClick={() => { setFormError(null); setDraft({ id: u.id, username: u.username, displayName: u.displayName, department: u.department, roles: u.roles.filter((r): r is BusinessRole => !isAdminRole(r)), initialPassword: '' }); }} disabled={admin}>
                      编辑
                    </Button>
                    <Button size="compact-xs" variant="light" onClick={() => { setFormError(null); setReset({ user: u, password: '' }); }}>
                      重置密码
                    </Button>
                    {u.lockedUntil && (
                      <Button size="compact-xs" variant="light" onClick={() => void act(() => call(api().users.unlockAccount({ id: u.id })), `已解锁“${u.username}”`)}>
                        解锁
                      </Button>
                    )}
                    <Button size="compact-xs" variant="light" color={u.disabled ? 'green' : 'gray'} onClick={() => void act(() => call(api().users.setDisabled({ id: u.id, disabled: !u.disabled })), u.disabled ? `已启用“${u.username}”` : `已停用“${u.username}”`)}>
                      {u.disabled ? '启用' : '停用'}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>

      <Modal opened={!!draft} onClose={() => setDraft(null)} title={draft?.id ? '编辑用户' : '新建用户'} size="lg">
        {draft && (
          <Stack>
            <TextInput label="用户名" disabled={!!draft.id} value={draft.username} onChange={(e) => setDraft({ ...draft, username: e.currentTarget.value })} />
            <TextInput label="姓名" value={draft.displayName} onChange={(e) => setDraft({ ...draft, displayName: e.currentTarget.value })} />
            <TextInput label="部门" value={draft.department} onChange={(e) => setDraft({ ...draft, department: e.currentTarget.value })} />
            <Checkbox.Group label="业务角色（可多选）" value={draft.roles} onChange={(v) => setDraft({ ...draft, roles: v as BusinessRole[] })}>
              <Group mt="xs">
                {BUSINESS_ROLES.map((r) => (
                  <Checkbox key={r} value={r} label={ROLE_LABELS[r]} />
                ))}
              </Group>
            </Checkbox.Group>
            {!draft.id && (
              <PasswordInput label="初始密码（用户首次登录时须修改）" value={draft.initialPassword} onChange={(e) => setDraft({ ...draft, initialPassword: e.currentTarget.value })} />
            )}
            <Notice error={formError} />
            <Button onClick={() => void saveDraft()}>保存</Button>
          </Stack>
        )}
      </Modal>

      <Modal opened={!!reset} onClose={() => setReset(null)} title="重置密码">
        {reset && (
          <Stack>
            <Text>为“{reset.user.displayName}（{reset.user.username}）”设置新的初始密码。该用户原有的签名密钥将作废，修改密码后生成新密钥。</Text>
            <PasswordInput label="新的初始密码" value={reset.password} onChange={(e) => setReset({ ...reset, password: e.currentTarget.value })} />
            <Notice error={formError} />
            <Button onClick={() => void saveReset()}>重置</Button>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
