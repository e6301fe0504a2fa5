import { Badge, Button, Card, FileInput, Group, Loader, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import type { CalendarChangePreview } from '../../../../shared/ops/reference';
import { date } from '../../../../shared/schemas';
import { api } from '../../api';
import { Notice as Message } from '../../components/Notice';
import { zodValidate } from '../../forms';
import { useChange, useOp } from '../../query';
import { CoverageNotice } from './coverage';
import { cycle, fileText, type Notice, type YearMarks } from './days';
import { downloadText } from './download';
import { PreviewPanel } from './PreviewPanel';
import { YearGrid } from './YearGrid';

const noticeSchema = z.object({ source: z.string().trim().min(1), noticeNumber: z.string().trim().min(1).max(100), noticeDate: date });
const validate = zodValidate(noticeSchema, { source: '通知名称', noticeNumber: '通知文号', noticeDate: '通知发布日期' });
const EMPTY: YearMarks = { holidays: new Set(), workdays: new Set() };

/** 系统管理员: enter a year from the 国务院办公厅 notice in a grid, or import/export its file; see what moves first. */
export function CalendarPage({ canImport }: { canImport: boolean }) {
  const status = useOp('calendar', 'status', undefined);
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState<number | null>(null);
  const shownYear = year ?? Math.min(Number(status.data?.uncoveredFrom.slice(0, 4) ?? thisYear), thisYear + 1);
  const current = useOp('calendar', 'year', { year: shownYear });
  // Previewing changes nothing, so it refreshes nothing; saving moves every deadline counted in the year.
  const preview = useChange((i: { text: string }) => api().calendar.preview(i), []);
  const saving = useChange((i: { text: string }) => api().calendar.import(i), ['calendar', 'items']);
  const [marks, setMarks] = useState<YearMarks>(EMPTY);
  const [pending, setPending] = useState<{ text: string; shown: CalendarChangePreview } | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const form = useForm<Notice>({ initialValues: { source: '', noticeNumber: '', noticeDate: '' }, validate, validateInputOnBlur: true });

  const loaded = current.data;
  useEffect(() => {
    if (!loaded) return;
    setMarks({ holidays: new Set(loaded.holidays), workdays: new Set(loaded.workdays) });
    form.setValues({
      source: loaded.origin === 'none' ? `国务院办公厅关于${loaded.year}年部分节假日安排的通知` : loaded.source,
      noticeNumber: loaded.noticeNumber,
      noticeDate: loaded.noticeDate,
    });
    form.resetDirty();
    // Reloads only when the year's data changes: the form object itself is stable.
  }, [loaded]);

  const clear = () => {
    setPending(null);
    setSuccess(null);
    setReadError(null);
    preview.reset();
    saving.reset();
  };
  const show = (text: string) => preview.mutate({ text }, { onSuccess: (shown) => setPending({ text, shown }) });
  const check = form.onSubmit((n) => {
    clear();
    show(fileText(shownYear, marks, n));
  });
  const pick = async (file: File | null) => {
    clear();
    if (!file) return;
    const t = await file.text().catch(() => null);
    if (t === null) return setReadError('无法读取所选文件');
    show(t);
  };
  const save = () =>
    saving.mutate(
      { text: pending!.text },
      {
        onSuccess: () => {
          setSuccess(`已保存 ${pending!.shown.year} 年工作日历`);
          setPending(null);
          if (pending!.shown.year !== shownYear) setYear(pending!.shown.year);
        },
      },
    );
  const years = Array.from({ length: 5 }, (_, i) => String(thisYear - 1 + i));

  return (
    <Stack>
      <Title order={3}>工作日历</Title>
      <CoverageNotice />
      <Message error={status.error?.message ?? current.error?.message} />
      <Text size="sm">
        已覆盖年份：
        {status.data?.coveredYears.map((y) => (
          <Badge key={y} mx={2} variant="light">
            {y}
          </Badge>
        ))}
      </Text>
      {status.data?.imported.map((i) => (
        <Text key={i.year} size="sm" c="dimmed">
          {i.year} 年：录入自“{i.source}”（{new Date(i.importedAt).toLocaleString('zh-CN', { hour12: false })}）
        </Text>
      ))}
      <Card withBorder>
        <form onSubmit={check} noValidate>
          <Stack>
            <Group align="flex-end">
              <Select label="年度" w={120} data={years} value={String(shownYear)} allowDeselect={false} onChange={(v) => { clear(); setYear(Number(v)); }} />
              <Text size="sm" c="dimmed" pb={6}>
                {loaded?.origin === 'package' ? '程序自带的安排' : loaded?.origin === 'imported' ? '已录入的安排' : '尚未录入：周一至周五按工作日显示'}
              </Text>
              {loaded?.text && (
                <Button variant="light" onClick={() => downloadText(loaded.fileName, loaded.text!)}>
                  导出 {shownYear} 年日历文件
                </Button>
              )}
            </Group>
            {current.isPending && <Loader size="sm" />}
            <Text size="sm">按国务院办公厅通知点选日期：点击一次改变一种状态（工作日 → 节假日；周末：休息日 → 节假日 → 调休上班）。</Text>
            <YearGrid year={shownYear} marks={marks} readOnly={!canImport} onToggle={(d) => { clear(); setMarks((m) => cycle(d, m)); }} />
            {canImport && (
              <>
                <Group grow align="flex-start">
                  <TextInput label="通知名称" {...form.getInputProps('source')} />
                  <TextInput label="通知文号" placeholder="国办发明电〔　〕号" {...form.getInputProps('noticeNumber')} />
                  <TextInput label="通知发布日期" placeholder="例如 2026-11-10" {...form.getInputProps('noticeDate')} />
                </Group>
                <Group>
                  <Button type="submit" loading={preview.isPending}>
                    查看变化
                  </Button>
                </Group>
              </>
            )}
          </Stack>
        </form>
      </Card>
      {canImport && (
        <FileInput label="或导入日历文件（mishen-calendar/1 格式的 JSON，与导出的文件相同）" accept="application/json,.json" onChange={(f) => void pick(f)} clearable />
      )}
      <Message error={readError ?? preview.error?.message ?? saving.error?.message} success={success} />
      {pending && <PreviewPanel preview={pending.shown} saving={saving.isPending} onSave={save} />}
    </Stack>
  );
}
