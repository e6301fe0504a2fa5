import { Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { contract } from '../../../../shared/contract';
import type { InputOf } from '../../../../shared/define';
import type { UserSummary } from '../../../../shared/types';
import { api } from '../../api';
import { Notice } from '../../components/Notice';
import { zodValidate } from '../../forms';
import { useChange } from '../../query';

type ResetFields = InputOf<typeof contract.users.resetPassword>;

/** 重置密码: a new initial password; the strength rules of the policy are checked by the main process. */
export function ResetPasswordForm({ user, onSaved }: { user: UserSummary; onSaved: (message: string) => void }) {
  const form = useForm<ResetFields>({
    initialValues: { id: user.id, initialPassword: '' },
    validate: zodValidate(contract.users.resetPassword.input),
  });
  const reset = useChange((i: ResetFields) => api().users.resetPassword(i), ['users']);
  const submit = form.onSubmit((v) => reset.mutate(v, { onSuccess: () => onSaved(`已重置“${user.username}”的密码，该用户下次登录时须修改密码`) }));

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text>为“{user.displayName}（{user.username}）”设置新的初始密码。该用户原有的签名密钥将作废，修改密码后生成新密钥。</Text>
        <PasswordInput label="新的初始密码" {...form.getInputProps('initialPassword')} />
        <Notice error={reset.error?.message} />
        <Button type="submit" loading={reset.isPending}>
          重置
        </Button>
      </Stack>
    </form>
  );
}
