import { Button, Group, MultiSelect, Radio, Select, SimpleGrid, Stack, Switch, TagsInput, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { CLASSIFICATIONS, DISCLOSURES, PUBLISH_FORMS, SPECIAL_DOMAINS } from '../../../shared/workflow';
import type { contract } from '../../../shared/contract';
import type { InputOf } from '../../../shared/define';
import { api, call } from '../api';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';

type ItemFields = InputOf<typeof contract.items.register>;

const today = () => new Date().toLocaleDateString('sv-SE');

export function RegisterPage({ onDone, department }: { onDone: (id: string) => void; department: string }) {
  const [f, setF] = useState<ItemFields>({
    title: '',
    documentNumber: '',
    issuer: '',
    department,
    formedOn: today(),
    category: '',
    keywords: [],
    summary: '',
    disclosure: '主动公开',
    publishForm: '市、区网站公开',
    reviewMode: '主动审查',
    applicationNo: null,
    applicationReceivedOn: null,
    coProducers: [],
    thirdParties: [],
    classification: 'none',
    classificationTerm: null,
    specialDomains: [],
    sensitive: false,
  });
  const { error, busy, run } = useAction();
  const set = <K extends keyof ItemFields>(k: K, v: ItemFields[K]) => setF((x) => ({ ...x, [k]: v }));
  const submit = () => run(async () => onDone((await call(api().items.register(f))).id));

  return (
    <Stack maw={900}>
      <Title order={3}>登记拟公开的政府信息</Title>
      <SimpleGrid cols={2}>
        <TextInput label="信息名称" required value={f.title} onChange={(e) => set('title', e.currentTarget.value)} />
        <TextInput label="文号" value={f.documentNumber} onChange={(e) => set('documentNumber', e.currentTarget.value)} />
        <TextInput label="发布机构（制作机关）" required value={f.issuer} onChange={(e) => set('issuer', e.currentTarget.value)} />
        <TextInput label="承办部门" required value={f.department} onChange={(e) => set('department', e.currentTarget.value)} />
        <TextInput label="形成或变更日期" type="date" required value={f.formedOn} onChange={(e) => set('formedOn', e.currentTarget.value)} />
        <TextInput label="主题分类" value={f.category} onChange={(e) => set('category', e.currentTarget.value)} />
      </SimpleGrid>
      <TagsInput label="关键词（回车分隔）" value={f.keywords} onChange={(v) => set('keywords', v)} />
      <Textarea label="内容摘要" autosize minRows={2} value={f.summary} onChange={(e) => set('summary', e.currentTarget.value)} />
      <SimpleGrid cols={2}>
        <Select label="拟公开属性" data={[...DISCLOSURES]} value={f.disclosure} onChange={(v) => v && set('disclosure', v as ItemFields['disclosure'])} allowDeselect={false} />
        <Select label="发布形式" data={[...PUBLISH_FORMS]} value={f.publishForm} onChange={(v) => v && set('publishForm', v as ItemFields['publishForm'])} allowDeselect={false} />
      </SimpleGrid>
      <Radio.Group label="审查方式" value={f.reviewMode} onChange={(v) => set('reviewMode', v as ItemFields['reviewMode'])}>
        <Group mt="xs">
          <Radio value="主动审查" label="主动审查" />
          <Radio value="依申请审查" label="依申请审查" />
        </Group>
      </Radio.Group>
      {f.reviewMode === '依申请审查' && (
        <SimpleGrid cols={2}>
          <TextInput label="申请编号" value={f.applicationNo ?? ''} onChange={(e) => set('applicationNo', e.currentTarget.value || null)} />
          <TextInput label="收到申请日期" type="date" value={f.applicationReceivedOn ?? ''} onChange={(e) => set('applicationReceivedOn', e.currentTarget.value || null)} />
        </SimpleGrid>
      )}
      <TagsInput label="联合制作机关" value={f.coProducers} onChange={(v) => set('coProducers', v)} />
      <TagsInput label="涉及的第三方" value={f.thirdParties} onChange={(v) => set('thirdParties', v)} />
      <SimpleGrid cols={2}>
        <Select
          label="标注密级"
          data={CLASSIFICATIONS.map((c) => ({ value: c, label: c === 'none' ? '未标密级' : c }))}
          value={f.classification}
          onChange={(v) => v && set('classification', v as ItemFields['classification'])}
          allowDeselect={false}
        />
        {f.classification !== 'none' && (
          <TextInput label="保密期限" value={f.classificationTerm ?? ''} onChange={(e) => set('classificationTerm', e.currentTarget.value || null)} />
        )}
      </SimpleGrid>
      <MultiSelect label="涉及须经批准发布的领域" data={[...SPECIAL_DOMAINS]} value={f.specialDomains} onChange={(v) => set('specialDomains', v as ItemFields['specialDomains'])} />
      <Switch label="涉及敏感内容和重要信息" checked={f.sensitive} onChange={(e) => set('sensitive', e.currentTarget.checked)} />
      <Notice error={error} />
      <Group>
        <Button loading={busy} onClick={() => void submit()}>
          登记
        </Button>
      </Group>
    </Stack>
  );
}
