import { Modal, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { AuditDeskEntry } from '../../../../shared/audit';
import { KeyValues } from '../../components/KeyValues';
import { Hash } from './Hash';

export const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });

/** One entry as the auditor reads it: who, in which role, did what to what, and what was recorded, hashes in full on demand. */
export function EntryDetails({ entry, onClose }: { entry: AuditDeskEntry | null; onClose: () => void }) {
  return (
    <Modal opened={!!entry} onClose={onClose} title={entry ? `第 ${entry.seq} 条审计记录` : ''} size="lg">
      {entry && (
        <Stack gap="xs" data-testid="audit-entry">
          <KeyValues
            rows={[
              ['时间', when(entry.time)],
              ['操作人', entry.actorName],
              ['角色', entry.roleLabel],
              ['操作', entry.actionLabel],
              ['对象', entry.subjectName],
              ...entry.details.map((d): [string, ReactNode] => [d.label, d.hash ? <Hash value={d.value} label={d.label} /> : d.value]),
              ['记录哈希', <Hash key="h" value={entry.hash} label="记录哈希" />],
              ['签名', <Hash key="s" value={entry.signature} label="签名" />],
            ]}
          />
          {entry.details.length === 0 && (
            <Text size="sm" c="dimmed">
              该记录没有附加内容。
            </Text>
          )}
        </Stack>
      )}
    </Modal>
  );
}
