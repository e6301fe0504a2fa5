import { describe, expect, it } from 'vitest';
import WordExtractor from 'word-extractor';
import { extract } from '../../../electron/documents/analyze';
import { createRedactor } from '../../../electron/redaction';
import { docx } from '../../helpers/fixtures';
import { residentId } from '../../helpers/synthetic';
import { entries, unzipGrep } from './tools';

// For every place the import reads in a .docx, a file with a synthetic ID planted there
// is redacted, then unzipped and searched independently: the ID is nowhere, the text
// that was not redacted is still there, and the proof passes.

const ID = residentId('330106', '19880512', '234');
const KEEP = '其余内容照常公开';
const redactor = createRedactor();
const targets = [{ text: ID, kind: 'ID_CARD', ground: 'PERSONAL_PRIVACY' }];

async function run(parts: Parameters<typeof docx>[0]) {
  const src = docx({ ...parts, body: [KEEP, ...(parts.body ?? [])] });
  const out = await redactor.redact({ bytes: src, name: '名单.docx', targets });
  const proof = await redactor.prove({ original: src, publicVersion: out.bytes, name: out.name, removed: [ID] });
  const text = (await extract(out.bytes, out.name)).extraction.segments.map((s) => s.text).join('\n');
  return { out, proof, text };
}

describe('docx: every hidden place', () => {
  const cases: Array<[string, Parameters<typeof docx>[0]]> = [
    ['body', { body: [`身份证号：${ID}`] }],
    ['body, split across runs', { body: [`身份证号：${ID.slice(0, 5)}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>${ID.slice(5, 12)}</w:t></w:r><w:r><w:t>${ID.slice(12)}`] }],
    ['header', { header: ID }],
    ['footer', { footer: ID }],
    ['footnote', { footnote: ID }],
    ['endnote', { endnote: ID }],
    ['comment', { comment: { author: '张审核', text: `核对：${ID}` } }],
    ['tracked insertion', { inserted: ID }],
    ['tracked deletion', { deleted: ID }],
    ['hidden text', { hidden: ID }],
    ['text box', { textbox: ID }],
    ['core properties', { core: { 'dc:subject': ID, 'dc:creator': '张审核' } }],
    ['custom properties', { custom: { 经办人证件: ID } }],
    ['custom XML', { customXml: ID }],
    ['embedded object name', { embedded: `${ID}.xlsx` }],
  ];
  for (const [label, parts] of cases)
    it(label, async () => {
      const planted = docx({ ...parts, body: [KEEP, ...(parts.body ?? [])] });
      expect(unzipGrep(planted, ID).length + entries(planted).filter((e) => e.includes(ID)).length).toBeGreaterThan(0);
      const { out, proof, text } = await run(parts);
      expect(unzipGrep(out.bytes, ID)).toEqual([]);
      expect(entries(out.bytes).join()).not.toContain(ID);
      expect(text).toContain(KEEP);
      expect(text).not.toContain(ID);
      expect(proof.problems).toEqual([]);
      expect(proof.ok).toBe(true);
    });

  it('keeps the text around a value, puts the mask in its place and reports the removal', async () => {
    const { out, text } = await run({ body: [`张小明 身份证号：${ID.slice(0, 9)}</w:t></w:r><w:r><w:t>${ID.slice(9)} 已核实`] });
    expect(text).toContain('张小明 身份证号：〔已删除〕 已核实');
    expect(out.removals).toEqual([expect.objectContaining({ kind: 'ID_CARD', where: '正文', count: 1, replacement: '〔已删除〕' })]);
    expect(out.type).toBe('docx');
    expect(out.name).toBe('名单（公开版本）.docx');
  });

  it('another reader (word-extractor) opens the public version and finds the kept text only', async () => {
    const { out } = await run({ body: [`身份证号：${ID}`], header: ID, footnote: ID });
    const read = await new WordExtractor().extract(Buffer.from(out.bytes));
    expect(read.getBody()).toContain(KEEP);
    expect(read.getBody() + read.getHeaders() + read.getFootnotes()).not.toContain(ID);
  });

  it('accepts tracked changes and drops comments with their authors, and says so', async () => {
    const { out, text } = await run({ inserted: '新增的段落', deleted: '删掉的段落', comment: { author: '张审核', text: '请核对' } });
    expect(text).toContain('新增的段落');
    expect(text).not.toContain('删掉的段落');
    expect(unzipGrep(out.bytes, '张审核')).toEqual([]);
    expect(entries(out.bytes)).not.toContain('word/comments.xml');
    expect(out.notes.join('\n')).toMatch(/批注/);
    expect(out.notes.join('\n')).toMatch(/修订/);
  });

  it('the proof refuses the original and names the places', async () => {
    const src = docx({ body: [KEEP], comment: { author: '张审核', text: ID }, customXml: ID });
    const proof = await redactor.prove({ original: src, publicVersion: src, name: 'a.docx', removed: [ID] });
    expect(proof.ok).toBe(false);
    expect(proof.problems.join('\n')).toMatch(/批注/);
    expect(proof.problems.join('\n')).toMatch(/自定义 XML/);
  });
});
