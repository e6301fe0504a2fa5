import { Button, Group, Select, SimpleGrid, Text, Textarea, TextInput } from '@mantine/core';
import { useDraft } from '../../drafts';
import type { ItemDetail } from '../../../../shared/types';
import { REOPEN_REASONS } from '../../../../shared/workflow';
import { api, call } from '../../api';
import { actAndDrop, DateField, Section, today, type Act } from './parts';

// Records around the decision: declassification, approval of a special domain, objections,
// re-examination and recall.

export function Declassification({ item, act, can }: { item: ItemDetail; act: Act; can: boolean }) {
  const key = `declassification:${item.id}`;
  const [v, setV] = useDraft(key, { decidedOn: today(), documentNumber: '', authority: '', filedOn: today(), filedWith: '' });
  const d = item.declassification;
  return (
    <Section title="解密手续">
      {d ? (
        <Text size="sm">
          {d.decidedOn} 由{d.authority}解密（{d.documentNumber}），{d.filedOn} 已报{d.filedWith}备案。
        </Text>
      ) : can ? (
        <>
          <SimpleGrid cols={2}>
            <DateField label="解密日期" value={v.decidedOn} onChange={(d) => setV({ ...v, decidedOn: d })} />
            <TextInput label="解密文号" value={v.documentNumber} onChange={(e) => setV({ ...v, documentNumber: e.currentTarget.value })} />
            <TextInput label="解密机关" value={v.authority} onChange={(e) => setV({ ...v, authority: e.currentTarget.value })} />
            <DateField label="备案日期" value={v.filedOn} onChange={(d) => setV({ ...v, filedOn: d })} />
            <TextInput label="备案的保密行政管理部门" value={v.filedWith} onChange={(e) => setV({ ...v, filedWith: e.currentTarget.value })} />
          </SimpleGrid>
          <Button variant="light" onClick={() => void actAndDrop(act, key, () => call(api().items.declassify({ itemId: item.id, ...v })))}>
            登记解密和备案
          </Button>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          尚未办理解密手续。
        </Text>
      )}
    </Section>
  );
}

export function SpecialApproval({ item, act, can }: { item: ItemDetail; act: Act; can: boolean }) {
  const key = `special-approval:${item.id}`;
  const [v, setV] = useDraft(key, { authority: '', documentNumber: '', approvedOn: today() });
  const a = item.specialApproval;
  return (
    <Section title="有权机关批准">
      {a ? (
        <Text size="sm">
          {a.approvedOn} 经{a.authority}批准（{a.documentNumber}）。
        </Text>
      ) : can ? (
        <>
          <SimpleGrid cols={3}>
            <TextInput label="批准机关" value={v.authority} onChange={(e) => setV({ ...v, authority: e.currentTarget.value })} />
            <TextInput label="批准文号" value={v.documentNumber} onChange={(e) => setV({ ...v, documentNumber: e.currentTarget.value })} />
            <DateField label="批准日期" value={v.approvedOn} onChange={(d) => setV({ ...v, approvedOn: d })} />
          </SimpleGrid>
          <Button variant="light" onClick={() => void actAndDrop(act, key, () => call(api().items.specialApproval({ itemId: item.id, ...v })))}>
            登记批准
          </Button>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          尚未登记批准。
        </Text>
      )}
    </Section>
  );
}

export function Objection({ item, act }: { item: ItemDetail; act: Act }) {
  const key = `objection:${item.id}`;
  const [text, setText] = useDraft(key, '');
  return (
    <Section title="提出异议">
      <Text size="sm" c="dimmed">
        不同意审查结论的，可在此记录异议；异议随审查记录保存，用于责任认定。
      </Text>
      <Textarea value={text} onChange={(e) => setText(e.currentTarget.value)} aria-label="异议内容" />
      <Group>
        <Button variant="light" color="orange" onClick={() => void actAndDrop(act, key, () => call(api().items.object({ itemId: item.id, text })))}>
          记录异议
        </Button>
      </Group>
    </Section>
  );
}

export function Reopen({ item, act }: { item: ItemDetail; act: Act }) {
  const reasons = REOPEN_REASONS;
  const [reason, setReason] = useDraft<(typeof reasons)[number]>(`reopen:${item.id}`, reasons[1]);
  return (
    <Section title="复查">
      <Select data={[...reasons]} value={reason} onChange={(v) => v && setReason(v as typeof reason)} allowDeselect={false} aria-label="复查原因" />
      <Group>
        <Button variant="light" onClick={() => void act(() => call(api().items.reopen({ itemId: item.id, reason })))}>
          重新审查
        </Button>
      </Group>
    </Section>
  );
}

export function Recall({ item, act }: { item: ItemDetail; act: Act }) {
  const key = `recall:${item.id}`;
  const [v, setV] = useDraft(key, { discoveredOn: today(), description: '', measures: '' });
  return (
    <Section title="撤回（发现不应公开的内容）">
      <DateField label="发现日期" value={v.discoveredOn} onChange={(d) => setV({ ...v, discoveredOn: d })} />
      <Textarea label="情况说明" value={v.description} onChange={(e) => setV({ ...v, description: e.currentTarget.value })} />
      <Textarea label="已采取的补救措施" value={v.measures} onChange={(e) => setV({ ...v, measures: e.currentTarget.value })} />
      <Group>
        <Button color="red" variant="light" onClick={() => void actAndDrop(act, key, () => call(api().items.recall({ itemId: item.id, ...v })))}>
          撤回并登记事件
        </Button>
      </Group>
    </Section>
  );
}
