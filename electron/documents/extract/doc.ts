import WordExtractor from 'word-extractor';
import { DocumentRefused } from '../limits';
import type { Extraction, Segment } from './types';

// Word 97–2003 (.doc): body, headers and footers, footnotes, endnotes, comments and
// text boxes, through word-extractor's reader of the binary format.

export async function extractDoc(buf: Uint8Array): Promise<Extraction> {
  let doc: Awaited<ReturnType<WordExtractor['extract']>>;
  try {
    doc = await new WordExtractor().extract(Buffer.from(buf));
  } catch {
    throw new DocumentRefused('Word 97-2003 文档已损坏、加密或不完整，无法读取');
  }
  const segments: Segment[] = [];
  const add = (location: string, text: string) =>
    text.split(/\r|\n/).forEach((line, i) => line.trim() && segments.push({ location: `${location} 第${i + 1}段`, text: line }));
  add('正文', doc.getBody());
  add('页眉', doc.getHeaders({ includeFooters: false }));
  add('页脚', doc.getFooters());
  add('脚注', doc.getFootnotes());
  add('尾注', doc.getEndnotes());
  add('批注', doc.getAnnotations());
  add('文本框', doc.getTextboxes({ includeHeadersAndFooters: true, includeBody: true }));
  return {
    segments,
    warnings: ['Word 97-2003 文档中的修订记录和文档属性无法完整读取，建议另存为 docx 后再审查'],
    pages: null,
    parts: [
      { name: '正文、页眉页脚、脚注尾注、批注、文本框', what: 'Word 文档流', read: true },
      { name: '修订记录、文档属性、嵌入对象、宏', what: '二进制结构', read: false, reason: 'Word 97-2003 格式的这些部分无法完整解析，建议另存为 docx 后再审查' },
    ],
  };
}
