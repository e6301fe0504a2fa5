import { ActionIcon, Checkbox, Group, Select, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { DISCLOSURES, OUTCOME_LABELS, OUTCOMES } from '../../../../shared/terms';
import { EFFECT_LABELS } from '../../../../shared/profile';
import type { ProfileDraft } from './validation';

const EFFECTS = Object.entries(EFFECT_LABELS).map(([value, label]) => ({ value, label }));
const RESULTS = OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }));
const DISCLOSURE_OPTIONS = DISCLOSURES.map((d) => ({ value: d, label: d }));

/** One opinion word of a step and what signing it does. */
export function OpinionRow({ form, step, index, earlier }: { form: UseFormReturnType<ProfileDraft>; step: number; index: number; earlier: Array<{ value: string; label: string }> }) {
  const path = `steps.${step}.opinions.${index}`;
  const o = form.getValues().steps[step]!.opinions[index]!;
  const remove = () => form.removeListItem(`steps.${step}.opinions`, index);
  const own = form.errors[path];
  return (
    <div data-testid={`opinion-${step}-${index}`}>
      <Group align="flex-end" gap="xs" wrap="wrap">
        <TextInput label="意见用语" w={180} {...form.getInputProps(`${path}.label`)} key={form.key(`${path}.label`)} />
        <Select label="效果" w={170} data={EFFECTS} allowDeselect={false} {...form.getInputProps(`${path}.effect`)} key={form.key(`${path}.effect`)} />
        {o.effect === 'propose' && (
          <Select label="结果" w={170} data={RESULTS} clearable {...form.getInputProps(`${path}.outcome`)} key={form.key(`${path}.outcome`)} />
        )}
        {o.effect === 'propose' && (
          <Select label="公开属性" w={130} data={DISCLOSURE_OPTIONS} clearable {...form.getInputProps(`${path}.disclosure`)} key={form.key(`${path}.disclosure`)} />
        )}
        {o.effect === 'sendBack' && (
          <Select label="退回到" w={170} data={earlier} clearable {...form.getInputProps(`${path}.sendBackTo`)} key={form.key(`${path}.sendBackTo`)} />
        )}
        <Checkbox label="须说明理由" mb={8} {...form.getInputProps(`${path}.needsReason`, { type: 'checkbox' })} key={form.key(`${path}.needsReason`)} />
        <Checkbox label="须引用依据" mb={8} {...form.getInputProps(`${path}.needsBasis`, { type: 'checkbox' })} key={form.key(`${path}.needsBasis`)} />
        <ActionIcon variant="subtle" color="red" mb={6} aria-label={`删除意见“${o.label}”`} onClick={remove}>
          ×
        </ActionIcon>
      </Group>
      {own && (
        <Text size="sm" c="red" role="alert">
          {own}
        </Text>
      )}
    </div>
  );
}
