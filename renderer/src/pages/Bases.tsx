import { Badge, Button, Group, Loader, Modal, Select, Stack, Switch, Table, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { contract } from '../../../shared/contract';
import type { InputOf } from '../../../shared/define';
import type { BasisEntry } from '../../../shared/types';
import { api } from '../api';
import { Notice } from '../components/Notice';
import { zodValidate } from '../forms';
import { useChange, useOp } from '../query';
import { TableHead } from './admin/TableHead';

type BasisFields = InputOf<typeof contract.bases.save>;

const KINDS: Record<BasisEntry['kind'], string> = {
  law: '法律法规',
  scope: '保密事项范围',
  determined: '已确定涉密或不宜公开的事项',
  rule: '其他定密规定',
  negative: '政务公开负面清单',
};
const COLUMNS = ['类别', '名称', '文号', '适用范围', '关键词'];
const empty: BasisFields = { id: null, kind: 'negative', title: '', documentNumber: '', scope: '', keywords: [], patterns: [], disabled: false };

const checkBasis = zodValidate(contract.bases.save.input, { title: '名称' });
/** A refused keyword or pattern is reported on its list, where the user can see and fix it. */
const validate = (values: BasisFields): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(checkBasis(values))) {
    const field = path.split('.')[0]!;
    if (!(field in out)) out[field] = message;
  }
  return out;
};

/** 审查依据和负面清单, kept by the 安全保密管理员. */
export function BasesPage({ editable }: { editable: boolean }) {
  const bases = useOp('bases', 'list', undefined);
  const [editing, setEditing] = useState(false);
  const form = useForm<BasisFields>({ initialValues: empty, validate, validateInputOnBlur: true });
  const save = useChange((b: BasisFields) => api().bases.save(b), ['bases']);
  const open = (b: BasisFields) => {
    save.reset();
    form.setValues(b);
    form.resetDirty(b);
    form.clearErrors();
    setEditing(true);
  };
  const submit = form.onSubmit((values) => save.mutate(values, { onSuccess: () => setEditing(false) }));

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>审查依据与负面清单</Title>
        {editable && <Button onClick={() => open({ ...empty })}>新增</Button>}
      </Group>
      <Notice error={bases.error?.message} />
      {bases.isPending && <Loader size="sm" />}
      <Table withTableBorder striped>
        <TableHead columns={editable ? [...COLUMNS, ''] : COLUMNS} />
        <Table.Tbody>
          {bases.data?.map((b) => (
            <Table.Tr key={b.id}>
              <Table.Td>{KINDS[b.kind]}</Table.Td>
              <Table.Td>
                {b.title} {b.disabled && <Badge color="gray">已停用</Badge>}
              </Table.Td>
              <Table.Td>{b.documentNumber}</Table.Td>
              <Table.Td>
                <Text size="sm">{b.scope}</Text>
              </Table.Td>
              <Table.Td>{b.keywords.join('、')}</Table.Td>
              {editable && (
                <Table.Td>
                  <Button size="compact-xs" variant="light" onClick={() => open({ ...b })}>
                    编辑
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={editing} onClose={() => setEditing(false)} title="审查依据" size="lg">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Select label="类别" data={Object.entries(KINDS).map(([value, label]) => ({ value, label }))} allowDeselect={false} {...form.getInputProps('kind')} />
            <TextInput label="名称" {...form.getInputProps('title')} />
            <TextInput label="文号" {...form.getInputProps('documentNumber')} />
            <Textarea label="适用范围" {...form.getInputProps('scope')} />
            <TagsInput label="关键词（扫描时使用）" {...form.getInputProps('keywords')} />
            <TagsInput label="匹配规则（正则表达式）" {...form.getInputProps('patterns')} />
            <Switch label="停用" {...form.getInputProps('disabled', { type: 'checkbox' })} />
            <Notice error={save.error?.message} />
            <Button type="submit" loading={save.isPending}>
              保存
            </Button>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
