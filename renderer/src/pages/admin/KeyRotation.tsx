import { Badge, Button, Code, Group, Loader, Paper, PasswordInput, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { KeyRotationResult, KeyStatusView } from '../../../../shared/ops/keys';
import { ROLE_LABELS } from '../../../../shared/roles';
import { api } from '../../api';
import { Notice } from '../../components/Notice';
import { useChange, useOp } from '../../query';

// The 安全保密管理员's data-key rotation: status, a confirm step with the password, and
// the new recovery code shown once.

const dateOf = (iso: string) => iso.slice(0, 10);

function Status({ status }: { status: KeyStatusView }) {
  return (
    <Stack gap="xs">
      <Text data-testid="last-rotation">上次更换数据密钥：{status.lastRotation ? dateOf(status.lastRotation) : '尚未更换过'}</Text>
      <Text>
        过渡封装：
        {status.bridgeActive ? '保留中（尚有账号或恢复码按原数据密钥封装，原数据密钥经过渡封装仍可打开本数据目录）' : '无（原数据密钥不能打开本数据目录）'}
      </Text>
      {status.recoveryWaiting && <Text c="orange">恢复码仍为更换前的恢复码：请再次更换数据密钥以发放新的恢复码。</Text>}
      <Title order={4}>待重新封装的账户</Title>
      {status.waiting.length === 0 ? (
        <Text c="dimmed" data-testid="waiting-none">
          无：全部账号均已按当前数据密钥封装
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            以下账号的钥匙槽仍按原数据密钥封装，将在该账号下次登录时自动重新封装；已停用的账号须由系统管理员启用或重置密码后方能完成。
          </Text>
          <Table withTableBorder data-testid="waiting-accounts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>用户名</Table.Th>
                <Table.Th>姓名</Table.Th>
                <Table.Th>角色</Table.Th>
                <Table.Th>状态</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {status.waiting.map((w) => (
                <Table.Tr key={w.id}>
                  <Table.Td>{w.username}</Table.Td>
                  <Table.Td>{w.displayName}</Table.Td>
                  <Table.Td>{w.roles.map((r) => ROLE_LABELS[r]).join('、')}</Table.Td>
                  <Table.Td>{w.disabled ? <Badge color="gray">已停用</Badge> : <Badge color="orange">待下次登录</Badge>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}

function NewRecoveryCode({ code, onDone }: { code: string; onDone: () => void }) {
  return (
    <Paper withBorder p="lg" className="printable">
      <Text fw={600}>新恢复码（只显示这一次，请打印后密封保管；原恢复码已作废）</Text>
      <Code block data-testid="new-recovery-code" fz="lg" my="sm">
        {code}
      </Code>
      <Group>
        <Button variant="light" onClick={() => window.print()}>
          打印
        </Button>
        <Button onClick={onDone}>我已妥善保管新恢复码</Button>
      </Group>
    </Paper>
  );
}

export function KeyRotationPage() {
  const status = useOp('keys', 'status', undefined);
  const rotate = useChange((password: string) => api().keys.rotate({ password }), ['keys']);
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState('');
  const [result, setResult] = useState<KeyRotationResult | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const r = await rotate.mutateAsync(password).catch(() => null);
    setPassword('');
    if (!r) return;
    setConfirming(false);
    setResult(r);
  };

  return (
    <Stack maw={760}>
      <Title order={3}>更换数据密钥</Title>
      <Text size="sm">
        本数据目录中的全部数据以一个随机的数据密钥加密保存。更换数据密钥时，数据库以新的数据密钥重新加密，您的钥匙槽和恢复码随即按新密钥重新封装，并发放新的恢复码；
        其他账号在下次登录时自动重新封装，全部完成后原数据密钥不再能打开本数据目录。
      </Text>
      <Text size="sm" c="orange" data-testid="backup-warning">
        更换前制作的备份仍由原数据密钥加密，须使用备份时的账号密码或原恢复码恢复；请在更换后及时重新备份，并按保密规定处置旧备份。
      </Text>
      {result && <NewRecoveryCode code={result.recoveryCode} onDone={() => setResult(null)} />}
      {status.data ? <Status status={status.data} /> : status.isPending ? <Loader size="sm" /> : <Notice error={status.error?.message} />}
      {!result &&
        (confirming ? (
          <form onSubmit={(e) => void submit(e)} noValidate>
            <Stack maw={420}>
              <PasswordInput label="请再次输入您的密码以确认更换" value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoComplete="current-password" required />
              <Notice error={rotate.error?.message} />
              <Group>
                <Button type="submit" color="red" loading={rotate.isPending} disabled={!password}>
                  确认更换
                </Button>
                <Button variant="default" onClick={() => (setConfirming(false), setPassword(''))} disabled={rotate.isPending}>
                  取消
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Button w="fit-content" onClick={() => (rotate.reset(), setConfirming(true))}>
            更换数据密钥
          </Button>
        ))}
    </Stack>
  );
}
