import { Button, Group, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useState } from 'react';
import type { AuditSignedExtractView } from '../../../../shared/ops/admin';
import { api } from '../../api';
import { Notice } from '../../components/Notice';
import { useChange } from '../../query';
import { saveFile } from '../../files';

// A range of the trail, by sequence numbers or by dates, exported as a signed extract:
// the JSON (entries, chain links, keys, the auditor's signature) and a CSV for reading.

const base64Utf8 = (text: string) => {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
};

export type AuditRange = { fromSeq?: number; toSeq?: number; from?: string; to?: string };

export function ExtractPanel({ head, onPrint }: { head: number | undefined; onPrint: (range: AuditRange) => void }) {
  const [by, setBy] = useState<'seq' | 'date'>('seq');
  const [fromSeq, setFromSeq] = useState<number | string>(1);
  const [toSeq, setToSeq] = useState<number | string>('');
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const extract = useChange((r: AuditRange) => api().audit.signedExtract(r), ['audit']);
  const range = (): AuditRange =>
    by === 'seq' ? { fromSeq: Number(fromSeq) || 1, toSeq: Number(toSeq) || head || 1 } : { from: from ?? undefined, to: to ?? undefined };
  const save = (x: AuditSignedExtractView) => {
    saveFile(`${x.fileName}.json`, base64Utf8(x.json));
    saveFile(`${x.fileName}.csv`, base64Utf8(x.csv));
  };

  return (
    <Stack gap="xs">
      <SegmentedControl
        w={260}
        value={by}
        onChange={(v) => setBy(v as 'seq' | 'date')}
        data={[
          { value: 'seq', label: '按序号' },
          { value: 'date', label: '按日期' },
        ]}
      />
      <Group align="end">
        {by === 'seq' ? (
          <>
            <NumberInput label="起始序号" min={1} w={140} value={fromSeq} onChange={setFromSeq} />
            <NumberInput label="截止序号" min={1} w={140} value={toSeq} onChange={setToSeq} placeholder={head ? String(head) : undefined} />
          </>
        ) : (
          <>
            <DateInput label="起始日期" valueFormat="YYYY-MM-DD" w={150} value={from} onChange={setFrom} clearable />
            <DateInput label="截止日期" valueFormat="YYYY-MM-DD" w={150} value={to} onChange={setTo} clearable />
          </>
        )}
        <Button loading={extract.isPending} onClick={() => extract.mutate(range(), { onSuccess: save })}>
          导出签名摘录
        </Button>
        <Button variant="light" onClick={() => onPrint(range())}>
          打印摘录
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        导出两个文件：签名摘录（含记录、哈希链、单位和签名人公钥及安全审计员签名，供验证）和表格文件（中文表头，供阅读）。导出本身记入审计日志。
      </Text>
      <Notice
        error={extract.error?.message}
        success={extract.data ? `已导出第 ${extract.data.fromSeq}–${extract.data.toSeq} 条，共 ${extract.data.count} 条记录` : null}
      />
    </Stack>
  );
}
