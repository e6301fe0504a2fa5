import { Alert, Badge, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Role } from '../../../../shared/roles';
import type { BasisEntry, ItemDetail, SessionUser } from '../../../../shared/types';
import { messageOf } from '../../api';
import { opKey, useOp } from '../../query';
import { Deadlines } from '../../components/Deadlines';
import { Notice } from '../../components/Notice';
import { useAction } from '../../components/useAction';
import { ItemDocuments } from './documents/ItemDocuments';
import { Fields } from './Fields';
import { EscalationPanel, Consultations } from './Letters';
import type { Act } from './parts';
import { Declassification, Objection, Recall, Reopen, SpecialApproval } from './Records';
import { PrintButton } from './Print';
import { PublicVersions } from './PublicVersions';
import { ShortcutHelp } from './Shortcuts';
import { StepPanel } from './StepPanel';
import { History, Opinions } from './Trail';

// The item page: what the item is, where it stands, what the current user may do with it.
// Each part is its own component; this file only places them.

export function ItemPage({ itemId, user, onBack }: { itemId: string; user: SessionUser; onBack: () => void }) {
  const client = useQueryClient();
  const loaded = useOp('items', 'get', { itemId });
  const bases: BasisEntry[] = useOp('bases', 'list', undefined).data ?? [];
  const item = loaded.data;
  const { error, run } = useAction();
  const [done, setDone] = useState<string | null>(null);
  const [help, setHelp] = useState(false);
  /** An item changed: show the new state at once, and refresh the lists it appears in. */
  const changed = (next: ItemDetail) => {
    client.setQueryData(opKey('items', 'get', { itemId }), next);
    void client.invalidateQueries({ queryKey: ['items', 'list'] });
  };

  const act: Act = (fn) =>
    run(async () => {
      setDone(null);
      changed(await fn());
      setDone('已保存');
    });

  /** To the first undecided finding, with the focus there, so the keyboard loop (J/Y/N) starts from it. */
  const goToFindings = () => {
    const row = document.querySelector<HTMLElement>('[data-testid="document-findings"] tr[data-status="open"]');
    const target = row ?? document.querySelector<HTMLElement>('[data-testid="documents"]');
    target?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    row?.focus({ preventScroll: true });
  };

  if (!item) return <Notice error={error ?? (loaded.error ? messageOf(loaded.error) : null)} />;
  const has = (...roles: Role[]) => roles.some((r) => user.roles.includes(r));
  const involved = item.access === 'full' && (item.registeredByMe || item.signedByMe || has('reviewer'));

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
          {item.access === 'full' && item.openFindings > 0 && (
            <Badge size="lg" color="orange" variant="outline" data-testid="open-findings-count">
              {item.openFindings} 处发现未处理
            </Badge>
          )}
        </Group>
        <Group>
          <ShortcutHelp itemId={item.id} open={help} onOpen={setHelp} onMessage={setDone} />
          <Text c="dimmed">
            {item.profile.name}（第 {item.profileVersion} 版）
          </Text>
          {item.access === 'full' && <PrintButton item={item} />}
        </Group>
      </Group>
      <Deadlines deadlines={item.deadlines} />
      <Notice error={error} success={done} />

      {item.openFindings > 0 && item.access === 'full' && (
        <Alert color="orange" title={`载体文件中尚有 ${item.openFindings} 处扫描发现未处理`} data-testid="open-findings">
          <Group justify="space-between">
            <Text size="sm">逐一确认或排除（或按类别批量处理）后，才能提出或批准公开。</Text>
            <Button size="xs" variant="light" onClick={goToFindings}>
              去处理
            </Button>
          </Group>
        </Alert>
      )}
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
        canRead={item.access === 'full'}
        canAttach={involved && ['inReview', 'escalated'].includes(item.status)}
        canDecide={item.status === 'inReview' && item.whyNot === null}
        onChanged={() => void client.invalidateQueries({ queryKey: ['items'] })}
      />

      <PublicVersions itemId={item.id} canProduce={item.status === 'inReview' && (involved || (item.access === 'full' && item.whyNot === null))} canReadOriginals={item.access === 'full'} />

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
