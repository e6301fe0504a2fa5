import { Alert, Anchor, Button, Center, List, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../shared/types';
import { api, call } from '../api';
import { useAction } from '../components/useAction';
import { Notice } from '../components/Notice';

/**
 * `startupProblems`: what the checks that need no key found in the data folder. The store's
 * own checks run when a login opens it, and are shown after login (Frame's notices).
 */
export function LoginPage({ onLogin, startupProblems = [] }: { onLogin: (s: SessionInfo) => void; startupProblems?: string[] }) {
  const [mode, setMode] = useState<'login' | 'recover'>('login');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [success, setSuccess] = useState<string | null>(null);
  const { error, busy, run } = useAction();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSuccess(null);
    void run(async () => {
      if (mode === 'login') {
        onLogin(await call(api().auth.login({ username, password })));
      } else {
        await call(api().auth.recover({ recoveryCode: code, username, newPassword: password }));
        setSuccess('已使用恢复码为该账号设置新的初始密码，请用它登录并立即修改密码');
        setMode('login');
        setPassword('');
      }
    });
  };

  return (
    <Center h="100vh">
      <Paper withBorder shadow="sm" p="xl" w={400}>
        <form onSubmit={submit}>
          <Stack>
            <Title order={2}>密审台</Title>
            <Text c="dimmed">政府信息公开保密审查</Text>
            {startupProblems.length > 0 && (
              <Alert color="red" title="启动检查发现问题" data-testid="startup-problems">
                <List size="sm">
                  {startupProblems.map((p) => (
                    <List.Item key={p}>{p}</List.Item>
                  ))}
                </List>
                <Text size="sm" mt="xs">
                  登录后将记入审计日志，并在打开数据库时进行结构检查和审计位置核对。
                </Text>
              </Alert>
            )}
            {mode === 'recover' && (
              <TextInput label="恢复码" required value={code} onChange={(e) => setCode(e.currentTarget.value)} />
            )}
            <TextInput label="用户名" required autoComplete="username" value={username} onChange={(e) => setUsername(e.currentTarget.value)} />
            <PasswordInput
              label={mode === 'login' ? '密码' : '新的初始密码'}
              required
              autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Notice error={error} success={success} />
            <Button type="submit" loading={busy}>
              {mode === 'login' ? '登录' : '使用恢复码重置密码'}
            </Button>
            <Anchor component="button" type="button" size="sm" onClick={() => setMode(mode === 'login' ? 'recover' : 'login')}>
              {mode === 'login' ? '忘记密码？使用恢复码' : '返回登录'}
            </Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
