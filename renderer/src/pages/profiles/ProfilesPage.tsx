import { Badge, Button, Card, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { profileDiff, WHEN_LABELS } from '../../../../shared/profile';
import { ROLE_LABELS } from '../../../../shared/roles';
import type { ProfileInfo } from '../../../../shared/types';
import { api } from '../../api';
import { Notice } from '../../components/Notice';
import { useChange, useOp } from '../../query';
import { ProfileEditor } from './ProfileEditor';

type Version = { id: string; version: number };

/** 安全保密管理员: choose the organization's procedure; copy one and edit the copy. */
export function ProfilesPage() {
  const profiles = useOp('profiles', 'list', undefined);
  // An item shows its procedure by name and version, so a change refreshes the items too.
  const activate = useChange((v: Version) => api().profiles.activate(v), ['profiles', 'items']);
  const remove = useChange((v: Version) => api().profiles.delete(v), ['profiles']);
  const [editing, setEditing] = useState<ProfileInfo | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [comparing, setComparing] = useState<string | null>(null);
  const baseOf = (p: ProfileInfo) => profiles.data?.find((x) => x.id === p.definition.basedOn?.id && x.version === p.definition.basedOn.version) ?? null;
  const busy = (m: { isPending: boolean; variables?: Version }, p: ProfileInfo) => m.isPending && m.variables?.id === p.id && m.variables.version === p.version;

  const reset = () => {
    setSuccess(null);
    activate.reset();
    remove.reset();
  };
  const choose = (p: ProfileInfo) => {
    reset();
    activate.mutate({ id: p.id, version: p.version }, { onSuccess: () => setSuccess(`本单位现行审查流程：${p.name}（第 ${p.version} 版）`) });
  };
  const drop = (p: ProfileInfo) => {
    reset();
    const key = `${p.id}@${p.version}`;
    // The first click asks, the second deletes: a deleted version cannot be restored.
    if (confirming !== key) return setConfirming(key);
    setConfirming(null);
    remove.mutate({ id: p.id, version: p.version }, { onSuccess: () => setSuccess(`已删除“${p.name}”第 ${p.version} 版`) });
  };
  const error = profiles.error?.message ?? activate.error?.message ?? remove.error?.message;

  return (
    <Stack>
      <Title order={3}>审查流程</Title>
      <Text size="sm" c="dimmed">
        选定本单位执行的审查制度。修改须先复制后编辑；保存即为新版本，已在审查中的事项继续按登记时的版本办理。从未用于任何事项的试用副本可以删除。
      </Text>
      <Notice error={error} success={success} />
      {profiles.isPending && <Loader size="sm" />}
      {editing && (
        <ProfileEditor
          key={`${editing.id}@${editing.version}`}
          source={editing}
          onCancel={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setSuccess(`已保存“${saved.name}”第 ${saved.version} 版，选用后生效`);
          }}
        />
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
              <Button size="xs" variant="light" onClick={() => { reset(); setEditing(p); }}>
                {p.shipped ? '复制并编辑' : '编辑为新版本'}
              </Button>
              {!p.active && (
                <Button size="xs" loading={busy(activate, p)} onClick={() => choose(p)}>
                  选用
                </Button>
              )}
              {!p.active && !p.shipped && (
                <Button size="xs" variant="subtle" color="red" loading={busy(remove, p)} onClick={() => drop(p)}>
                  {confirming === `${p.id}@${p.version}` ? '确认删除（不能恢复）' : '删除'}
                </Button>
              )}
            </Group>
          </Group>
          <Text size="xs" c="dimmed">
            {p.definition.source}
            {baseOf(p) ? `；复制自“${baseOf(p)!.name}”第 ${baseOf(p)!.version} 版` : ''}
          </Text>
          {baseOf(p) && (
            <Button size="compact-xs" variant="subtle" w="fit-content" onClick={() => setComparing(comparing === `${p.id}@${p.version}` ? null : `${p.id}@${p.version}`)}>
              {comparing === `${p.id}@${p.version}` ? '收起对比' : '与复制来源对比'}
            </Button>
          )}
          {comparing === `${p.id}@${p.version}` && baseOf(p) && (
            <List size="sm" data-testid="base-diff">
              {profileDiff(baseOf(p)!.definition, p.definition).map((d) => (
                <List.Item key={d}>{d}</List.Item>
              ))}
            </List>
          )}
          <List size="sm" type="ordered" mt="xs">
            {p.definition.steps.map((s) => (
              <List.Item key={s.id}>
                {s.name}（{ROLE_LABELS[s.role]}
                {s.when !== 'always' ? `，${WHEN_LABELS[s.when]}` : ''}
                {s.limitDays ? `，${s.limitDays} 个工作日` : ''}）：{s.opinions.map((o) => `“${o.label}”`).join(' ')}
              </List.Item>
            ))}
          </List>
        </Card>
      ))}
    </Stack>
  );
}
