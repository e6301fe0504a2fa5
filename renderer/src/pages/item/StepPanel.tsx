import { Button, Card, Checkbox, Group, List, MultiSelect, Radio, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { dropDraft, useDraft } from '../../drafts';
import type { BasisEntry, ItemDetail } from '../../../../shared/types';
import { GROUND_LABELS, GROUNDS, opinionNeeds, type Ground } from '../../../../shared/workflow';
import { api, call } from '../../api';
import { DateField, type Act } from './parts';

export function StepPanel({ item, bases, act }: { item: ItemDetail; bases: BasisEntry[]; act: Act }) {
  const step = item.profile.steps.find((s) => s.id === item.currentStepId)!;
  // The opinion being written survives the idle lock (drafts stay in memory only).
  const draft = `opinion:${item.id}:${step.id}:`;
  const [opinionId, setOpinionId] = useDraft<string | null>(`${draft}opinion`, null);
  const [grounds, setGrounds] = useDraft<Ground[]>(`${draft}grounds`, []);
  // Confirmed findings in the carrier files suggest the grounds when an opinion needs them.
  const choose = (id: string) => {
    setOpinionId(id);
    if (grounds.length === 0) setGrounds(item.suggestedGrounds as Ground[]);
  };
  const [chosen, setChosen] = useDraft<string[]>(`${draft}bases`, []);
  const [reason, setReason] = useDraft(`${draft}reason`, '');
  const [deferUntil, setDeferUntil] = useDraft(`${draft}defer`, '');
  const opinion = step.opinions.find((o) => o.id === opinionId);
  const needs = opinion ? opinionNeeds(opinion) : { grounds: false, basis: false, reason: false };

  const submit = () =>
    act(async () => {
      const signed = await call(
        api().items.submitOpinion({
          itemId: item.id,
          stepId: step.id,
          opinionId: opinionId ?? '',
          grounds: needs.grounds ? grounds : [],
          bases: needs.basis ? chosen : [],
          reason,
          deferUntil: opinion?.outcome === 'DEFER' ? deferUntil || null : null,
        }),
      );
      dropDraft(draft);
      return signed;
    });

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
            {opinion?.outcome === 'DEFER' && <DateField label="复查日期" value={deferUntil} onChange={(d) => setDeferUntil(d)} />}
            <Group>
              <Button disabled={!opinionId} onClick={() => void submit()}>
                签署意见
              </Button>
              {item.access === 'full' && item.openFindings > 0 && (
                <Text size="sm" c="orange.9" data-testid="signing-open-findings">
                  载体文件中尚有 {item.openFindings} 处扫描发现未处理，不能提出或批准公开
                </Text>
              )}
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}
