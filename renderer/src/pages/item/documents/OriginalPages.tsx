import { Card, Text } from '@mantine/core';
import { FINDING_LABELS, FINDING_STATUS_LABELS, type FindingView } from '../../../../../shared/documents';
import { messageOf } from '../../../api';
import { FilePages, type PageHighlight } from '../../../components/PdfPages';
import { useOp } from '../../../query';

// A PDF or an image shown as its pages (pdf.js), with each finding in the page text
// highlighted where it is drawn.

/** Findings on numbered pages, each with which occurrence of its text on that page it is. */
function highlightsOf(findings: FindingView[], current: number | null): PageHighlight[] {
  const seen = new Map<string, number>();
  return [...findings]
    .sort((a, b) => a.start - b.start)
    .flatMap((f) => {
      const m = /^第(\d+)页$/.exec(f.location);
      if (!m) return [];
      const key = `${m[1]}:${f.text}`;
      const nth = seen.get(key) ?? 0;
      seen.set(key, nth + 1);
      return [{ id: f.id, page: Number(m[1]), text: f.text, nth, status: f.status, current: f.id === current, label: `${FINDING_LABELS[f.kind]}：${FINDING_STATUS_LABELS[f.status]}` }];
    });
}

export function OriginalPages({ documentId, findings, current }: { documentId: string; findings: FindingView[]; current: number | null }) {
  const f = useOp('documents', 'original', { documentId });
  return (
    <Card withBorder padding="xs" data-testid="original-pages">
      <Text size="sm" fw={600} mb={4}>
        原件页面
      </Text>
      {f.data ? (
        <div tabIndex={0} role="region" aria-label="原件页面（可滚动）" className="mantine-focus-auto" style={{ maxHeight: 640, overflow: 'auto' }}>
          <FilePages base64={f.data.base64} type={f.data.type} label="原件" width={560} highlights={highlightsOf(findings, current)} />
        </div>
      ) : (
        <Text size="sm">{f.error ? messageOf(f.error) : '正在读取…'}</Text>
      )}
    </Card>
  );
}
