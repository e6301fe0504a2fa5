import { Badge, Button, Card, FileButton, Group, Progress, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { FINDING_LABELS, type DocumentProgress, type FindingKind } from '../../../../../shared/documents';
import { api, call } from '../../../api';
import { Notice } from '../../../components/Notice';
import { useAction } from '../../../components/useAction';
import { useOp } from '../../../query';
import { DocumentFindings } from './DocumentFindings';

const PHASES: Record<DocumentProgress['phase'], string> = { extract: '正在提取文字', scan: '正在扫描', store: '正在加密保存' };
const size = (n: number) => (n < 1024 * 1024 ? `${Math.ceil(n / 1024)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`);

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(new Error('无法读取所选文件'));
    r.readAsDataURL(file);
  });
}

/** 载体文件: attach, see what the scanner found where, confirm or dismiss each finding. */
export function ItemDocuments({ itemId, canRead, canAttach, canDecide, onChanged }: { itemId: string; canRead: boolean; canAttach: boolean; canDecide: boolean; onChanged: () => void }) {
  const client = useQueryClient();
  const listed = useOp('documents', 'list', { itemId });
  const docs = listed.data ?? [];
  const [chosen, setSelected] = useState<string | null>(null);
  // The reviewer starts on the first file with something to decide, without a click.
  const selected = chosen ?? (canRead ? ((docs.find((d) => d.open > 0) ?? docs[0])?.id ?? null) : null);
  /** After the last finding of a file, J goes on to the next file that has findings. */
  const nextFile = () => {
    const at = docs.findIndex((d) => d.id === selected);
    const next = [...docs.slice(at + 1), ...docs.slice(0, Math.max(0, at))].find((d) => d.open > 0) ?? docs.slice(at + 1).find((d) => d.open + d.confirmed + d.dismissed > 0);
    if (next) setSelected(next.id);
  };
  const [progress, setProgress] = useState<DocumentProgress | null>(null);
  const { error, busy, run } = useAction();

  const load = () => client.invalidateQueries({ queryKey: ['documents'] });
  useEffect(() => api().on('documentProgress', (p) => p.itemId === itemId && setProgress(p)), [itemId]);

  const attach = (file: File | null) =>
    file &&
    run(async () => {
      setProgress({ itemId, name: file.name, phase: 'extract', fraction: 0 });
      try {
        const doc = await call(api().documents.attach({ itemId, name: file.name, content: await readBase64(file) }));
        await load();
        setSelected(doc.id);
        onChanged();
      } finally {
        setProgress(null);
      }
    });

  return (
    <Card withBorder data-testid="documents">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={5}>载体文件</Title>
          {canAttach && (
            <FileButton onChange={(f) => void attach(f)} accept=".docx,.xlsx,.pdf,.doc,.png,.jpg,.jpeg,.html,.htm,.txt">
              {(props) => (
                <Button size="xs" variant="light" loading={busy} {...props}>
                  附加文件
                </Button>
              )}
            </FileButton>
          )}
        </Group>
        {progress && (
          <Stack gap={2} data-testid="document-progress">
            <Text size="sm">
              {progress.name}：{PHASES[progress.phase]}
            </Text>
            <Progress value={Math.round(progress.fraction * 100)} animated />
          </Stack>
        )}
        <Notice error={error ?? (listed.error ? listed.error.message : null)} />
        {docs.length === 0 && <Text size="sm" c="dimmed">尚未附加载体文件。</Text>}
        {docs.length > 0 && !canRead && (
          <Text size="sm" c="dimmed">
            您只能查看载体文件的名称和公开版本，不能查看原件内容。
          </Text>
        )}
        {docs.length > 0 && (
          <Table withTableBorder highlightOnHover>
            <Table.Tbody>
              {docs.map((d) => (
                <Table.Tr key={d.id} style={{ cursor: canRead ? 'pointer' : undefined }} onClick={() => canRead && setSelected(d.id)} data-document={d.name}>
                  <Table.Td>
                    {canRead ? (
                      <UnstyledButton onClick={() => setSelected(d.id)} fw={d.id === selected ? 700 : undefined} aria-pressed={d.id === selected} fz="sm">
                        {d.name}
                      </UnstyledButton>
                    ) : (
                      d.name
                    )}
                  </Table.Td>
                  <Table.Td>{d.typeLabel}</Table.Td>
                  <Table.Td>
                    {size(d.size)}
                    {d.pages ? `，${d.pages} 页` : ''}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {Object.entries(d.counts).map(([k, n]) => (
                        <Badge key={k} size="sm" variant="light" color="orange">
                          {FINDING_LABELS[k as FindingKind]} {n}
                        </Badge>
                      ))}
                      {d.open === 0 && d.confirmed + d.dismissed > 0 && <Badge size="sm" color="green">已全部处理</Badge>}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {selected && canRead && <DocumentFindings key={selected} documentId={selected} canDecide={canDecide} onChanged={onChanged} onEnd={docs.length > 1 ? nextFile : undefined} />}
      </Stack>
    </Card>
  );
}
