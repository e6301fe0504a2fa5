import { zipSync } from 'fflate';
import { extractDoc } from '../documents/extract/doc';
import type { Plan } from './plan';
import { el, serializeXml } from './xml-tree';

// Word 97–2003 cannot be edited safely in place (its text, revisions and properties are
// spread over binary tables), so its public version is a new, clean .docx holding the
// text of the body, paragraph by paragraph, redacted. The reviewer is told so.

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

function docxOf(paragraphs: string[]): Uint8Array {
  const body = paragraphs.map((p) => el('w:p', {}, [el('w:r', {}, [el('w:t', { 'xml:space': 'preserve' }, [{ type: 'text', text: p }])])]));
  const xml = (root: ReturnType<typeof el>) => serializeXml(el('#root', {}, [root]));
  return zipSync(
    {
      '[Content_Types].xml': xml(
        el('Types', { xmlns: 'http://schemas.openxmlformats.org/package/2006/content-types' }, [
          el('Default', { Extension: 'rels', ContentType: 'application/vnd.openxmlformats-package.relationships+xml' }),
          el('Default', { Extension: 'xml', ContentType: 'application/xml' }),
          el('Override', { PartName: '/word/document.xml', ContentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml' }),
        ]),
      ),
      '_rels/.rels': xml(
        el('Relationships', { xmlns: 'http://schemas.openxmlformats.org/package/2006/relationships' }, [
          el('Relationship', { Id: 'rId1', Type: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument', Target: 'word/document.xml' }),
        ]),
      ),
      'word/document.xml': xml(el('w:document', { 'xmlns:w': W }, [el('w:body', {}, body)])),
    },
    { level: 6, mtime: new Date('2000-01-01T00:00:00Z') },
  );
}

export async function redactDoc(buf: Uint8Array, plan: Plan): Promise<{ bytes: Uint8Array; notes: string[]; type: 'docx' }> {
  const { segments } = await extractDoc(buf);
  const body = segments.filter((s) => s.location.startsWith('正文')).map((s) => plan.apply(s.text, '正文'));
  const dropped = segments.filter((s) => !s.location.startsWith('正文')).length;
  const notes = ['原文件是 Word 97-2003 文档（doc），公开版本是只含正文文字的新 docx 文档：原有的格式、表格、图片、页眉页脚、脚注、批注、修订和文档属性都不保留'];
  if (dropped) notes.push(`页眉页脚、脚注尾注、批注和文本框中的 ${dropped} 段文字未放入公开版本`);
  return { bytes: docxOf(body), notes, type: 'docx' };
}
