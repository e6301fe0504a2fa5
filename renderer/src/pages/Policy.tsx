import { Button, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { SecurityPolicy } from '../../../shared/types';
import { api, call, messageOf } from '../api';
import { Notice } from '../components/Notice';

const FIELDS: Array<{ key: keyof SecurityPolicy; label: string; min: number; max: number }> = [
  { key: 'minPasswordLength', label: '密码最小长度（不少于 8 位）', min: 8, max: 64 },
  { key: 'minCharClasses', label: '密码至少包含的字符类别数（大写、小写、数字、特殊字符）', min: 3, max: 4 },
  { key: 'maxFailedLogins', label: '连续登录失败几次后锁定账号', min: 3, max: 10 },
  { key: 'lockoutMinutes', label: '账号锁定时长（分钟）', min: 10, max: 1440 },
  { key: 'idleLockMinutes', label: '无操作自动锁屏（分钟）', min: 1, max: 30 },
];

export function PolicyPage() {
  const [policy, setPolicy] = useState<SecurityPolicy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  useEffect(() => {
    call(api().policy.get()).then(setPolicy, (e: unknown) => setError(messageOf(e)));
  }, []);
  if (!policy) return <Notice error={error} />;
  const save = async () => {
    setError(null);
    setSuccess(null);
    try {
      setPolicy(await call(api().policy.update(policy)));
      setSuccess('安全策略已保存');
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <Stack maw={520}>
      <Title order={3}>安全策略</Title>
      <Text size="sm" c="dimmed">
        依据 GB/T 22239—2019 第 8.1.4.1 条（身份鉴别）设置。
      </Text>
      {FIELDS.map((f) => (
        <NumberInput
          key={f.key}
          label={f.label}
          min={f.min}
          max={f.max}
          value={policy[f.key]}
          onChange={(v) => setPolicy({ ...policy, [f.key]: Number(v) })}
        />
      ))}
      <Notice error={error} success={success} />
      <Button onClick={() => void save()}>保存</Button>
    </Stack>
  );
}
