import { Card, Stack, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import type { ReactNode } from 'react';
import type { ItemDetail } from '../../../../shared/types';

// Pieces every part of the item page uses.

export type Act = (fn: () => Promise<ItemDetail>) => Promise<void>;

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
