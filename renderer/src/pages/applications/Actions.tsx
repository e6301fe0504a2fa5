import { Button, Group, Modal, NumberInput, Select, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useState, type ReactNode } from 'react';
import { CONSULTED_KINDS, CONSULTED_LABELS, MAX_EXTENSION_DAYS, REPLY_SUBTYPES, REPLY_TYPES, type ReplyType } from '../../../../shared/applications';
import { contract } from '../../../../shared/contract';
import type { InputOf } from '../../../../shared/define';
import type { ApplicationView } from '../../../../shared/ops/applications';
import { api } from '../../api';
import { Notice } from '../../components/Notice';
import { useAction } from '../../components/useAction';
import { zodValidate } from '../../forms';
import { useChange } from '../../query';
import { APPLICATION_LABELS, today } from './parts';

// Every step of 附件2 on one application, each a small form checked with the contract's
// own schema: 一事一申请 split (第五条), 补正 and its receipt (第九条（一）), the extension
// (第六条), the consultation of 第七条, and the reply by type and variant (第九、十条).

const ops = contract.applications;
type Op = keyof typeof ops;

/** One action: a button, and a form in a modal checked by the operation's schema. */
type Loose = UseFormReturnType<Record<string, unknown>>;

function ActionForm<K extends Op>({ op, label, title, initial, children, color }: { op: K; label: string; title: string; initial: InputOf<(typeof ops)[K]>; color?: string; children: (form: Loose) => ReactNode }) {
  const [open, setOpen] = useState(false);
  const form: Loose = useForm<Record<string, unknown>>({ validate: zodValidate(ops[op].input as never, APPLICATION_LABELS), validateInputOnBlur: true, initialValues: initial as Record<string, unknown> });
  const change = useChange((i: unknown) => (api().applications[op] as (i: unknown) => Promise<never>)(i), ['applications', 'items']);
  const { error, busy, run } = useAction();
  const submit = form.onSubmit((values) =>
    void run(async () => {
      await change.mutateAsync(values);
      setOpen(false);
    }),
  );
  return (
    <>
      <Button variant="light" color={color} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={title} size="lg">
        <form onSubmit={submit} noValidate>
          <Stack>
            {children(form)}
            <Notice error={error} />
            <Group justify="flex-end">
              <Button type="submit" loading={busy}>
                确定
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}

const dateProps = (form: Loose, key: string, nullable = false) => ({
  valueFormat: 'YYYY-MM-DD',
  ...form.getInputProps(key),
  onChange: (v: string | null) => form.setFieldValue(key, v ?? (nullable ? null : '')),
});

export function ApplicationActions({ a }: { a: ApplicationView }) {
  if (a.status === 'replied') return null;
  const id = a.id;
  const waiting = a.status === 'awaitingCorrection';
  return (
    <Group data-testid="application-actions">
      {!waiting && (
        <ActionForm op="split" label="拆分申请" title="按“一事一申请”拆分" initial={{ applicationId: id, requests: [], keep: a.request }}>
          {(f) => (
            <>
              <Textarea label="本申请保留的事项" autosize {...f.getInputProps('keep')} />
              <TagsInput label="拆分出的申请（每项回车）" description="每项登记为一个新的申请，收到日期与本申请相同" {...f.getInputProps('requests')} />
            </>
          )}
        </ActionForm>
      )}
      {!waiting && !a.correction && (
        <ActionForm op="requestCorrection" label="告知补正" title="政府信息公开补正申请告知" initial={{ applicationId: id, requestedOn: today(), text: '' }}>
          {(f) => (
            <>
              <DateInput label="告知补正日期" {...dateProps(f, 'requestedOn')} />
              <Textarea label="需要更改、补充的事项（一次性全部告知）" autosize minRows={3} {...f.getInputProps('text')} />
            </>
          )}
        </ActionForm>
      )}
      {waiting && (
        <ActionForm op="correctionReceived" label="收到补正" title="收到补正后的申请" initial={{ applicationId: id, receivedOn: today(), request: a.request }}>
          {(f) => (
            <>
              <DateInput label="收到补正日期" {...dateProps(f, 'receivedOn')} />
              <Textarea label="补正后申请公开的政府信息" autosize {...f.getInputProps('request')} />
            </>
          )}
        </ActionForm>
      )}
      {!waiting && !a.extension && (
        <ActionForm op="extend" label="延期答复" title="延期答复（经政府信息公开工作机构负责人同意）" initial={{ applicationId: id, days: MAX_EXTENSION_DAYS, approvedBy: '', approvedOn: today(), reason: '' }}>
          {(f) => (
            <>
              <NumberInput label="延长的工作日数" min={1} max={MAX_EXTENSION_DAYS} {...f.getInputProps('days')} />
              <TextInput label="批准人（政府信息公开工作机构负责人）" {...f.getInputProps('approvedBy')} />
              <DateInput label="批准日期" {...dateProps(f, 'approvedOn')} />
              <Textarea label="延期理由" autosize {...f.getInputProps('reason')} />
            </>
          )}
        </ActionForm>
      )}
      {!a.thirdParty && (
        <ActionForm op="thirdPartyLetter" label="征求第三方意见" title="书面征求意见（收到申请后 5 个工作日内）" initial={{ applicationId: id, party: '', letterOn: today(), kind: 'thirdParty', concern: '' }}>
          {(f) => (
            <>
              <Select label="征求意见对象" data={CONSULTED_KINDS.map((k) => ({ value: k, label: CONSULTED_LABELS[k] }))} allowDeselect={false} {...f.getInputProps('kind')} />
              <TextInput label="名称" {...f.getInputProps('party')} />
              <TextInput label="涉及的内容（如商业秘密、个人隐私）" {...f.getInputProps('concern')} />
              <DateInput label="发函日期" {...dateProps(f, 'letterOn')} />
            </>
          )}
        </ActionForm>
      )}
      <ReplyForm a={a} />
    </Group>
  );
}

function ReplyForm({ a }: { a: ApplicationView }) {
  const types = a.status === 'awaitingCorrection' ? (['其他处理'] as const) : REPLY_TYPES;
  return (
    <ActionForm op="reply" label="答复" color="blue" title="答复申请人" initial={{ applicationId: a.id, type: types[0], subtype: REPLY_SUBTYPES[types[0]][0]!, on: today(), text: '', where: '', publishOn: null, otherAgency: '' }}>
      {(f) => {
        const type = f.values.type as ReplyType;
        return (
          <>
            <Select
              label="答复类型"
              data={[...types]}
              allowDeselect={false}
              {...f.getInputProps('type')}
              onChange={(v) => {
                f.setFieldValue('type', v);
                f.setFieldValue('subtype', REPLY_SUBTYPES[v as ReplyType][0]);
              }}
            />
            <Select label="情形" data={[...REPLY_SUBTYPES[type]]} allowDeselect={false} {...f.getInputProps('subtype')} />
            <DateInput label="答复日期" {...dateProps(f, 'on')} />
            {type === '予以公开' && <TextInput label="获取信息的方式和途径" {...f.getInputProps('where')} />}
            {type === '予以公开' && f.values.subtype === '近期内对外公开' && <DateInput label="公开时间" clearable {...dateProps(f, 'publishOn', true)} />}
            {type === '无法提供' && f.values.subtype === '本机关不掌握相关政府信息' && <TextInput label="能够确定的公开机关名称和联系方式" {...f.getInputProps('otherAgency')} />}
            <Textarea label="答复内容" description="不予公开、部分公开的理由和依据取自保密审查的决定" autosize minRows={3} {...f.getInputProps('text')} />
          </>
        );
      }}
    </ActionForm>
  );
}
