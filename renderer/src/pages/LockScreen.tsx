import { Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../shared/types';
import { api, call } from '../api';
import { useAction } from '../components/useAction';
import { Notice } from '../components/Notice';

export function LockScreen({ session, onUnlock }: { session: SessionInfo; onUnlock: (s: SessionInfo) => void }) {
  const [password, setPassword] = useState('');
  const { error, busy, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => onUnlock(await call(api().auth.unlock({ password }))));
  };
  return (
    <Center h="100vh">
      <Paper withBorder shadow="sm" p="xl" w={400}>
        <form onSubmit={submit}>
          <Stack>
            <Title order={2}>会话已锁定</Title>
            <Text c="dimmed">
              {session.user?.displayName}，会话已锁定（手动锁定，或超过 {session.idleMinutes} 分钟未操作），请输入密码继续；正在填写的内容仍保留。
            </Text>
            <PasswordInput label="密码" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            <Notice error={error} />
            <Button type="submit" loading={busy}>
              解锁
            </Button>
            <Button variant="subtle" onClick={() => void api().auth.logout()}>
              退出登录
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
