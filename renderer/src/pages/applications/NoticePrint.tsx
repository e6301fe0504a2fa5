import { Button, Group, Modal, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { NOTICE_LABELS, replyTemplate, type NoticeKind, type ReplyType } from '../../../../shared/applications';
import { availableNotices, type ApplicationView } from '../../../../shared/ops/applications';
import type { PrintedFormView } from '../../../../shared/ops/forms';
import { api, call } from '../../api';
import { Notice } from '../../components/Notice';
import { PrintPreview } from '../../components/PrintPreview';
import { useAction } from '../../components/useAction';

// 打印告知书: the notices the application has given rise to so far, each made as PDF in the
// main process and archived with its review item.

const REPLY_TITLES: Record<string, string> = {
  'public-already': '予以公开答复书（已对外公开）',
  'public-provided': '予以公开答复书（答复回执）',
  'public-soon': '予以公开答复书（近期内对外公开）',
  partial: '予以公开答复书（部分公开）',
  withheld: '不予公开告知书',
  unable: '无法提供答复书',
  'not-processed': '无法提供答复书（不予处理）',
  other: '政府信息公开申请答复书',
};

export const noticeLabel = (a: ApplicationView, k: NoticeKind) => (k === 'reply' && a.reply ? (REPLY_TITLES[replyTemplate(a.reply.type as ReplyType, a.reply.subtype)] ?? NOTICE_LABELS.reply) : NOTICE_LABELS[k]);

export function NoticePrint({ a }: { a: ApplicationView }) {
  const kinds = availableNotices(a);
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<NoticeKind>(kinds.at(-1)!);
  const [form, setForm] = useState<PrintedFormView | null>(null);
  const { error, busy, run } = useAction();
  const make = () =>
    run(async () => {
      setForm(null);
      setForm(await call(api().applications.print({ applicationId: a.id, notice: kind, date: null })));
    });
  return (
    <>
      <Button
        variant="light"
        onClick={() => {
          setKind(kinds.at(-1)!);
          setForm(null);
          setOpen(true);
        }}
      >
        打印告知书
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="打印告知书" size="xl">
        <Stack>
          <Group align="end">
            <Select label="告知书" w={360} data={kinds.map((k) => ({ value: k, label: noticeLabel(a, k) }))} value={kind} onChange={(v) => v && setKind(v as NoticeKind)} allowDeselect={false} />
            <Button loading={busy} onClick={() => void make()}>
              生成
            </Button>
          </Group>
          <Notice error={error} />
          {form && <PrintPreview form={form} fileName={`${a.number}-${noticeLabel(a, kind)}.pdf`} />}
        </Stack>
      </Modal>
    </>
  );
}
