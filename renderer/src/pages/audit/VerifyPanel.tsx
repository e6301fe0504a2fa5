import { Button, Group, Progress, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { contract } from '../../../../shared/contract';
import type { InputOf } from '../../../../shared/define';
import { api } from '../../api';
import { Notice } from '../../components/Notice';
import { zodValidate } from '../../forms';
import { useChange, useOp } from '../../query';

// Verifying the whole trail (or up to a printed checkpoint) with a progress bar: the
// verification runs in the main process across all cores, and the page polls how far it is.

type VerifyInput = InputOf<typeof contract.audit.verify>;
/** An empty box means “verify the whole trail”, which the operation spells as no checkpoint. */
const verifyInput = (checkpoint: string): VerifyInput => (checkpoint.trim() ? { checkpoint: checkpoint.trim() } : {});
const checkVerify = zodValidate(contract.audit.verify.input);

export function VerifyPanel() {
  const verify = useChange((i: VerifyInput) => api().audit.verify(i), ['audit']);
  const progress = useOp('audit', 'progress', undefined, { enabled: verify.isPending, refetchInterval: 250, staleTime: 0 });
  const form = useForm({ initialValues: { checkpoint: '' }, validate: (v) => checkVerify(verifyInput(v.checkpoint)) });
  const report = verify.data;
  const fraction = verify.isPending ? (progress.data?.fraction ?? 0) : report ? 1 : 0;
  const pct = Math.round(fraction * 100);

  return (
    <Stack gap="xs">
      <form onSubmit={form.onSubmit((v) => verify.mutate(verifyInput(v.checkpoint)))} noValidate>
        <Group align="start">
          <TextInput label="检查点（可选，格式 序号:哈希）" description="留空则验证全部记录；填写打印留存的检查点可发现检查点之前的删改" w={560} {...form.getInputProps('checkpoint')} />
          <Button type="submit" mt={44} loading={verify.isPending}>
            验证完整性
          </Button>
        </Group>
      </form>
      {(verify.isPending || report) && (
        <Stack gap={4}>
          <Progress value={pct} animated={verify.isPending} aria-label="验证进度" data-testid="verify-progress" />
          <Text size="xs" c="dimmed">
            {verify.isPending ? `正在验证：已完成 ${pct}%` : `已完成 100%`}
          </Text>
        </Stack>
      )}
      {report && (
        <Notice
          error={report.ok ? null : `验证未通过：第 ${report.firstBad?.seq} 条记录，${report.firstBad?.reason}`}
          success={report.ok ? `验证通过：共 ${report.checked} 条记录，末条 ${report.head?.seq}:${report.head?.hash}` : null}
        />
      )}
      <Notice error={verify.error?.message} />
    </Stack>
  );
}
