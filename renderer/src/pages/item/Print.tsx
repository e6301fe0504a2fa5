import { Button, Group, Modal, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { FORM_KIND_LABELS, ITEM_FORM_KINDS, type ItemFormKindId, type PrintedFormView } from '../../../../shared/ops/forms';
import type { ItemDetail } from '../../../../shared/types';
import { api, call } from '../../api';
import { Notice } from '../../components/Notice';
import { PrintPreview } from '../../components/PrintPreview';
import { useAction } from '../../components/useAction';

// 打印: the item's record, the review table and the letters it has given rise to.

/** Letters exist only when the item has what they are about. */
function available(item: ItemDetail): ItemFormKindId[] {
  return ITEM_FORM_KINDS.filter((k) => {
    if (k === 'escalation') return item.escalations.length > 0;
    if (k === 'consultation') return item.consultations.some((c) => c.kind === 'agency');
    if (k === 'third-party') return item.consultations.some((c) => c.kind === 'thirdParty');
    if (k === 'override-notice') return item.consultations.some((c) => c.override);
    if (k === 'declassification') return item.declassification !== null;
    if (k === 'leak-report') return item.status === 'recalled';
    return true;
  });
}

export function PrintButton({ item }: { item: ItemDetail }) {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<ItemFormKindId>('record');
  const [form, setForm] = useState<PrintedFormView | null>(null);
  const { error, busy, run } = useAction();
  const make = () =>
    run(async () => {
      setForm(null);
      setForm(await call(api().forms.print({ kind, itemId: item.id })));
    });
  return (
    <>
      <Button variant="light" onClick={() => setOpen(true)}>
        打印
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="打印表单和函件" size="xl">
        <Stack>
          <Group align="end">
            <Select
              label="种类"
              data={available(item).map((k) => ({ value: k, label: FORM_KIND_LABELS[k] }))}
              value={kind}
              onChange={(v) => v && setKind(v as ItemFormKindId)}
              allowDeselect={false}
            />
            <Button loading={busy} onClick={() => void make()}>
              生成
            </Button>
          </Group>
          <Notice error={error} />
          {form && <PrintPreview form={form} fileName={`${item.title}-${FORM_KIND_LABELS[kind]}.pdf`} />}
        </Stack>
      </Modal>
    </>
  );
}
