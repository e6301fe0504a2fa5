import { Button, Card, Checkbox, Group, Radio, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDraft } from '../../drafts';
import type { ItemDetail } from '../../../../shared/types';
import { ESCALATION_ADDRESSEES } from '../../../../shared/workflow';
import { api, call } from '../../api';
import { actAndDrop, cite, DateField, Section, today, type Act } from './parts';

// Letters out of the item: escalation to a higher or secrecy authority, and consultations.

const ESCALATION_MATERIALS = ['申请事由的公文', '记载审查信息的载体', '保密审查意见', '审查所依据的文件或相关材料', '其他需要提供的材料'];
const STANDING: Record<string, string> = { agree: '同意公开', disagree: '不同意公开', deemed: '逾期未答复，视为同意', pending: '待答复', overdue: '已逾期，未答复' };

export function EscalationPanel({ item, act }: { item: ItemDetail; act: Act }) {
  const open = item.escalations.find((e) => !e.reply);
  // Letters being filled in survive the idle lock (memory only, see drafts.ts).
  const d = `escalation:${item.id}:`;
  const [addressee, setAddressee] = useDraft<'上级主管部门' | '同级保密行政管理部门'>(`${d}addressee`, '同级保密行政管理部门');
  const [authority, setAuthority] = useDraft(`${d}authority`, '');
  const [materials, setMaterials] = useDraft<string[]>(`${d}materials`, ESCALATION_MATERIALS.slice(0, 4));
  const [letterNumber, setLetterNumber] = useDraft(`${d}letterNumber`, '');
  const [sentOn, setSentOn] = useDraft(`${d}sentOn`, today());
  const [replyOn, setReplyOn] = useDraft(`${d}replyOn`, today());
  const [docNo, setDocNo] = useDraft(`${d}docNo`, '');
  const [conclusion, setConclusion] = useDraft(`${d}conclusion`, '');
  if (!open)
    return (
      <Section title="报审（登记报送函）">
        <Select label="报送对象" data={[...ESCALATION_ADDRESSEES]} value={addressee} onChange={(v) => v && setAddressee(v as typeof addressee)} allowDeselect={false} />
        <TextInput label="受文机关名称" value={authority} onChange={(e) => setAuthority(e.currentTarget.value)} />
        <Checkbox.Group label={cite('随函材料', item.profile.limits.articles['escalationMaterials'])} value={materials} onChange={setMaterials}>
          <Stack gap={4} mt="xs">
            {ESCALATION_MATERIALS.map((m) => (
              <Checkbox key={m} value={m} label={m} />
            ))}
          </Stack>
        </Checkbox.Group>
        <SimpleGrid cols={2}>
          <TextInput label="函件文号" value={letterNumber} onChange={(e) => setLetterNumber(e.currentTarget.value)} />
          <DateField label="报送日期" value={sentOn} onChange={(d) => setSentOn(d)} />
        </SimpleGrid>
        <Button onClick={() => void actAndDrop(act, d, () => call(api().items.escalate({ itemId: item.id, addressee, authority, materials, letterNumber, sentOn })))}>登记报审函</Button>
      </Section>
    );
  return (
    <Section title="报审（登记答复）">
      <Text size="sm">
        已于 {open.sentOn} 报{open.addressee}（{open.authority}），答复期限：{open.deadline ?? '本单位制度未规定'}
      </Text>
      <SimpleGrid cols={2}>
        <DateField label="答复日期" value={replyOn} onChange={(d) => setReplyOn(d)} />
        <TextInput label="答复文号" value={docNo} onChange={(e) => setDocNo(e.currentTarget.value)} />
      </SimpleGrid>
      <Textarea label="答复结论" value={conclusion} onChange={(e) => setConclusion(e.currentTarget.value)} />
      <Button
        onClick={() =>
          void actAndDrop(act, d, () => call(api().items.escalationReply({ itemId: item.id, escalationId: open.id, replyOn, authority: open.authority, documentNumber: docNo, conclusion })))
        }
      >
        登记答复并恢复审查
      </Button>
    </Section>
  );
}

export function Consultations({ item, act, canRecord, canOverride }: { item: ItemDetail; act: Act; canRecord: boolean; canOverride: boolean }) {
  const d = `consultation:${item.id}:`;
  const [kind, setKind] = useDraft<'agency' | 'thirdParty'>(`${d}new:kind`, 'agency');
  const [party, setParty] = useDraft(`${d}new:party`, '');
  const [matters, setMatters] = useDraft(`${d}new:matters`, '');
  const [sentOn, setSentOn] = useDraft(`${d}new:sentOn`, today());
  const [deadline, setDeadline] = useDraft(`${d}new:deadline`, '');
  const [reply, setReply] = useDraft<Record<number, { on: string; reason: string }>>(`${d}reply`, {});
  const [override, setOverride] = useDraft(`${d}override`, { decision: '', reasons: '', noticeSentOn: today() });
  if (!canRecord && item.consultations.length === 0) return null;
  return (
    <Section title="征求意见">
      {item.consultations.map((c) => {
        const r = reply[c.id] ?? { on: today(), reason: '' };
        return (
          <Card key={c.id} withBorder padding="xs" data-testid="consultation">
            <Text size="sm">
              {c.kind === 'agency' ? '行政机关' : '第三方'}“{c.party}”：{c.matters}；{c.sentOn} 发函，答复期限 {c.deadline ?? '未定'}。
              <b data-testid="consultation-standing"> {STANDING[c.standing]}</b>
              {c.replyReason ? `（${c.replyReason}）` : ''}
            </Text>
            {c.override && <Text size="sm">公共利益决定：{c.override.decision}；理由：{c.override.reasons}；{c.override.noticeSentOn} 已书面告知第三方。</Text>}
            {!c.reply && canRecord && (
              <Group align="end">
                <DateField label="答复日期" value={r.on} onChange={(d) => setReply({ ...reply, [c.id]: { ...r, on: d } })} />
                <TextInput label="对方理由" value={r.reason} onChange={(e) => setReply({ ...reply, [c.id]: { ...r, reason: e.currentTarget.value } })} />
                <Button size="xs" onClick={() => void actAndDrop(act, `${d}reply`, () => call(api().items.consultationReply({ itemId: item.id, consultationId: c.id, reply: 'agree', replyOn: r.on, reason: r.reason })))}>
                  登记同意
                </Button>
                <Button size="xs" color="orange" onClick={() => void actAndDrop(act, `${d}reply`, () => call(api().items.consultationReply({ itemId: item.id, consultationId: c.id, reply: 'disagree', replyOn: r.on, reason: r.reason })))}>
                  登记不同意
                </Button>
              </Group>
            )}
            {c.kind === 'thirdParty' && c.reply === 'disagree' && !c.override && canOverride && (
              <Stack gap={4} mt="xs">
                <Text size="sm" fw={600}>
                  {cite('公共利益决定', item.profile.limits.articles['publicInterestOverride'])}
                </Text>
                <TextInput label="决定" value={override.decision} onChange={(e) => setOverride({ ...override, decision: e.currentTarget.value })} />
                <Textarea label="理由" value={override.reasons} onChange={(e) => setOverride({ ...override, reasons: e.currentTarget.value })} />
                <DateField label="书面告知第三方日期" value={override.noticeSentOn} onChange={(d) => setOverride({ ...override, noticeSentOn: d })} />
                <Button size="xs" onClick={() => void actAndDrop(act, `${d}override`, () => call(api().items.override({ itemId: item.id, consultationId: c.id, ...override })))}>
                  作出公共利益决定
                </Button>
              </Stack>
            )}
          </Card>
        );
      })}
      {canRecord && (
        <Stack gap={4}>
          <Radio.Group label="征求对象" value={kind} onChange={(v) => setKind(v as typeof kind)}>
            <Group mt="xs">
              <Radio value="agency" label="其他行政机关" />
              <Radio value="thirdParty" label="第三方（商业秘密、个人隐私）" />
            </Group>
          </Radio.Group>
          <SimpleGrid cols={2}>
            <TextInput label="名称" value={party} onChange={(e) => setParty(e.currentTarget.value)} />
            <TextInput label="需确认的事项" value={matters} onChange={(e) => setMatters(e.currentTarget.value)} />
            <DateField label="发函日期" value={sentOn} onChange={(d) => setSentOn(d)} />
            <DateField label="答复期限（不填则按本单位制度计算）" value={deadline} onChange={(d) => setDeadline(d)} />
          </SimpleGrid>
          <Group>
            <Button variant="light" onClick={() => void actAndDrop(act, `${d}new:`, () => call(api().items.consult({ itemId: item.id, kind, party, matters, sentOn, deadline: deadline || null })))}>
              登记征求意见函
            </Button>
          </Group>
        </Stack>
      )}
    </Section>
  );
}
