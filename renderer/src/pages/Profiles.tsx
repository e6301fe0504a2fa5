import { Badge, Button, Card, Group, JsonInput, List, Stack, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { ROLE_LABELS } from '../../../shared/roles';
import type { ProfileInfo } from '../../../shared/types';
import { api, call } from '../api';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';

/** 安全保密管理员: choose the organization's procedure; copy one and edit the copy. */
export function ProfilesPage() {
  const [profiles, setProfiles] = useState<ProfileInfo[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const { error, run } = useAction();
  const load = useCallback(() => run(async () => setProfiles(await call(api().profiles.list()))), [run]);
  useEffect(() => void load(), [load]);

  return (
    <Stack>
      <Title order={3}>审查流程</Title>
      <Text size="sm" c="dimmed">
        选定本单位执行的审查制度。修改须先复制后编辑；保存即为新版本，已在审查中的事项继续按登记时的版本办理。
      </Text>
      <Notice error={error} success={success} />
      {editing !== null && (
        <Card withBorder>
          <Stack>
            <JsonInput label="流程配置（JSON）" autosize minRows={12} maxRows={30} value={editing} onChange={setEditing} formatOnBlur aria-label="流程配置" />
            <Group>
              <Button
                onClick={() =>
                  void run(async () => {
                    const saved = await call(api().profiles.save({ definition: editing }));
                    setEditing(null);
                    setSuccess(`已保存“${saved.name}”（${saved.id} 第 ${saved.version} 版），选用后生效`);
                    await load();
                  })
                }
              >
                保存为新版本
              </Button>
              <Button variant="subtle" onClick={() => setEditing(null)}>
                取消
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      {profiles.map((p) => (
        <Card key={`${p.id}@${p.version}`} withBorder data-testid={`profile-${p.id}-${p.version}`}>
          <Group justify="space-between">
            <Group>
              <Text fw={600}>{p.name}</Text>
              <Text c="dimmed">第 {p.version} 版</Text>
              {p.shipped && <Badge variant="light">内置</Badge>}
              {p.active && <Badge color="green">本单位现行</Badge>}
            </Group>
            <Group>
              <Button size="xs" variant="light" onClick={() => setEditing(JSON.stringify(p.definition, null, 2))}>
                复制并编辑
              </Button>
              {!p.active && (
                <Button
                  size="xs"
                  onClick={() =>
                    void run(async () => {
                      await call(api().profiles.activate({ id: p.id, version: p.version }));
                      setSuccess(`本单位现行审查流程：${p.name}`);
                      await load();
                    })
                  }
                >
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
