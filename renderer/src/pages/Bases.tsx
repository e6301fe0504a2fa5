import { Badge, Button, Group, Modal, Select, Stack, Switch, Table, TagsInput, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { BasisEntry } from '../../../shared/types';
import { api, call } from '../api';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';

const KINDS: Record<BasisEntry['kind'], string> = {
  law: '法律法规',
  scope: '保密事项范围',
  determined: '已确定涉密或不宜公开的事项',
  rule: '其他定密规定',
  negative: '政务公开负面清单',
};
const empty: BasisEntry = { id: '', kind: 'negative', title: '', documentNumber: '', scope: '', keywords: [], patterns: [], disabled: false };

/** 审查依据和负面清单, kept by the 安全保密管理员. */
export function BasesPage({ editable }: { editable: boolean }) {
  const [list, setList] = useState<BasisEntry[]>([]);
  const [draft, setDraft] = useState<BasisEntry | null>(null);
  const { error, run } = useAction();
  const load = useCallback(() => run(async () => setList(await call(api().bases.list()))), [run]);
  useEffect(() => void load(), [load]);
  const save = () =>
    run(async () => {
      if (!draft) return;
      await call(api().bases.save({ ...draft, id: draft.id || null }));
      setDraft(null);
      await load();
    });

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>审查依据与负面清单</Title>
        {editable && <Button onClick={() => setDraft({ ...empty })}>新增</Button>}
      </Group>
      <Notice error={draft ? null : error} />
      <Table withTableBorder striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>类别</Table.Th>
            <Table.Th>名称</Table.Th>
            <Table.Th>文号</Table.Th>
            <Table.Th>适用范围</Table.Th>
            <Table.Th>关键词</Table.Th>
            {editable && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((b) => (
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
                  <Button size="compact-xs" variant="light" onClick={() => setDraft({ ...b })}>
                    编辑
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={!!draft} onClose={() => setDraft(null)} title="审查依据" size="lg">
        {draft && (
          <Stack>
            <Select label="类别" data={Object.entries(KINDS).map(([value, label]) => ({ value, label }))} value={draft.kind} onChange={(v) => v && setDraft({ ...draft, kind: v as BasisEntry['kind'] })} allowDeselect={false} />
            <TextInput label="名称" value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })} />
            <TextInput label="文号" value={draft.documentNumber} onChange={(e) => setDraft({ ...draft, documentNumber: e.currentTarget.value })} />
            <Textarea label="适用范围" value={draft.scope} onChange={(e) => setDraft({ ...draft, scope: e.currentTarget.value })} />
            <TagsInput label="关键词（扫描时使用）" value={draft.keywords} onChange={(v) => setDraft({ ...draft, keywords: v })} />
            <TagsInput label="匹配规则（正则表达式）" value={draft.patterns} onChange={(v) => setDraft({ ...draft, patterns: v })} />
            <Switch label="停用" checked={draft.disabled} onChange={(e) => setDraft({ ...draft, disabled: e.currentTarget.checked })} />
            <Notice error={error} />
            <Button onClick={() => void save()}>保存</Button>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
