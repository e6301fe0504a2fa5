import { Anchor, Button, Group, List, Stack, Text, Title } from '@mantine/core';
import { APPLICANT_KIND_LABELS } from '../../../../shared/applications';
import type { ApplicationView } from '../../../../shared/ops/applications';
import { api, call, messageOf } from '../../api';
import { saveFile } from '../../files';
import { KeyValues } from '../../components/KeyValues';
import { Notice } from '../../components/Notice';
import { useAction } from '../../components/useAction';
import { useOp } from '../../query';
import { ApplicationActions } from './Actions';
import { NoticePrint } from './NoticePrint';
import { DueText } from './parts';

// One application: the whole 申请表 (identity number in full, here only), the clock, what
// has happened to it, its actions and notices, and the review item behind the reply.

function steps(a: ApplicationView): string[] {
  const out: string[] = [];
  if (a.splitFrom) out.push('由一个含多项内容的申请按“一事一申请”拆分而来');
  if (a.correction) out.push(`${a.correction.requestedOn} 告知补正：${a.correction.text}${a.correction.receivedOn ? `；${a.correction.receivedOn} 收到补正，答复期限自该日起计算` : '（等待补正，答复期限中止）'}`);
  if (a.thirdParty)
    out.push(`${a.thirdParty.letterOn} 书面征求${a.thirdParty.kind === 'agency' ? '共同制作机关' : '第三方'}“${a.thirdParty.party}”意见${a.thirdParty.concern ? `（${a.thirdParty.concern}）` : ''}；应于 ${a.thirdParty.letterDue ?? '—'} 前发函${a.thirdParty.late ? '，已逾期发函' : ''}`);
  if (a.extension) out.push(`${a.extension.approvedOn} 经${a.extension.approvedBy}同意延期答复 ${a.extension.days} 个工作日：${a.extension.reason}`);
  if (a.reply) out.push(`${a.reply.on} 答复：${a.reply.type}（${a.reply.subtype}）${a.reply.text ? `：${a.reply.text}` : ''}`);
  return out;
}

export function ApplicationPage({ id, onBack, onItem }: { id: string; onBack: () => void; onItem: (itemId: string) => void }) {
  const q = useOp('applications', 'get', { applicationId: id });
  const download = useAction();
  const a = q.data;
  if (q.error) return <Notice error={messageOf(q.error)} />;
  if (!a) return <Text c="dimmed">正在加载</Text>;
  const versions = a.reply?.detail.publicVersions ?? [];
  return (
    <Stack maw={1000}>
      <Group justify="space-between">
        <Title order={3}>政府信息公开申请 {a.number}</Title>
        <Group>
          <Button variant="subtle" onClick={onBack}>
            返回
          </Button>
          {a.itemId && (
            <Button variant="light" onClick={() => onItem(a.itemId!)}>
              查看审查事项
            </Button>
          )}
          <NoticePrint a={a} />
        </Group>
      </Group>
      <KeyValues
        rows={[
          ['状态', <span data-testid="application-status">{a.reply ? `已答复：${a.reply.type}（${a.reply.subtype}）` : a.statusLabel}</span>],
          ['答复期限', <DueText a={a} />],
          ['收到日期', `${a.receivedOn}（${a.receivedVia}）`],
          ['申请人', `${a.applicantName}（${APPLICANT_KIND_LABELS[a.applicantKind as keyof typeof APPLICANT_KIND_LABELS] ?? a.applicantKind}）`],
          ['身份证明', `${a.idType} ${a.idNumber}`],
          ['联系方式', a.contact],
          ['通信地址', a.address || '—'],
          ['申请公开的政府信息', a.request],
          ['用途描述', a.purpose || '—'],
          ['形式要求', a.deliveryForm],
        ]}
      />
      {steps(a).length > 0 && (
        <Stack gap={4}>
          <Title order={5}>办理经过</Title>
          <List size="sm" data-testid="application-steps">
            {steps(a).map((s) => (
              <List.Item key={s}>{s}</List.Item>
            ))}
          </List>
        </Stack>
      )}
      {versions.length > 0 && (
        <Stack gap={4}>
          <Title order={5}>提供的公开版本</Title>
          {versions.map((v) => (
            <Group key={v.id} gap="xs">
              <Anchor
                component="button"
                onClick={() =>
                  void download.run(async () => {
                    const f = await call(api().publicVersions.file({ id: v.id }));
                    saveFile(f.name, f.base64);
                  })
                }
              >
                {v.name}
              </Anchor>
              <Text size="xs" c="dimmed">
                SHA-256 {v.sha256}
              </Text>
            </Group>
          ))}
          <Notice error={download.error} />
        </Stack>
      )}
      <ApplicationActions a={a} />
    </Stack>
  );
}
