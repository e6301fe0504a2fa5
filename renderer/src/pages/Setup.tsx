import { Button, Code, Container, Divider, Paper, PasswordInput, SimpleGrid, Stack, Stepper, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { SetupResult } from '../../../shared/types';
import { api, call } from '../api';
import { useAction } from '../components/useAction';
import { Notice } from '../components/Notice';

type AdminKey = 'sysAdmin' | 'secAdmin' | 'auditor';
const ADMINS: Array<{ key: AdminKey; label: string; hint: string }> = [
  { key: 'sysAdmin', label: '系统管理员', hint: '管理用户账号，不参与审查' },
  { key: 'secAdmin', label: '安全保密管理员', hint: '管理安全策略、审查依据和负面清单，保管恢复码' },
  { key: 'auditor', label: '安全审计员', hint: '查看和验证审计日志，不做其他操作' },
];

interface AdminForm {
  username: string;
  displayName: string;
  password: string;
  confirm: string;
}
const emptyAdmin: AdminForm = { username: '', displayName: '', password: '', confirm: '' };

export function SetupWizard({ onDone }: { onDone: (r: SetupResult) => void }) {
  const [step, setStep] = useState(0);
  const [orgName, setOrgName] = useState('');
  const [shortName, setShortName] = useState('');
  const [admins, setAdmins] = useState<Record<AdminKey, AdminForm>>({
    sysAdmin: { ...emptyAdmin },
    secAdmin: { ...emptyAdmin },
    auditor: { ...emptyAdmin },
  });
  const { error, setError, busy, run } = useAction();

  const setAdmin = (key: AdminKey, field: keyof AdminForm, value: string) =>
    setAdmins((a) => ({ ...a, [key]: { ...a[key], [field]: value } }));

  const submit = async () => {
    setError(null);
    for (const a of ADMINS) {
      const f = admins[a.key];
      if (!f.username || !f.displayName || !f.password) return setError(`请填写${a.label}的全部信息`);
      if (f.password !== f.confirm) return setError(`${a.label}两次输入的密码不一致`);
    }
    await run(async () => {
      const strip = ({ confirm: _c, ...rest }: AdminForm) => rest;
      const result = await call(
        api().setup.run({
          organizationName: orgName,
          organizationShortName: shortName,
          sysAdmin: strip(admins.sysAdmin),
          secAdmin: strip(admins.secAdmin),
          auditor: strip(admins.auditor),
        }),
      );
      onDone(result);
    });
  };

  return (
    <Container size="md" py="xl">
      <Title order={2} mb="xs">
        密审台 · 首次设置
      </Title>
      <Text c="dimmed" mb="lg">
        本数据目录尚未初始化。请设置本单位信息，并分别设立三员账号（系统管理员、安全保密管理员、安全审计员由三个不同的人担任）。
      </Text>
      <Stepper active={step} onStepClick={setStep}>
        <Stepper.Step label="单位信息">
          <Stack mt="md">
            <TextInput label="单位名称" required value={orgName} onChange={(e) => setOrgName(e.currentTarget.value)} />
            <TextInput
              label="单位简称（英文字母、数字或连字符，用于导出包名称）"
              required
              value={shortName}
              onChange={(e) => setShortName(e.currentTarget.value)}
            />
            <Button onClick={() => (orgName && shortName ? setStep(1) : setError('请填写单位名称和简称'))}>下一步</Button>
          </Stack>
        </Stepper.Step>
        <Stepper.Step label="三员账号">
          <Stack mt="md">
            {ADMINS.map((a) => (
              <Paper key={a.key} withBorder p="md" data-testid={`admin-${a.key}`}>
                <Text fw={600}>{a.label}</Text>
                <Text size="sm" c="dimmed" mb="sm">
                  {a.hint}
                </Text>
                <SimpleGrid cols={2}>
                  <TextInput label="用户名" value={admins[a.key].username} onChange={(e) => setAdmin(a.key, 'username', e.currentTarget.value)} />
                  <TextInput label="姓名" value={admins[a.key].displayName} onChange={(e) => setAdmin(a.key, 'displayName', e.currentTarget.value)} />
                  <PasswordInput label="初始密码" value={admins[a.key].password} onChange={(e) => setAdmin(a.key, 'password', e.currentTarget.value)} />
                  <PasswordInput label="确认密码" value={admins[a.key].confirm} onChange={(e) => setAdmin(a.key, 'confirm', e.currentTarget.value)} />
                </SimpleGrid>
              </Paper>
            ))}
            <Text size="sm" c="dimmed">
              密码至少 10 位，包含大写字母、小写字母、数字、特殊字符中的至少 3 类。首次登录时须修改密码。
            </Text>
            <Button loading={busy} onClick={() => void submit()}>
              完成设置
            </Button>
          </Stack>
        </Stepper.Step>
      </Stepper>
      <Stack mt="md">
        <Notice error={error} />
      </Stack>
    </Container>
  );
}

export function SetupDone({ result, onContinue }: { result: SetupResult; onContinue: () => void }) {
  return (
    <Container size="sm" py="xl">
      <Paper withBorder p="xl" className="printable">
        <Title order={2}>初始化完成</Title>
        <Text mt="sm">{result.organization.name}</Text>
        <Divider my="md" />
        <Text fw={600}>恢复码（只显示这一次，请打印后由安全保密管理员密封保管）</Text>
        <Code block data-testid="recovery-code" fz="lg" my="sm">
          {result.recoveryCode}
        </Code>
        <Text fw={600}>单位签名密钥指纹（请打印，在互联网端验证导出包时录入）</Text>
        <Code block data-testid="org-fingerprint" my="sm">
          {result.organization.keyFingerprint}
        </Code>
        <Stack mt="lg">
          <Button variant="light" onClick={() => window.print()}>
            打印
          </Button>
          <Button onClick={onContinue}>我已妥善保存，前往登录</Button>
        </Stack>
      </Paper>
    </Container>
  );
}
