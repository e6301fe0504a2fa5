import { Button, Loader, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { contract } from '../../../shared/contract';
import type { SecurityPolicy } from '../../../shared/types';
import { api } from '../api';
import { Notice } from '../components/Notice';
import { zodValidate } from '../forms';
import { useChange, useOp } from '../query';

const FIELDS: Array<{ key: keyof SecurityPolicy; label: string; min: number; max: number }> = [
  { key: 'minPasswordLength', label: '密码最小长度（不少于 8 位）', min: 8, max: 64 },
  { key: 'minCharClasses', label: '密码至少包含的字符类别数（大写、小写、数字、特殊字符）', min: 3, max: 4 },
  { key: 'maxFailedLogins', label: '连续登录失败几次后锁定账号', min: 3, max: 10 },
  { key: 'lockoutMinutes', label: '账号锁定时长（分钟）', min: 10, max: 1440 },
  { key: 'idleLockMinutes', label: '无操作自动锁屏（分钟）', min: 1, max: 30 },
];

export function PolicyPage() {
  const policy = useOp('policy', 'get', undefined);
  if (!policy.data) return policy.isPending ? <Loader size="sm" /> : <Notice error={policy.error?.message} />;
  return <PolicyForm policy={policy.data} />;
}

/** Mounted once the policy is read, so the form starts from the stored values. */
function PolicyForm({ policy }: { policy: SecurityPolicy }) {
  const form = useForm<SecurityPolicy>({
    initialValues: policy,
    validate: zodValidate(contract.policy.update.input),
    validateInputOnBlur: true,
  });
  const update = useChange((p: SecurityPolicy) => api().policy.update(p), ['policy']);
  const [success, setSuccess] = useState<string | null>(null);
  const save = form.onSubmit(async (values) => {
    setSuccess(null);
    const saved = await update.mutateAsync(values).catch(() => null);
    if (!saved) return;
    form.setValues(saved);
    form.resetDirty(saved);
    setSuccess('安全策略已保存');
  });

  return (
    <form onSubmit={save} noValidate>
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
            allowDecimal={false}
            {...form.getInputProps(f.key)}
            value={form.values[f.key] ?? ''}
            // An emptied box is a missing value ("请填写…"), not a wrongly typed one.
            onChange={(v) => form.setFieldValue(f.key, (typeof v === 'number' ? v : undefined) as never)}
          />
        ))}
        <Notice error={update.error?.message} success={success} />
        <Button type="submit" loading={update.isPending}>
          保存
        </Button>
      </Stack>
    </form>
  );
}
