import { Button, Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { PAGE_SIZES, type ListSort } from './DataTable';

// A list's whole state lives in the route's search params: back and forward, reload and a
// shared link all give the same view. Values are strings in the address; each page turns
// them into its operation's input. A filter change goes back to the first page.

export type ParamValue = string | string[] | boolean | number | undefined | null;

export interface ListRoute {
  get: (key: string) => string | undefined;
  /** A comma-separated value as its parts. */
  list: (key: string) => string[];
  /** '1' / '0' as true / false. */
  bool: (key: string) => boolean | undefined;
  page: number;
  pageSize: number;
  sort: ListSort;
  /** Changes some values; the page goes back to 1 unless it is one of them. */
  set: (changes: Record<string, ParamValue>) => void;
  /** Clears every filter but the given keys, keeping sort and page size. */
  clear: (keep?: string[]) => void;
  /** Whether any key outside the given ones has a value. */
  filtered: (ignore?: string[]) => boolean;
}

const RESERVED = ['page', 'size', 'sort', 'dir'];

function encode(v: ParamValue): string | null {
  if (v === undefined || v === null || v === '') return null;
  if (Array.isArray(v)) return v.length ? v.join(',') : null;
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
}

/** The table's paging (and, for sortable lists, sorting) props, kept in the route. */
export function routePaging(route: ListRoute, sortable = false) {
  return {
    page: route.page,
    pageSize: route.pageSize,
    onPage: (page: number) => route.set({ page }),
    onPageSize: (size: number) => route.set({ size }),
    ...(sortable ? { sort: route.sort, onSort: (s: ListSort) => route.set({ sort: s.sort, dir: s.dir }) } : {}),
  };
}

export function useListRoute(defaults: { sort: string; dir: 'asc' | 'desc'; sorts: readonly string[] }): ListRoute {
  const [params, setParams] = useSearchParams();
  // Changes build on the latest address, not on the one this render saw: two fields changed
  // in quick succession (before a re-render) must both stay.
  const latest = useRef(params);
  latest.current = params;
  const get = (key: string) => params.get(key) || undefined;
  const int = (key: string, fallback: number, ok: (n: number) => boolean) => {
    const n = Number(params.get(key));
    return Number.isInteger(n) && ok(n) ? n : fallback;
  };
  const sortKey = get('sort');
  const dir = get('dir');
  return {
    get,
    list: (key) => (get(key) ?? '').split(',').filter(Boolean),
    bool: (key) => (get(key) === '1' ? true : get(key) === '0' ? false : undefined),
    page: int('page', 1, (n) => n >= 1 && n <= 100_000),
    pageSize: int('size', PAGE_SIZES[0]!, (n) => PAGE_SIZES.includes(n)),
    sort: {
      sort: sortKey && defaults.sorts.includes(sortKey) ? sortKey : defaults.sort,
      dir: dir === 'asc' || dir === 'desc' ? dir : defaults.dir,
    },
    set: (changes) => {
      const now = latest.current;
      const next = new URLSearchParams(now);
      for (const [k, v] of Object.entries(changes)) {
        const e = encode(v);
        if (e === null) next.delete(k);
        else next.set(k, e);
      }
      if (!('page' in changes) || next.get('page') === '1') next.delete('page');
      // The same view again (a date field re-sending its value on blur) adds no history step.
      if (next.toString() === now.toString()) return;
      latest.current = next;
      setParams(next);
    },
    clear: (keep = []) => {
      const next = new URLSearchParams();
      for (const k of [...keep, 'size', 'sort', 'dir']) {
        const v = params.get(k);
        if (v) next.set(k, v);
      }
      setParams(next);
    },
    filtered: (ignore = []) => [...params.keys()].some((k) => !RESERVED.includes(k) && !ignore.includes(k) && !!params.get(k)),
  };
}

/** A text filter: typing is sent after a pause, Enter sends at once; the field follows the route (back/forward). */
export function TextFilter({ label, value, onChange, placeholder, w = 220 }: { label: string; value: string | undefined; onChange: (v: string) => void; placeholder?: string; w?: number }) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const send = useDebouncedCallback((v: string) => onChange(v.trim()), 400);
  return (
    <TextInput
      label={label}
      placeholder={placeholder}
      w={w}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        send(e.currentTarget.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          send.cancel();
          onChange(text.trim());
        }
      }}
    />
  );
}

export interface Choice {
  value: string;
  label: string;
}

export function MultiFilter({ label, data, value, onChange, w = 260 }: { label: string; data: Choice[]; value: string[]; onChange: (v: string[]) => void; w?: number }) {
  return (
    <MultiSelect
      label={label}
      placeholder={value.length ? undefined : '不限'}
      data={data}
      value={value}
      onChange={onChange}
      clearable
      clearButtonProps={{ 'aria-label': '清除所选' }}
      w={w}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

export function ChoiceFilter({ label, data, value, onChange, w = 180 }: { label: string; data: Choice[]; value: string | undefined; onChange: (v: string | undefined) => void; w?: number }) {
  return <Select label={label} placeholder="不限" data={data} value={value ?? null} onChange={(v) => onChange(v ?? undefined)} clearable clearButtonProps={{ 'aria-label': '清除所选' }} w={w} />;
}

/** The picker's icon-only buttons, named in Chinese. */
const CALENDAR_LABELS = {
  previousMonth: '上个月',
  nextMonth: '下个月',
  previousYear: '上一年',
  nextYear: '下一年',
  previousDecade: '前十年',
  nextDecade: '后十年',
  monthLevelControl: '选择月份',
  yearLevelControl: '选择年份',
};

/** An inclusive date range as two typed or picked dates (YYYY-MM-DD), each cleared on its own. */
export function DateRangeFilter({
  label,
  from,
  to,
  onChange,
}: {
  label: string;
  from: string | undefined;
  to: string | undefined;
  /** Only the end that changed: { from } or { to } (undefined when cleared). */
  onChange: (change: { from?: string | undefined; to?: string | undefined }) => void;
}) {
  const field = (which: 'from' | 'to', value: string | undefined) => (
    <DateInput
      label={`${label}（${which === 'from' ? '起' : '止'}）`}
      valueFormat="YYYY-MM-DD"
      ariaLabels={CALENDAR_LABELS}
      placeholder="不限"
      clearable
      w={150}
      value={value ?? null}
      // Not named after the field: a field is found by its label, and the button must not match it.
      clearButtonProps={{ 'aria-label': which === 'from' ? '清除起始日期' : '清除截止日期' }}
      onChange={(v) => onChange({ [which]: v || undefined })}
    />
  );
  return (
    <>
      {field('from', from)}
      {field('to', to)}
    </>
  );
}

/** The filter row with its clear button (shown only while something is filtered). */
export function FilterBar({ children, active, onClear }: { children: ReactNode; active: boolean; onClear: () => void }) {
  return (
    <Group align="end" gap="sm" role="search" aria-label="筛选">
      {children}
      {active && (
        <Button variant="subtle" onClick={onClear}>
          清除筛选
        </Button>
      )}
    </Group>
  );
}
