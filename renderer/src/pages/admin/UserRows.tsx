import { Badge, Button, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { ROLE_LABELS, isAdminRole } from '../../../../shared/roles';
import type { UserSummary } from '../../../../shared/types';

// The users table: headers that sort on the server, one row per account with its status
// and the 系统管理员's actions.

export type UserSort = 'username' | 'displayName' | 'department' | 'createdAt';

const HEADERS: Array<{ key: UserSort | null; title: string }> = [
  { key: 'username', title: '用户名' },
  { key: 'displayName', title: '姓名' },
  { key: 'department', title: '部门' },
  { key: null, title: '角色' },
  { key: null, title: '状态' },
  { key: 'createdAt', title: '创建时间' },
  { key: null, title: '操作' },
];

export interface UserRowActions {
  edit: (u: UserSummary) => void;
  reset: (u: UserSummary) => void;
  unlock: (u: UserSummary) => void;
  toggle: (u: UserSummary) => void;
}

export function UserHead({ sort, dir, onSort }: { sort: UserSort; dir: 'asc' | 'desc'; onSort: (s: UserSort, d: 'asc' | 'desc') => void }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {HEADERS.map((h) => (
          // The sort state is the header's aria-sort; the button is named by its visible title alone.
          <Table.Th key={h.title} aria-sort={h.key && sort === h.key ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
            {h.key ? (
              <UnstyledButton
                className="mantine-focus-auto"
                fw={700}
                fz="sm"
                onClick={() => onSort(h.key!, sort === h.key && dir === 'asc' ? 'desc' : 'asc')}
              >
                {h.title} <span aria-hidden>{sort === h.key ? (dir === 'asc' ? '▲' : '▼') : '⇅'}</span>
              </UnstyledButton>
            ) : (
              h.title
            )}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}

export function UserRow({ u, act }: { u: UserSummary; act: UserRowActions }) {
  return (
    <Table.Tr data-username={u.username}>
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
      <Table.Td>{new Date(u.createdAt).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })}</Table.Td>
      <Table.Td>
        <Group gap={4}>
          <Button size="compact-xs" variant="light" onClick={() => act.edit(u)} disabled={u.roles.some(isAdminRole)}>
            编辑
          </Button>
          <Button size="compact-xs" variant="light" onClick={() => act.reset(u)}>
            重置密码
          </Button>
          {u.lockedUntil && (
            <Button size="compact-xs" variant="light" onClick={() => act.unlock(u)}>
              解锁
            </Button>
          )}
          <Button size="compact-xs" variant="light" color={u.disabled ? 'green' : 'gray'} onClick={() => act.toggle(u)}>
            {u.disabled ? '启用' : '停用'}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
