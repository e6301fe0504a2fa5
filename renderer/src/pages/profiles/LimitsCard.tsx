import { ActionIcon, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useState } from 'react';
import { CITATION_LABELS, LIMIT_LABELS } from '../../../../shared/profile';
import type { ProfileDraft } from './validation';

/** The procedure's own limits and the articles it cites for each rule. */
export function LimitsCard({ form }: { form: UseFormReturnType<ProfileDraft> }) {
  const limits = form.getValues().limits;
  const articles = limits.articles ?? {};
  const [adding, setAdding] = useState<string | null>(null);
  const free = Object.entries(CITATION_LABELS)
    .filter(([k]) => !(k in articles))
    .map(([value, label]) => ({ value, label }));
  return (
    <Card withBorder data-testid="limits">
      <Stack gap="xs">
        <Text fw={600}>期限</Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {Object.entries(LIMIT_LABELS).map(([k, label]) => {
            const path = `limits.${k}`;
            const v = limits[k as keyof typeof LIMIT_LABELS];
            return (
              <NumberInput
                key={k}
                label={`${label}，不填为不限`}
                min={0}
                allowDecimal={false}
                value={v ?? ''}
                error={form.errors[path]}
                onChange={(x) => form.setFieldValue(path, x === '' ? null : Number(x))}
                onBlur={() => form.validateField(path)}
              />
            );
          })}
        </SimpleGrid>
        <Switch label="可以作出公共利益决定（第三方不同意时仍予公开）" {...form.getInputProps('limits.publicInterestOverride', { type: 'checkbox' })} />
        <Text fw={600} mt="sm">
          引用条款
        </Text>
        {Object.entries(articles).map(([k, v]) => (
          <Group key={k} align="flex-end" gap="xs">
            <TextInput style={{ flex: 1 }} label={CITATION_LABELS[k] ?? '其他条款'} value={v} error={form.errors[`limits.articles.${k}`]} onChange={(e) => form.setFieldValue(`limits.articles.${k}`, e.currentTarget.value)} />
            <ActionIcon
              variant="subtle"
              color="red"
              mb={6}
              aria-label={`删除引用条款“${CITATION_LABELS[k] ?? '其他条款'}”`}
              onClick={() => {
                const next = { ...articles };
                delete next[k];
                form.setFieldValue('limits.articles', next);
              }}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        {free.length > 0 && (
          <Group align="flex-end" gap="xs">
            <Select label="增加引用条款" placeholder="选择用途" data={free} value={adding} onChange={setAdding} w={240} />
            <Button
              variant="light"
              disabled={!adding}
              onClick={() => {
                form.setFieldValue('limits.articles', { ...articles, [adding!]: '' });
                setAdding(null);
              }}
            >
              增加
            </Button>
          </Group>
        )}
        <Text size="xs" c="dimmed">
          征求意见规则（何时发函、答复期限、逾期是否视为同意）请在“高级”中编辑。
        </Text>
      </Stack>
    </Card>
  );
}
