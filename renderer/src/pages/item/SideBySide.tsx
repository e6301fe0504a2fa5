import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { DocumentView } from '../../../../shared/documents';
import type { PublicVersionView } from '../../../../shared/ops/publication';
import { messageOf } from '../../api';
import { FilePages, HAS_PAGES } from '../../components/PdfPages';
import { useOp } from '../../query';

// Original | public version. PDF and images are shown as their pages (pdf.js); other
// formats as the text the import reads back from each, located part by part.

const box = { whiteSpace: 'pre-wrap', fontSize: 13, maxHeight: 420, overflow: 'auto', border: '1px solid #eee', padding: 8 } as const;

export function SideBySide({ doc, version, showOriginal }: { doc: DocumentView; version: PublicVersionView; showOriginal: boolean }) {
  const pages = HAS_PAGES.includes(doc.type) && HAS_PAGES.includes(version.type);
  return (
    <Stack gap="xs">
      <SimpleGrid cols={showOriginal ? 2 : 1} data-testid="side-by-side">
        {showOriginal && (
          <Stack gap={4}>
            <Text fw={600} size="sm">
              原件：{doc.name}
            </Text>
            {pages ? <OriginalPages documentId={doc.id} /> : <OriginalText documentId={doc.id} />}
          </Stack>
        )}
        <Stack gap={4}>
          <Text fw={600} size="sm">
            公开版本：{version.name}（SHA-256 {version.sha256.slice(0, 16)}…）
          </Text>
          {pages && <PublicPages id={version.id} />}
          <PublicText id={version.id} />
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

function OriginalPages({ documentId }: { documentId: string }) {
  const f = useOp('documents', 'original', { documentId });
  return f.data ? <FilePages base64={f.data.base64} type={f.data.type} label="原件" width={380} /> : <Text size="sm">{f.error ? messageOf(f.error) : '正在读取…'}</Text>;
}

function PublicPages({ id }: { id: string }) {
  const f = useOp('publicVersions', 'file', { id });
  return f.data ? <FilePages base64={f.data.base64} type={f.data.type} label="公开版本" width={380} /> : <Text size="sm">{f.error ? messageOf(f.error) : '正在读取…'}</Text>;
}

function OriginalText({ documentId }: { documentId: string }) {
  const t = useOp('documents', 'text', { documentId, offset: 0, length: 20_000 });
  return (
    <div style={box} data-testid="original-text">
      {t.data?.text ?? (t.error ? messageOf(t.error) : '正在读取…')}
    </div>
  );
}

/** What the public version really contains, as the import reads it back. */
function PublicText({ id }: { id: string }) {
  const t = useOp('publicVersions', 'text', { id });
  return (
    <div style={box} data-testid="public-text">
      {t.data?.text ?? (t.error ? messageOf(t.error) : '正在读取…')}
    </div>
  );
}
