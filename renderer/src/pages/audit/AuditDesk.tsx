import { Modal, Stack, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import type { PrintedFormView } from '../../../../shared/ops/forms';
import { api } from '../../api';
import { Notice } from '../../components/Notice';
import { PrintPreview } from '../../components/PrintPreview';
import { useSearchParams } from 'react-router';
import { useChange, useOp } from '../../query';
import { AuditLog } from './AuditLog';
import { Checkpoints } from './Checkpoints';
import { ExtractPanel, type AuditRange } from './ExtractPanel';
import { VerifyPanel } from './VerifyPanel';

// The 安全审计员's desk: the trail to read and filter, its verification, the
// countersigned checkpoints, and signed extracts to export and print.

const TABS = { log: '审计记录', verify: '验证与检查点', extract: '导出与打印' } as const;
type Tab = keyof typeof TABS;

export function AuditDesk() {
  const [params, setParams] = useSearchParams();
  const tab: Tab = (params.get('tab') as Tab | null) && params.get('tab')! in TABS ? (params.get('tab') as Tab) : 'log';
  // Only the tab changes: the log's filters stay in the address while another tab is open.
  const setTab = (t: string | null) => {
    const next = new URLSearchParams(params);
    if (t && t !== 'log') next.set('tab', t);
    else next.delete('tab');
    setParams(next);
  };
  const head = useOp('audit', 'page', { page: 1, pageSize: 5 }).data?.head?.seq;
  const [printed, setPrinted] = useState<{ form: PrintedFormView; fileName: string } | null>(null);
  const printExtract = useChange((r: AuditRange) => api().audit.printExtract(r), ['audit']);
  const printCheckpoint = useChange((entrySeq: number) => api().audit.printCheckpoint({ entrySeq }), ['audit']);

  return (
    <Stack>
      <Title order={3}>审计日志</Title>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          {Object.entries(TABS).map(([k, label]) => (
            <Tabs.Tab key={k} value={k}>
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="log" pt="md">
          <AuditLog />
        </Tabs.Panel>
        <Tabs.Panel value="verify" pt="md">
          <Stack gap="lg">
            <VerifyPanel />
            <Title order={4}>检查点</Title>
            <Checkpoints onPrint={(entrySeq) => printCheckpoint.mutate(entrySeq, { onSuccess: (form) => setPrinted({ form, fileName: `审计日志检查点-${entrySeq}.pdf` }) })} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="extract" pt="md">
          <ExtractPanel head={head} onPrint={(r) => printExtract.mutate(r, { onSuccess: (form) => setPrinted({ form, fileName: '安全审计记录摘录.pdf' }) })} />
        </Tabs.Panel>
      </Tabs>
      <Notice error={printExtract.error?.message ?? printCheckpoint.error?.message} />
      <Modal opened={!!printed} onClose={() => setPrinted(null)} title="打印预览" size="xl">
        {printed && <PrintPreview form={printed.form} fileName={printed.fileName} />}
      </Modal>
    </Stack>
  );
}
