import { Button, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { APPLICANT_KIND_LABELS, APPLICANT_KINDS, DELIVERY_FORMS, ID_TYPES, RECEIVED_VIA } from '../../../../shared/applications';
import { contract } from '../../../../shared/contract';
import type { InputOf } from '../../../../shared/define';
import { api } from '../../api';
import { Notice } from '../../components/Notice';
import { useAction } from '../../components/useAction';
import { zodValidate } from '../../forms';
import { useChange } from '../../query';
import { APPLICATION_LABELS, today } from './parts';

// 即时登记 (附件2 第三条、第九条): the items of the 申请表 — applicant, identity document,
// contact, the information asked for, its use and form — and how and when it came in.

type Input = InputOf<typeof contract.applications.register>;

export function RegisterForm({ onDone }: { onDone: (id: string) => void }) {
  const form = useForm<Input>({
    validate: zodValidate(contract.applications.register.input, APPLICATION_LABELS),
    validateInputOnBlur: true,
    initialValues: {
      receivedOn: today(),
      receivedVia: '当面',
      applicantKind: 'person',
      applicantName: '',
      idType: '居民身份证',
      idNumber: '',
      contact: '',
      address: '',
      request: '',
      purpose: '',
      deliveryForm: '纸质',
    },
  });
  const register = useChange((i: Input) => api().applications.register(i), ['applications']);
  const { error, busy, run } = useAction();
  const submit = form.onSubmit((values) => void run(async () => onDone((await register.mutateAsync(values)).id)));
  const choice = (data: readonly string[]) => data.map((v) => ({ value: v, label: v }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <SimpleGrid cols={2}>
          <DateInput label="收到申请日期" required valueFormat="YYYY-MM-DD" {...form.getInputProps('receivedOn')} onChange={(v) => form.setFieldValue('receivedOn', v ?? '')} />
          <Select label="申请方式" data={choice(RECEIVED_VIA)} allowDeselect={false} {...form.getInputProps('receivedVia')} />
          <Select label="申请人类型" data={APPLICANT_KINDS.map((k) => ({ value: k, label: APPLICANT_KIND_LABELS[k] }))} allowDeselect={false} {...form.getInputProps('applicantKind')} />
          <TextInput label="申请人姓名或名称" required {...form.getInputProps('applicantName')} />
          <Select label="身份证明类型" data={choice(ID_TYPES)} allowDeselect={false} {...form.getInputProps('idType')} />
          <TextInput label="身份证明号码" required autoComplete="off" {...form.getInputProps('idNumber')} />
          <TextInput label="联系方式" required {...form.getInputProps('contact')} />
          <TextInput label="通信地址" {...form.getInputProps('address')} />
        </SimpleGrid>
        <Textarea label="申请公开的政府信息" description="一个申请只对应一个政府信息项目（一事一申请）" required autosize minRows={2} {...form.getInputProps('request')} />
        <Textarea label="用途描述" autosize minRows={1} {...form.getInputProps('purpose')} />
        <Select label="政府信息的形式要求" data={choice(DELIVERY_FORMS)} allowDeselect={false} {...form.getInputProps('deliveryForm')} />
        <Notice error={error} />
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            登记申请
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
