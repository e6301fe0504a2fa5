import { strToU8, zipSync } from 'fflate';
import { png } from '../../../helpers/fixtures';
import { DOCX_MORE_BODY, DOCX_MORE_MARKERS, DOCX_MORE_RELS, docxMoreParts } from './docx-more';
import { xlsxWithMarkers } from './xlsx-build';

// A .docx with a unique marker in every place WordprocessingML lets text live. Each
// marker is MARK-docx-<place>; the coverage test fails on any marker the import misses.

const x = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${body}`;
const NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const p = (inner: string, pPr = '') => `<w:p>${pPr}${inner}</w:p>`;
const r = (t: string, rPr = '') => `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${t}</w:t></w:r>`;

/** Markers planted in a docx, by place. */
export const DOCX_MARKERS = [
  'body', 'table', 'header', 'footer', 'footnote', 'endnote', 'comment', 'cauthor', 'insert', 'delete', 'revauthor',
  'hidden', 'textbox', 'descr', 'alttitle', 'instr', 'fldsimple', 'hyperlink-tooltip', 'link', 'mailto', 'customxml',
  'cxattr', 'core-title', 'company', 'app-other', 'custom-prop', 'glossary', 'docvar', 'sdt-alias', 'sdt-content',
  'math', 'bookmark', 'ffdata', 'ffhelp', 'people', 'vml-alt', 'embedded-xlsx', 'image-text', 'ole-path',
].map((m) => `MARK-docx-${m}`).concat(DOCX_MORE_MARKERS);

/** An OLE object whose header names the source file, as Word's Package objects do (UTF-16LE path). */
function oleObject(): Uint8Array {
  const head = Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]);
  const path = Buffer.from('C:\\Users\\MARK-docx-ole-path\\报表.xlsx', 'utf16le');
  return Buffer.concat([head, Buffer.from([0, 0, 0, 0]), path, Buffer.alloc(64)]);
}

export function docxWithMarkers(opts: { embedded?: Uint8Array } = {}): Uint8Array {
  const M = (s: string) => `MARK-docx-${s}`;
  const body = [
    p(r(M('body'))),
    `<w:tbl><w:tr><w:tc>${p(r(M('table')))}</w:tc></w:tr></w:tbl>`,
    p(`<w:ins w:id="1" w:author="${M('revauthor')}" w:date="2026-11-20T00:00:00Z">${r(M('insert'))}</w:ins>`),
    p(`<w:del w:id="2" w:author="审稿人"><w:r><w:delText>${M('delete')}</w:delText></w:r></w:del>`),
    p(r('可见') + r(M('hidden'), '<w:vanish/>')),
    p(`<w:r><w:pict><v:shape alt="${M('vml-alt')}"><v:textbox><w:txbxContent>${p(r(M('textbox')))}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>`),
    p(`<w:r><w:drawing><wp:inline><wp:docPr id="1" name="图片 1" descr="${M('descr')}" title="${M('alttitle')}"/><a:graphic><a:graphicData><pic:pic><pic:blipFill><a:blip r:embed="rIdImg"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`),
    p(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "http://example.org/${M('instr')}" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`),
    p(`<w:fldSimple w:instr=" AUTHOR ${M('fldsimple')} "><w:r><w:t>作者</w:t></w:r></w:fldSimple>`),
    p(`<w:hyperlink r:id="rIdLink" w:tooltip="${M('hyperlink-tooltip')}">${r('链接')}</w:hyperlink><w:hyperlink r:id="rIdMail">${r('邮件')}</w:hyperlink>`),
    `<w:sdt><w:sdtPr><w:alias w:val="${M('sdt-alias')}"/><w:tag w:val="tag1"/></w:sdtPr><w:sdtContent>${p(r(M('sdt-content')))}</w:sdtContent></w:sdt>`,
    p(`<m:oMath><m:r><m:t>${M('math')}</m:t></m:r></m:oMath>`),
    p(`<w:bookmarkStart w:id="0" w:name="${M('bookmark')}"/>${r('书签')}<w:bookmarkEnd w:id="0"/>`),
    p(`<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="${M('ffdata')}"/><w:helpText w:type="text" w:val="${M('ffhelp')}"/><w:textInput><w:default w:val="默认"/></w:textInput></w:ffData></w:fldChar></w:r>`),
    p(`<w:commentRangeStart w:id="0"/>${r('有批注')}<w:commentRangeEnd w:id="0"/>`),
    p(`<w:r><w:object><o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" r:id="rIdXlsx"/></w:object></w:r>`),
    ...DOCX_MORE_BODY,
  ];
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(x('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')),
    '_rels/.rels': strToU8(x(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`)),
    'word/document.xml': strToU8(x(`<w:document ${NS}><w:body>${body.join('')}</w:body></w:document>`)),
    'word/_rels/document.xml.rels': strToU8(
      x(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdLink" Type="${REL}/hyperlink" Target="http://example.org/${M('link')}" TargetMode="External"/><Relationship Id="rIdMail" Type="${REL}/hyperlink" Target="mailto:${M('mailto')}@example.org" TargetMode="External"/><Relationship Id="rIdImg" Type="${REL}/image" Target="media/image1.png"/><Relationship Id="rIdXlsx" Type="${REL}/package" Target="embeddings/Microsoft_Excel_Worksheet.xlsx"/><Relationship Id="rIdOle" Type="${REL}/oleObject" Target="embeddings/oleObject1.bin"/>${DOCX_MORE_RELS}</Relationships>`,
      ),
    ),
    'word/header1.xml': strToU8(x(`<w:hdr ${NS}>${p(r(M('header')))}</w:hdr>`)),
    'word/footer1.xml': strToU8(x(`<w:ftr ${NS}>${p(r(M('footer')))}</w:ftr>`)),
    'word/footnotes.xml': strToU8(x(`<w:footnotes ${NS}><w:footnote w:id="1">${p(r(M('footnote')))}</w:footnote></w:footnotes>`)),
    'word/endnotes.xml': strToU8(x(`<w:endnotes ${NS}><w:endnote w:id="1">${p(r(M('endnote')))}</w:endnote></w:endnotes>`)),
    'word/comments.xml': strToU8(x(`<w:comments ${NS}><w:comment w:id="0" w:author="${M('cauthor')}" w:initials="MD">${p(r(M('comment')))}</w:comment></w:comments>`)),
    'word/glossary/document.xml': strToU8(x(`<w:glossaryDocument ${NS}><w:docParts><w:docPart><w:docPartBody>${p(r(M('glossary')))}</w:docPartBody></w:docPart></w:docParts></w:glossaryDocument>`)),
    'word/settings.xml': strToU8(x(`<w:settings ${NS}><w:docVars><w:docVar w:name="经办人" w:val="${M('docvar')}"/></w:docVars></w:settings>`)),
    'word/people.xml': strToU8(x(`<w15:people ${NS}><w15:person w15:author="${M('people')}"><w15:presenceInfo w15:providerId="None" w15:userId="${M('people')}"/></w15:person></w15:people>`)),
    'word/styles.xml': strToU8(x(`<w:styles ${NS}><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`)),
    'customXml/item1.xml': strToU8(x(`<root><person id="${M('cxattr')}"><idno>${M('customxml')}</idno></person></root>`)),
    'docProps/core.xml': strToU8(x(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${M('core-title')}</dc:title></cp:coreProperties>`)),
    'docProps/app.xml': strToU8(x(`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Company>${M('company')}</Company><HyperlinkBase>${M('app-other')}</HyperlinkBase></Properties>`)),
    'docProps/custom.xml': strToU8(
      x(`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="承办人"><vt:lpwstr>${M('custom-prop')}</vt:lpwstr></property></Properties>`),
    ),
    'word/media/image1.png': png({ tEXt: ['Comment', M('image-text')] }),
    'word/embeddings/Microsoft_Excel_Worksheet.xlsx': opts.embedded ?? xlsxWithMarkers({ only: 'MARK-docx-embedded-xlsx' }),
    'word/embeddings/oleObject1.bin': oleObject(),
    'word/fonts/font1.odttf': Uint8Array.from([0, 1, 0, 0, 0, 12, 0x80, 0]),
    'word/vbaProject.bin': Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0, 1, 2, 3]),
    ...docxMoreParts(),
  };
  return zipSync(files);
}
