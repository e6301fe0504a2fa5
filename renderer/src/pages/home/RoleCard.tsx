import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { ROLE_LABELS } from '../../../../shared/roles';
import type { SessionUser } from '../../../../shared/types';

const DUTIES: Record<string, string> = {
  sysAdmin: '创建、修改和停用用户账号，分配部门和业务角色。',
  secAdmin: '维护安全策略（密码、锁定、空闲锁屏），保管恢复码。',
  auditor: '查阅审计日志，验证其完整性并签署检查点。',
  handler: '登记拟公开的政府信息，提出初审意见。',
  deptHead: '对本部门拟公开信息提出意见。',
  reviewer: '对拟公开信息进行保密审查，提出审查意见及依据。',
  approver: '审批保密审查意见。',
  secrecyOffice: '确认涉密内容的区分处理。',
  publisher: '导出已批准公开的信息并登记发布。',
};

/** Who is signed in and what each of their roles does. */
export function RoleCard({ user }: { user: SessionUser }) {
  return (
    <Card withBorder>
      <Group>
        <Text fw={600}>{user.displayName}</Text>
        <Text c="gray.7">{user.department}</Text>
      </Group>
      <Stack gap="xs" mt="sm">
        {user.roles.map((r) => (
          <Group key={r} gap="xs">
            <Badge variant="light">{ROLE_LABELS[r]}</Badge>
            <Text size="sm">{DUTIES[r]}</Text>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
