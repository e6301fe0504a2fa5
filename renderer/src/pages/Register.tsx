import { Button, Group, MultiSelect, Radio, Select, SimpleGrid, Stack, Switch, TagsInput, Textarea, TextInput, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { CLASSIFICATIONS, DISCLOSURES, PUBLISH_FORMS, SPECIAL_DOMAINS } from '../../../shared/workflow';
import { contract } from '../../../shared/contract';
import { emptyItemFields } from '../../../shared/schemas';
import type { InputOf } from '../../../shared/define';
import { api, call } from '../api';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';
import { zodValidate } from '../forms';

type ItemFields = InputOf<typeof contract.items.register>;

const today = () => new Date().toLocaleDateString('sv-SE');

export function RegisterPage({ onDone, department }: { onDone: (id: string) => void; department: string }) {
  const form = useForm<ItemFields>({
    validate: zodValidate(contract.items.register.input),
    validateInputOnBlur: true,
    initialValues: emptyItemFields({ department, formedOn: today() }),
  });
  const f = form.values;
  const { error, busy, run } = useAction();
  const submit = form.onSubmit((values) => void run(async () => onDone((await call(api().items.register(values))).id)));
  const date = (k: 'formedOn' | 'applicationReceivedOn') => ({
    valueFormat: 'YYYY-MM-DD',
    clearable: k !== 'formedOn',
    ...form.getInputProps(k),
    onChange: (v: string | null) => form.setFieldValue(k, (v ?? (k === 'formedOn' ? '' : null)) as never),
  });

  return (
    <form onSubmit={submit} noValidate>
    <Stack maw={900}>
      <Title order={3}>登记拟公开的政府信息</Title>
      <SimpleGrid cols={2}>
        <TextInput label="信息名称" required {...form.getInputProps('title')} />
        <TextInput label="文号" {...form.getInputProps('documentNumber')} />
        <TextInput label="发布机构（制作机关）" required {...form.getInputProps('issuer')} />
        <TextInput label="承办部门" required {...form.getInputProps('department')} />
        <DateInput label="形成或变更日期" required {...date('formedOn')} />
        <TextInput label="主题分类" {...form.getInputProps('category')} />
      </SimpleGrid>
      <TagsInput label="关键词（回车分隔）" {...form.getInputProps('keywords')} />
      <Textarea label="内容摘要" autosize minRows={2} {...form.getInputProps('summary')} />
      <SimpleGrid cols={2}>
        <Select label="拟公开属性" data={[...DISCLOSURES]} allowDeselect={false} {...form.getInputProps('disclosure')} />
        <Select label="发布形式" data={[...PUBLISH_FORMS]} allowDeselect={false} {...form.getInputProps('publishForm')} />
      </SimpleGrid>
      <Radio.Group label="审查方式" {...form.getInputProps('reviewMode')}>
        <Group mt="xs">
          <Radio value="主动审查" label="主动审查" />
          <Radio value="依申请审查" label="依申请审查" />
        </Group>
      </Radio.Group>
      {f.reviewMode === '依申请审查' && (
        <SimpleGrid cols={2}>
          <TextInput label="申请编号" {...form.getInputProps('applicationNo')} value={f.applicationNo ?? ''} onChange={(e) => form.setFieldValue('applicationNo', e.currentTarget.value || null)} />
          <DateInput label="收到申请日期" {...date('applicationReceivedOn')} />
        </SimpleGrid>
      )}
      <TagsInput label="联合制作机关" {...form.getInputProps('coProducers')} />
      <TagsInput label="涉及的第三方" {...form.getInputProps('thirdParties')} />
      <SimpleGrid cols={2}>
        <Select
          label="标注密级"
          data={CLASSIFICATIONS.map((c) => ({ value: c, label: c === 'none' ? '未标密级' : c }))}
          allowDeselect={false}
          {...form.getInputProps('classification')}
        />
        {f.classification !== 'none' && (
          <TextInput label="保密期限" {...form.getInputProps('classificationTerm')} value={f.classificationTerm ?? ''} onChange={(e) => form.setFieldValue('classificationTerm', e.currentTarget.value || null)} />
        )}
      </SimpleGrid>
      <MultiSelect label="涉及须经批准发布的领域" data={[...SPECIAL_DOMAINS]} {...form.getInputProps('specialDomains')} />
      <Switch label="涉及敏感内容和重要信息" {...form.getInputProps('sensitive', { type: 'checkbox' })} />
      <Notice error={error} />
      <Group>
        <Button loading={busy} type="submit">
          登记
        </Button>
      </Group>
    </Stack>
    </form>
  );
}
