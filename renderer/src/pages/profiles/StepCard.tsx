import { ActionIcon, Button, Card, Group, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useState } from 'react';
import { WHEN_LABELS } from '../../../../shared/profile';
import { BUSINESS_ROLES, ROLE_LABELS } from '../../../../shared/roles';
import { OpinionRow } from './OpinionRow';
import { freshId } from './ids';
import type { ProfileDraft } from './validation';

const ROLES = BUSINESS_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const WHEN = Object.entries(WHEN_LABELS).map(([value, label]) => ({ value, label }));

/** Checklist items one per line; blank lines are dropped only when they reach the form. */
function Checklist({ form, step }: { form: UseFormReturnType<ProfileDraft>; step: number }) {
  const [text, setText] = useState(() => (form.getValues().steps[step]!.checklist ?? []).join('\n'));
  return (
    <Textarea
      label="核对事项（每行一项）"
      autosize
      minRows={2}
      maxRows={8}
      value={text}
      error={form.errors[`steps.${step}.checklist`]}
      onChange={(e) => {
        setText(e.currentTarget.value);
        form.setFieldValue(`steps.${step}.checklist`, e.currentTarget.value.split('\n').map((l) => l.trim()).filter(Boolean));
      }}
    />
  );
}

/** One step of the procedure: who signs it, in what words, under which article, within what limit. */
export function StepCard({ form, index, count }: { form: UseFormReturnType<ProfileDraft>; index: number; count: number }) {
  const p = `steps.${index}`;
  const steps = form.getValues().steps;
  const s = steps[index]!;
  const earlier = steps.slice(0, index).map((x) => ({ value: x.id, label: x.name || '（未命名）' }));
  const addOpinion = () =>
    form.insertListItem(`${p}.opinions`, { id: freshId('opinion', s.opinions.map((o) => o.id)), label: '', effect: 'approve', needsReason: false, needsBasis: false, agencyAddition: true });
  return (
    <Card withBorder data-testid={`step-${index}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>第{index + 1}步</Text>
          <Group gap={4}>
            <ActionIcon variant="subtle" aria-label={`第${index + 1}步上移`} disabled={index === 0} onClick={() => form.reorderListItem('steps', { from: index, to: index - 1 })}>
              ↑
            </ActionIcon>
            <ActionIcon variant="subtle" aria-label={`第${index + 1}步下移`} disabled={index === count - 1} onClick={() => form.reorderListItem('steps', { from: index, to: index + 1 })}>
              ↓
            </ActionIcon>
            <Button size="xs" variant="subtle" color="red" disabled={count <= 2} onClick={() => form.removeListItem('steps', index)}>
              删除此步
            </Button>
          </Group>
        </Group>
        <Group grow align="flex-start">
          <TextInput label="环节名称" {...form.getInputProps(`${p}.name`)} key={form.key(`${p}.name`)} />
          <Select label="签署角色" data={ROLES} allowDeselect={false} {...form.getInputProps(`${p}.role`)} key={form.key(`${p}.role`)} />
          <TextInput label="签署人" {...form.getInputProps(`${p}.signer`)} key={form.key(`${p}.signer`)} />
        </Group>
        <Group grow align="flex-start">
          <TextInput label="条款" {...form.getInputProps(`${p}.article`)} key={form.key(`${p}.article`)} />
          <NumberInput
            label="办理期限（工作日，不填为不限）"
            min={0}
            allowDecimal={false}
            {...form.getInputProps(`${p}.limitDays`)}
            value={s.limitDays ?? ''}
            onChange={(v) => form.setFieldValue(`${p}.limitDays`, v === '' ? null : Number(v))}
            key={form.key(`${p}.limitDays`)}
          />
          <Select label="适用条件" data={WHEN} allowDeselect={false} {...form.getInputProps(`${p}.when`)} key={form.key(`${p}.when`)} />
        </Group>
        <Textarea label="办理说明" autosize minRows={1} maxRows={6} {...form.getInputProps(`${p}.instruction`)} key={form.key(`${p}.instruction`)} />
        <Checklist form={form} step={index} />
        <Text size="sm" fw={500}>
          意见用语
        </Text>
        {s.opinions.map((o, j) => (
          <OpinionRow key={o.id} form={form} step={index} index={j} earlier={earlier} />
        ))}
        {form.errors[`${p}.opinions`] && (
          <Text size="sm" c="red" role="alert">
            {form.errors[`${p}.opinions`]}
          </Text>
        )}
        <Group>
          <Button size="xs" variant="light" onClick={addOpinion}>
            增加意见用语
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
