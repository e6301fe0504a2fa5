import { Badge, Button, Card, Group, JsonInput, List, Loader, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { contract } from '../../../shared/contract';
import type { InputOf } from '../../../shared/define';
import { ROLE_LABELS } from '../../../shared/roles';
import type { ProfileInfo } from '../../../shared/types';
import { api } from '../api';
import { Notice } from '../components/Notice';
import { zodValidate } from '../forms';
import { useChange, useOp } from '../query';

type Draft = InputOf<typeof contract.profiles.save>;
type Version = InputOf<typeof contract.profiles.activate>;

/** 安全保密管理员: choose the organization's procedure; copy one and edit the copy. */
export function ProfilesPage() {
  const profiles = useOp('profiles', 'list', undefined);
  // An item shows its procedure by name and version, so a new one refreshes the items too.
  const save = useChange((d: Draft) => api().profiles.save(d), ['profiles', 'items']);
  const activate = useChange((v: Version) => api().profiles.activate(v), ['profiles', 'items']);
  const [editing, setEditing] = useState(false);
  const [success, setSuccess] = useState<string | null>(null);
  const form = useForm<Draft>({ initialValues: { definition: '' }, validate: zodValidate(contract.profiles.save.input) });

  const edit = (p: ProfileInfo) => {
    save.reset();
    activate.reset();
    form.setValues({ definition: JSON.stringify(p.definition, null, 2) });
    form.clearErrors();
    setEditing(true);
  };
  const submit = form.onSubmit((values) => {
    setSuccess(null);
    save.mutate(values, {
      onSuccess: (saved) => {
        setEditing(false);
        setSuccess(`已保存“${saved.name}”（${saved.id} 第 ${saved.version} 版），选用后生效`);
      },
    });
  });
  const choose = (p: ProfileInfo) => {
    setSuccess(null);
    save.reset();
    activate.mutate({ id: p.id, version: p.version }, { onSuccess: () => setSuccess(`本单位现行审查流程：${p.name}`) });
  };
  const error = profiles.error?.message ?? save.error?.message ?? activate.error?.message;

  return (
    <Stack>
      <Title order={3}>审查流程</Title>
      <Text size="sm" c="dimmed">
        选定本单位执行的审查制度。修改须先复制后编辑；保存即为新版本，已在审查中的事项继续按登记时的版本办理。
      </Text>
      <Notice error={error} success={success} />
      {profiles.isPending && <Loader size="sm" />}
      {editing && (
        <Card withBorder>
          <form onSubmit={submit} noValidate>
            <Stack>
              <JsonInput label="流程配置（JSON）" autosize minRows={12} maxRows={30} formatOnBlur aria-label="流程配置" {...form.getInputProps('definition')} />
              <Group>
                <Button type="submit" loading={save.isPending}>
                  保存为新版本
                </Button>
                <Button variant="subtle" onClick={() => { save.reset(); setEditing(false); }}>
                  取消
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      )}
      {profiles.data?.map((p) => (
        <Card key={`${p.id}@${p.version}`} withBorder data-testid={`profile-${p.id}-${p.version}`}>
          <Group justify="space-between">
            <Group>
              <Text fw={600}>{p.name}</Text>
              <Text c="dimmed">第 {p.version} 版</Text>
              {p.shipped && <Badge variant="light">内置</Badge>}
              {p.active && <Badge color="green">本单位现行</Badge>}
            </Group>
            <Group>
              <Button size="xs" variant="light" onClick={() => edit(p)}>
                复制并编辑
              </Button>
              {!p.active && (
                <Button size="xs" loading={activate.isPending && activate.variables?.id === p.id && activate.variables.version === p.version} onClick={() => choose(p)}>
                  选用
                </Button>
              )}
            </Group>
          </Group>
          <Text size="xs" c="dimmed">
            {p.definition.source}
          </Text>
          <List size="sm" type="ordered" mt="xs">
            {p.definition.steps.map((s) => (
              <List.Item key={s.id}>
                {s.name}（{ROLE_LABELS[s.role]}{s.when === 'sensitive' ? '，仅限敏感内容' : ''}
                {s.limitDays ? `，${s.limitDays} 个工作日` : ''}）：{s.opinions.map((o) => `“${o.label}”`).join(' ')}
              </List.Item>
            ))}
          </List>
        </Card>
      ))}
    </Stack>
  );
}
