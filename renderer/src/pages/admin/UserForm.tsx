import { Button, Checkbox, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { contract } from '../../../../shared/contract';
import type { InputOf } from '../../../../shared/define';
import { BUSINESS_ROLES, ROLE_LABELS, isAdminRole, type BusinessRole } from '../../../../shared/roles';
import type { UserSummary } from '../../../../shared/types';
import { api } from '../../api';
import { Notice } from '../../components/Notice';
import { zodValidate } from '../../forms';
import { useChange } from '../../query';

type CreateFields = InputOf<typeof contract.users.create>;
type UpdateFields = InputOf<typeof contract.users.update>;

const checkCreate = zodValidate(contract.users.create.input, { department: '部门' });
const checkUpdate = zodValidate(contract.users.update.input, { department: '部门' });

/**
 * 新建用户 or 编辑用户 in one form: an existing account keeps its user name and
 * password here (the password has its own reset), so only the create rules ask for them.
 */
export function UserForm({ user, onSaved }: { user: UserSummary | null; onSaved: (message: string) => void }) {
  const form = useForm<CreateFields>({
    initialValues: {
      username: user?.username ?? '',
      displayName: user?.displayName ?? '',
      department: user?.department ?? '',
      roles: user ? user.roles.filter((r): r is BusinessRole => !isAdminRole(r)) : [],
      initialPassword: '',
    },
    validate: (v) => (user ? checkUpdate({ id: user.id, displayName: v.displayName, department: v.department, roles: v.roles }) : checkCreate(v)),
    validateInputOnBlur: true,
  });
  const create = useChange((i: CreateFields) => api().users.create(i), ['users']);
  const update = useChange((i: UpdateFields) => api().users.update(i), ['users']);
  const saving = create.isPending || update.isPending;

  const submit = form.onSubmit((v) => {
    if (user)
      update.mutate({ id: user.id, displayName: v.displayName, department: v.department, roles: v.roles }, { onSuccess: () => onSaved(`已保存用户“${user.username}”`) });
    else create.mutate(v, { onSuccess: () => onSaved(`已创建用户“${v.username}”，首次登录时须修改密码`) });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput label="用户名" disabled={!!user} {...form.getInputProps('username')} />
        <TextInput label="姓名" {...form.getInputProps('displayName')} />
        <TextInput label="部门" {...form.getInputProps('department')} />
        <Checkbox.Group label="业务角色（可多选）" {...form.getInputProps('roles')}>
          <Group mt="xs">
            {BUSINESS_ROLES.map((r) => (
              <Checkbox key={r} value={r} label={ROLE_LABELS[r]} />
            ))}
          </Group>
        </Checkbox.Group>
        {!user && <PasswordInput label="初始密码（用户首次登录时须修改）" {...form.getInputProps('initialPassword')} />}
        <Notice error={create.error?.message ?? update.error?.message} />
        <Button type="submit" loading={saving}>
          保存
        </Button>
      </Stack>
    </form>
  );
}
