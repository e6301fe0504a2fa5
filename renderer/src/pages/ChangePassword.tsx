import { Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../shared/types';
import { api, call } from '../api';
import { useAction } from '../components/useAction';
import { Notice } from '../components/Notice';

export function ChangePasswordPage({
  session,
  forced = false,
  onDone,
}: {
  session: SessionInfo;
  forced?: boolean;
  onDone: (s: SessionInfo) => void;
}) {
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [success, setSuccess] = useState<string | null>(null);
  const { error, setError, busy, run } = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSuccess(null);
    if (newPassword !== confirm) return setError('两次输入的新密码不一致');
    void run(async () => {
      const s = await call(api().auth.changePassword({ oldPassword, newPassword }));
      setOld('');
      setNew('');
      setConfirm('');
      setSuccess('密码已修改');
      onDone(s);
    });
  };

  const form = (
    <form onSubmit={submit}>
      <Stack>
        <Title order={forced ? 2 : 3}>修改密码</Title>
        {forced && (
          <Text c="dimmed">
            {session.user?.displayName}，这是您首次登录（或密码已被重置），请先设置您自己的密码。设置后将为您生成个人签名密钥。
          </Text>
        )}
        <PasswordInput label="原密码" required autoComplete="current-password" value={oldPassword} onChange={(e) => setOld(e.currentTarget.value)} />
        <PasswordInput label="新密码" required autoComplete="new-password" value={newPassword} onChange={(e) => setNew(e.currentTarget.value)} />
        <PasswordInput label="确认新密码" required autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.currentTarget.value)} />
        <Notice error={error} success={success} />
        <Button type="submit" loading={busy}>
          修改密码
        </Button>
        {forced && (
          <Button variant="subtle" onClick={() => void api().auth.logout()}>
            退出登录
          </Button>
        )}
      </Stack>
    </form>
  );
  if (!forced) return <Paper maw={420}>{form}</Paper>;
  return (
    <Center h="100vh">
      <Paper withBorder shadow="sm" p="xl" w={420}>
        {form}
      </Paper>
    </Center>
  );
}
