import { Card, Stack, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { ReactNode } from 'react';
import type { ItemDetail } from '../../../../shared/types';
import { dropDraft } from '../../drafts';

// Pieces every part of the item page uses.

export type Act = (fn: () => Promise<ItemDetail>) => Promise<void>;

/** Acts, and forgets the form's draft once the change has been accepted (a refusal keeps it). */
export const actAndDrop = (act: Act, draft: string, fn: () => Promise<ItemDetail>) =>
  act(async () => {
    const next = await fn();
    dropDraft(draft);
    return next;
  });

export const today = () => new Date().toLocaleDateString('sv-SE');

/** A label with the article of the item's own profile that asks for it, when the profile names one. */
export const cite = (label: string, article: string | undefined) => (article ? `${label}（${article.split('：')[0]}）` : label);

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={5}>{title}</Title>
        {children}
      </Stack>
    </Card>
  );
}

/** A date as the contract wants it (YYYY-MM-DD), picked in the Chinese calendar; '' when empty. */
export function DateField({ label, value, onChange, clearable = false }: { label: string; value: string; onChange: (d: string) => void; clearable?: boolean }) {
  return <DateInput label={label} valueFormat="YYYY-MM-DD" clearable={clearable} value={value || null} onChange={(v) => onChange(v ?? '')} />;
}
