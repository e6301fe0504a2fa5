import { Alert, Button, Card, Group, JsonInput, List, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { profileDiff, profileSchema, type Profile } from '../../../../shared/profile';
import type { ProfileInfo } from '../../../../shared/types';
import { api } from '../../api';
import { Notice } from '../../components/Notice';
import { useChange } from '../../query';
import { LimitsCard } from './LimitsCard';
import { StepCard } from './StepCard';
import { freshId } from './ids';
import { parseProfileText, validateProfile, type ProfileDraft } from './validation';

const asText = (p: ProfileDraft) => JSON.stringify(p, null, 2);

/**
 * Edits a copy of one procedure version in a form, or as JSON under 高级; both edit the
 * same values. Saving makes a new version (a shipped procedure becomes the agency's copy).
 */
export function ProfileEditor({ source, onSaved, onCancel }: { source: ProfileInfo; onSaved: (saved: ProfileInfo) => void; onCancel: () => void }) {
  const form = useForm<ProfileDraft>({ initialValues: structuredClone(source.definition), validate: validateProfile, validateInputOnBlur: true });
  const save = useChange((definition: string) => api().profiles.save({ definition }), ['profiles', 'items']);
  const [tab, setTab] = useState<string | null>('form');
  const [json, setJson] = useState(() => asText(source.definition));
  const [jsonError, setJsonError] = useState<string | null>(null);
  // Remounts the form's steps after the JSON replaced them, so local inputs start afresh.
  const [revision, setRevision] = useState(0);
  const values = form.getValues();

  const switchTab = (next: string | null) => {
    if (next === 'json' && tab !== 'json') {
      setJson(asText(values));
      setJsonError(null);
    }
    setTab(next);
  };
  const editJson = (text: string) => {
    setJson(text);
    const parsed = parseProfileText(text);
    if (!parsed.ok) return setJsonError(parsed.message);
    setJsonError(null);
    form.setValues(parsed.profile);
    form.clearErrors();
    setRevision((r) => r + 1);
  };
  const addStep = () =>
    form.insertListItem('steps', {
      id: freshId('step', values.steps.map((s) => s.id)),
      name: '',
      role: 'approver',
      signer: '',
      article: '',
      instruction: '',
      checklist: [],
      limitDays: null,
      when: 'always',
      opinions: [{ id: 'approve', label: '同意', effect: 'approve', needsReason: false, needsBasis: false, agencyAddition: true }],
    });
  const submit = form.onSubmit(
    (v) => save.mutate(JSON.stringify(profileSchema.parse(v)), { onSuccess: onSaved }),
    () => setTab('form'),
  );
  const checked = profileSchema.safeParse(values);
  const diff = checked.success ? profileDiff(source.definition, checked.data as Profile) : null;
  const whole = form.errors[''];

  return (
    <Card withBorder data-testid="profile-editor">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text fw={600}>
            编辑“{source.name}”第 {source.version} 版的副本
          </Text>
          <Tabs value={tab} onChange={switchTab} keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="form">表单</Tabs.Tab>
              <Tabs.Tab value="json">高级</Tabs.Tab>
              <Tabs.Tab value="diff">与原版本对比{diff ? `（${diff.length} 处）` : ''}</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="form" pt="sm">
              <Stack key={revision}>
                <Group grow align="flex-start">
                  <TextInput label="名称" {...form.getInputProps('name')} />
                  <TextInput label="简称" {...form.getInputProps('shortName')} />
                </Group>
                <TextInput label="制度来源" {...form.getInputProps('source')} />
                {values.steps.map((s, i) => (
                  <StepCard key={s.id} form={form} index={i} count={values.steps.length} />
                ))}
                <Group>
                  <Button variant="light" onClick={addStep}>
                    增加步骤
                  </Button>
                </Group>
                <LimitsCard form={form} />
              </Stack>
            </Tabs.Panel>
            <Tabs.Panel value="json" pt="sm">
              <JsonInput label="流程配置" autosize minRows={12} maxRows={30} value={json} onChange={editJson} error={jsonError} />
              <Text size="xs" c="dimmed" mt={4}>
                有效的改动立即反映到表单中；有错误时表单保留上一次有效的内容。
              </Text>
            </Tabs.Panel>
            <Tabs.Panel value="diff" pt="sm">
              <Text size="sm" mb="xs">
                与“{source.name}”第 {source.version} 版相比：
              </Text>
              {diff === null && <Text c="red">表单中有错误，改正后才能对比。</Text>}
              {diff?.length === 0 && <Text c="dimmed">没有改动。</Text>}
              <List size="sm" data-testid="profile-diff">
                {diff?.map((d) => (
                  <List.Item key={d}>{d}</List.Item>
                ))}
              </List>
            </Tabs.Panel>
          </Tabs>
          {whole && (
            <Alert color="red" role="alert">
              {whole}
            </Alert>
          )}
          <Notice error={save.error?.message} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              保存为新版本
            </Button>
            <Button variant="subtle" onClick={onCancel}>
              取消
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
