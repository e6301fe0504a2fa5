import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  MultiSelect,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { Role } from '../../../shared/roles';
import type { BasisEntry, ItemDetail, SessionUser } from '../../../shared/types';
import { ESCALATION_ADDRESSEES, GROUND_LABELS, GROUNDS, opinionNeeds, type Ground } from '../../../shared/workflow';
import { api, call } from '../api';
import { Deadlines } from '../components/Deadlines';
import { KeyValues } from '../components/KeyValues';
import { Notice } from '../components/Notice';
import { useAction } from '../components/useAction';
import { ItemDocuments } from './ItemDocuments';

const today = () => new Date().toLocaleDateString('sv-SE');
const ESCALATION_MATERIALS = ['申请事由的公文', '记载审查信息的载体', '保密审查意见', '审查所依据的文件或相关材料', '其他需要提供的材料'];
const STANDING: Record<string, string> = { agree: '同意公开', disagree: '不同意公开', deemed: '逾期未答复，视为同意', pending: '待答复', overdue: '已逾期，未答复' };

type Act = (fn: () => Promise<ItemDetail>) => Promise<void>;

/** A label with the article of the item's own profile that asks for it, when the profile names one. */
const cite = (label: string, article: string | undefined) => (article ? `${label}（${article.split('：')[0]}）` : label);

export function ItemPage({ itemId, user, onBack }: { itemId: string; user: SessionUser; onBack: () => void }) {
  const [item, setItem] = useState<ItemDetail | null>(null);
  const [bases, setBases] = useState<BasisEntry[]>([]);
  const { error, run } = useAction();
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(() => run(async () => setItem(await call(api().items.get({ itemId })))), [itemId, run]);
  useEffect(() => {
    void load();
    void call(api().bases.list()).then(setBases, () => setBases([]));
  }, [load]);

  const act: Act = (fn) =>
    run(async () => {
      setDone(null);
      setItem(await fn());
      setDone('已保存');
    });

  if (!item) return <Notice error={error} />;
  const has = (...roles: Role[]) => roles.some((r) => user.roles.includes(r));
  const involved = item.registeredByMe || item.signedByMe || has('reviewer');

  return (
    <Stack>
      <Group justify="space-between">
        <Group>
          <Button variant="subtle" onClick={onBack}>
            ← 返回
          </Button>
          <Title order={3} data-testid="item-title">
            {item.title}
          </Title>
          <Badge size="lg" data-testid="item-status">
            {item.statusLabel}
          </Badge>
        </Group>
        <Text c="dimmed">
          {item.profile.name}（第 {item.profileVersion} 版）
        </Text>
      </Group>
      <Deadlines deadlines={item.deadlines} />
      <Notice error={error} success={done} />

      {item.blockers.length > 0 && (
        <Alert color="orange" title="尚不能批准公开">
          <List size="sm">
            {item.blockers.map((b) => (
              <List.Item key={b}>{b}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {item.proposal && (
        <Text>
          当前审查意见：<b data-testid="proposal">{item.proposal.label}</b>（{item.proposal.outcome}）
        </Text>
      )}

      {item.currentStepId && <StepPanel item={item} bases={bases} act={act} />}
      {item.status === 'escalated' && involved && <EscalationPanel item={item} act={act} />}

      <Fields item={item} />
      <ItemDocuments
        itemId={item.id}
        canAttach={involved && ['inReview', 'escalated'].includes(item.status)}
        canDecide={item.status === 'inReview' && item.whyNot === null}
        onChanged={() => void call(api().items.get({ itemId })).then(setItem)}
      />

      <Consultations item={item} act={act} canRecord={involved && ['inReview', 'escalated'].includes(item.status)} canOverride={has('approver') && item.profile.limits.publicInterestOverride} />
      {item.fields.classification !== 'none' && <Declassification item={item} act={act} can={has('secrecyOffice', 'reviewer') && item.status === 'awaitingDeclassification'} />}
      {item.fields.specialDomains.length > 0 && <SpecialApproval item={item} act={act} can={item.registeredByMe} />}
      <Opinions item={item} />
      {(item.registeredByMe || item.signedByMe) && <Objection item={item} act={act} />}
      {(item.status === 'withheld' || item.status === 'deferred') && has('reviewer') && <Reopen item={item} act={act} />}
      {item.status === 'approved' && has('publisher', 'secrecyOffice') && <Recall item={item} act={act} />}
      <History item={item} />
    </Stack>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={5}>{title}</Title>
        {children}
      </Stack>
    </Card>
  );
}

function Fields({ item }: { item: ItemDetail }) {
  const f = item.fields;
  const rows: Array<[string, string]> = [
    ['文号', f.documentNumber],
    ['发布机构', f.issuer],
    ['承办部门', f.department],
    ['形成或变更日期', f.formedOn],
    ['主题分类', f.category],
    ['关键词', f.keywords.join('、')],
    ['内容摘要', f.summary],
    ['拟公开属性', f.disclosure],
    ['发布形式', f.publishForm],
    ['审查方式', f.reviewMode === '依申请审查' ? `依申请审查（申请编号 ${f.applicationNo}，${f.applicationReceivedOn} 收到）` : '主动审查'],
    ['联合制作机关', f.coProducers.join('、')],
    ['涉及的第三方', f.thirdParties.join('、')],
    ['标注密级', f.classification === 'none' ? '未标密级' : `${f.classification}（保密期限 ${f.classificationTerm}）`],
    ['须经批准的领域', f.specialDomains.join('、')],
    ['敏感内容和重要信息', f.sensitive ? '是' : '否'],
  ];
  return (
    <Section title="基本信息">
      <KeyValues rows={rows} />
    </Section>
  );
}

function StepPanel({ item, bases, act }: { item: ItemDetail; bases: BasisEntry[]; act: Act }) {
  const step = item.profile.steps.find((s) => s.id === item.currentStepId)!;
  const [opinionId, setOpinionId] = useState<string | null>(null);
  const [grounds, setGrounds] = useState<Ground[]>([]);
  // Confirmed findings in the carrier files suggest the grounds when an opinion needs them.
  const choose = (id: string) => {
    setOpinionId(id);
    if (grounds.length === 0) setGrounds(item.suggestedGrounds as Ground[]);
  };
  const [chosen, setChosen] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [deferUntil, setDeferUntil] = useState('');
  const opinion = step.opinions.find((o) => o.id === opinionId);
  const needs = opinion ? opinionNeeds(opinion) : { grounds: false, basis: false, reason: false };

  const submit = () =>
    act(() =>
      call(
        api().items.submitOpinion({
          itemId: item.id,
          stepId: step.id,
          opinionId: opinionId ?? '',
          grounds: needs.grounds ? grounds : [],
          bases: needs.basis ? chosen : [],
          reason,
          deferUntil: opinion?.outcome === 'DEFER' ? deferUntil || null : null,
        }),
      ),
    );

  return (
    <Card withBorder shadow="xs" data-testid="step-panel">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>
            当前环节：<span data-testid="step-name">{step.name}</span>
          </Title>
          <Text size="sm" c="dimmed">
            {step.signer} · {step.article}
          </Text>
        </Group>
        {step.instruction && <Text size="sm">{step.instruction}</Text>}
        {step.checklist.length > 0 && (
          <List size="sm" type="ordered">
            {step.checklist.map((c) => (
              <List.Item key={c}>{c}</List.Item>
            ))}
          </List>
        )}
        {item.whyNot ? (
          <Text c="dimmed" data-testid="why-not">
            {item.whyNot}
          </Text>
        ) : (
          <>
            <Radio.Group label="审查意见" value={opinionId} onChange={choose} data-testid="opinions">
              <Group mt="xs">
                {step.opinions.map((o) => (
                  <Radio key={o.id} value={o.id} label={o.label} />
                ))}
              </Group>
            </Radio.Group>
            {needs.grounds && (
              <Checkbox.Group
                label="不予公开（或暂缓、部分公开、报审）的情形"
                description={item.suggestedGrounds.length ? '已按载体文件中确认的发现预选' : undefined}
                value={grounds}
                onChange={(v) => setGrounds(v as Ground[])}
              >
                <SimpleGrid cols={2} mt="xs">
                  {GROUNDS.map((g) => (
                    <Checkbox key={g} value={g} label={GROUND_LABELS[g]} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
            )}
            {needs.basis && (
              <MultiSelect
                label="审查依据"
                searchable
                data={bases.filter((b) => !b.disabled).map((b) => ({ value: b.id, label: `${b.title}${b.documentNumber ? ` ${b.documentNumber}` : ''}` }))}
                value={chosen}
                onChange={setChosen}
              />
            )}
            {(needs.reason || opinion) && (
              <Textarea label={needs.reason ? '理由（必填）' : '说明（可选）'} autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
            )}
            {opinion?.outcome === 'DEFER' && <TextInput label="复查日期" type="date" value={deferUntil} onChange={(e) => setDeferUntil(e.currentTarget.value)} />}
            <Group>
              <Button disabled={!opinionId} onClick={() => void submit()}>
                签署意见
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}

function EscalationPanel({ item, act }: { item: ItemDetail; act: Act }) {
  const open = item.escalations.find((e) => !e.reply);
  const [addressee, setAddressee] = useState<'上级主管部门' | '同级保密行政管理部门'>('同级保密行政管理部门');
  const [authority, setAuthority] = useState('');
  const [materials, setMaterials] = useState<string[]>(ESCALATION_MATERIALS.slice(0, 4));
  const [letterNumber, setLetterNumber] = useState('');
  const [sentOn, setSentOn] = useState(today());
  const [replyOn, setReplyOn] = useState(today());
  const [docNo, setDocNo] = useState('');
  const [conclusion, setConclusion] = useState('');
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
          <TextInput label="报送日期" type="date" value={sentOn} onChange={(e) => setSentOn(e.currentTarget.value)} />
        </SimpleGrid>
        <Button onClick={() => void act(() => call(api().items.escalate({ itemId: item.id, addressee, authority, materials, letterNumber, sentOn })))}>登记报审函</Button>
      </Section>
    );
  return (
    <Section title="报审（登记答复）">
      <Text size="sm">
        已于 {open.sentOn} 报{open.addressee}（{open.authority}），答复期限：{open.deadline ?? '本单位制度未规定'}
      </Text>
      <SimpleGrid cols={2}>
        <TextInput label="答复日期" type="date" value={replyOn} onChange={(e) => setReplyOn(e.currentTarget.value)} />
        <TextInput label="答复文号" value={docNo} onChange={(e) => setDocNo(e.currentTarget.value)} />
      </SimpleGrid>
      <Textarea label="答复结论" value={conclusion} onChange={(e) => setConclusion(e.currentTarget.value)} />
      <Button
        onClick={() =>
          void act(() => call(api().items.escalationReply({ itemId: item.id, escalationId: open.id, replyOn, authority: open.authority, documentNumber: docNo, conclusion })))
        }
      >
        登记答复并恢复审查
      </Button>
    </Section>
  );
}

function Consultations({ item, act, canRecord, canOverride }: { item: ItemDetail; act: Act; canRecord: boolean; canOverride: boolean }) {
  const [kind, setKind] = useState<'agency' | 'thirdParty'>('agency');
  const [party, setParty] = useState('');
  const [matters, setMatters] = useState('');
  const [sentOn, setSentOn] = useState(today());
  const [deadline, setDeadline] = useState('');
  const [reply, setReply] = useState<Record<number, { on: string; reason: string }>>({});
  const [override, setOverride] = useState({ decision: '', reasons: '', noticeSentOn: today() });
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
                <TextInput label="答复日期" type="date" value={r.on} onChange={(e) => setReply({ ...reply, [c.id]: { ...r, on: e.currentTarget.value } })} />
                <TextInput label="对方理由" value={r.reason} onChange={(e) => setReply({ ...reply, [c.id]: { ...r, reason: e.currentTarget.value } })} />
                <Button size="xs" onClick={() => void act(() => call(api().items.consultationReply({ itemId: item.id, consultationId: c.id, reply: 'agree', replyOn: r.on, reason: r.reason })))}>
                  登记同意
                </Button>
                <Button size="xs" color="orange" onClick={() => void act(() => call(api().items.consultationReply({ itemId: item.id, consultationId: c.id, reply: 'disagree', replyOn: r.on, reason: r.reason })))}>
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
                <TextInput label="书面告知第三方日期" type="date" value={override.noticeSentOn} onChange={(e) => setOverride({ ...override, noticeSentOn: e.currentTarget.value })} />
                <Button size="xs" onClick={() => void act(() => call(api().items.override({ itemId: item.id, consultationId: c.id, ...override })))}>
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
            <TextInput label="发函日期" type="date" value={sentOn} onChange={(e) => setSentOn(e.currentTarget.value)} />
            <TextInput label="答复期限（不填则按本单位制度计算）" type="date" value={deadline} onChange={(e) => setDeadline(e.currentTarget.value)} />
          </SimpleGrid>
          <Group>
            <Button variant="light" onClick={() => void act(() => call(api().items.consult({ itemId: item.id, kind, party, matters, sentOn, deadline: deadline || null })))}>
              登记征求意见函
            </Button>
          </Group>
        </Stack>
      )}
    </Section>
  );
}

function Declassification({ item, act, can }: { item: ItemDetail; act: Act; can: boolean }) {
  const [v, setV] = useState({ decidedOn: today(), documentNumber: '', authority: '', filedOn: today(), filedWith: '' });
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
            <TextInput label="解密日期" type="date" value={v.decidedOn} onChange={(e) => setV({ ...v, decidedOn: e.currentTarget.value })} />
            <TextInput label="解密文号" value={v.documentNumber} onChange={(e) => setV({ ...v, documentNumber: e.currentTarget.value })} />
            <TextInput label="解密机关" value={v.authority} onChange={(e) => setV({ ...v, authority: e.currentTarget.value })} />
            <TextInput label="备案日期" type="date" value={v.filedOn} onChange={(e) => setV({ ...v, filedOn: e.currentTarget.value })} />
            <TextInput label="备案的保密行政管理部门" value={v.filedWith} onChange={(e) => setV({ ...v, filedWith: e.currentTarget.value })} />
          </SimpleGrid>
          <Button variant="light" onClick={() => void act(() => call(api().items.declassify({ itemId: item.id, ...v })))}>
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

function SpecialApproval({ item, act, can }: { item: ItemDetail; act: Act; can: boolean }) {
  const [v, setV] = useState({ authority: '', documentNumber: '', approvedOn: today() });
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
            <TextInput label="批准日期" type="date" value={v.approvedOn} onChange={(e) => setV({ ...v, approvedOn: e.currentTarget.value })} />
          </SimpleGrid>
          <Button variant="light" onClick={() => void act(() => call(api().items.specialApproval({ itemId: item.id, ...v })))}>
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

function Opinions({ item }: { item: ItemDetail }) {
  if (!item.opinions.length) return null;
  return (
    <Section title="审查记录">
      <Table withTableBorder data-testid="opinions-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>轮次</Table.Th>
            <Table.Th>环节</Table.Th>
            <Table.Th>签署人</Table.Th>
            <Table.Th>意见</Table.Th>
            <Table.Th>情形、依据和理由</Table.Th>
            <Table.Th>时间</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {item.opinions.map((o, i) => (
            <Table.Tr key={i}>
              <Table.Td>{o.round}</Table.Td>
              <Table.Td>{o.stepName}</Table.Td>
              <Table.Td>
                {o.signer}：{o.userName}
              </Table.Td>
              <Table.Td>
                <b>{o.label}</b>
                {o.deferUntil ? `（复查日期 ${o.deferUntil}）` : ''}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{[o.grounds.join('；'), o.bases.map((b) => b.title).join('、'), o.reason].filter(Boolean).join(' / ')}</Text>
              </Table.Td>
              <Table.Td>{new Date(o.time).toLocaleString('zh-CN', { hour12: false })}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {item.objections.map((o, i) => (
        <Text key={i} size="sm" c="orange" data-testid="objection">
          异议（{o.userName}，{new Date(o.time).toLocaleString('zh-CN', { hour12: false })}）：{o.text}
        </Text>
      ))}
    </Section>
  );
}

function Objection({ item, act }: { item: ItemDetail; act: Act }) {
  const [text, setText] = useState('');
  return (
    <Section title="提出异议">
      <Text size="sm" c="dimmed">
        不同意审查结论的，可在此记录异议；异议随审查记录保存，用于责任认定。
      </Text>
      <Textarea value={text} onChange={(e) => setText(e.currentTarget.value)} aria-label="异议内容" />
      <Group>
        <Button variant="light" color="orange" onClick={() => void act(() => call(api().items.object({ itemId: item.id, text })))}>
          记录异议
        </Button>
      </Group>
    </Section>
  );
}

function Reopen({ item, act }: { item: ItemDetail; act: Act }) {
  const reasons = ['应予公开而认定为不宜公开', '情势变化，不予公开的情形已不存在', '暂缓公开期满'] as const;
  const [reason, setReason] = useState<(typeof reasons)[number]>(reasons[1]);
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

function Recall({ item, act }: { item: ItemDetail; act: Act }) {
  const [v, setV] = useState({ discoveredOn: today(), description: '', measures: '' });
  return (
    <Section title="撤回（发现不应公开的内容）">
      <TextInput label="发现日期" type="date" value={v.discoveredOn} onChange={(e) => setV({ ...v, discoveredOn: e.currentTarget.value })} />
      <Textarea label="情况说明" value={v.description} onChange={(e) => setV({ ...v, description: e.currentTarget.value })} />
      <Textarea label="已采取的补救措施" value={v.measures} onChange={(e) => setV({ ...v, measures: e.currentTarget.value })} />
      <Group>
        <Button color="red" variant="light" onClick={() => void act(() => call(api().items.recall({ itemId: item.id, ...v })))}>
          撤回并登记事件
        </Button>
      </Group>
    </Section>
  );
}

function History({ item }: { item: ItemDetail }) {
  return (
    <Section title="办理经过">
      <Timeline bulletSize={14} lineWidth={2}>
        {item.history.map((h) => (
          <Timeline.Item key={h.seq} title={`${new Date(h.time).toLocaleString('zh-CN', { hour12: false })} · ${h.actorName}`}>
            <Text size="sm">{h.text || h.action}</Text>
            <Badge size="xs" color={h.verified ? 'green' : 'red'} variant="light" data-testid="signature">
              {h.verified ? '签名有效' : '签名无效'}
            </Badge>
          </Timeline.Item>
        ))}
      </Timeline>
    </Section>
  );
}
