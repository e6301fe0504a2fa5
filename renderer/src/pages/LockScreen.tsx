import { Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../shared/types';
import { api, call, messageOf } from '../api';
import { Notice } from '../components/Notice';

export function LockScreen({ session, onUnlock }: { session: SessionInfo; onUnlock: (s: SessionInfo) => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onUnlock(await call(api().auth.unlock({ password })));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Center h="100vh">
      <Paper withBorder shadow="sm" p="xl" w={400}>
        <form onSubmit={(e) => void submit(e)}>
          <Stack>
            <Title order={2}>会话已锁定</Title>
            <Text c="dimmed">
              {session.user?.displayName}，您已超过 {session.idleMinutes} 分钟未操作，请输入密码继续。
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
