import { PDFHexString, PDFName, PDFString, type PDFDocument, type PDFPage, type PDFRef } from 'pdf-lib';
import { docx } from '../../../helpers/fixtures';

// Places of a PDF beyond pages, common annotations, fields and the document's own
// dictionaries, read against ISO 32000-1: page labels (§12.4.2), optional content group
// names (§8.11), structure elements' Alt/ActualText/T (§14.7, §14.9), rich-text and
// redaction annotations (§12.5.6.23), a file attached by an annotation (§12.5.6.15),
// widget captions (§12.5.6.19 MK), remote go-to and launch paths (§12.6.4), page
// additional actions (§12.6.3), nested outline items, invisible text (render mode 3) and
// a form XObject no page draws. Each marker is MARK-pdf-<place>.

export const PDF_MORE_MARKERS = [
  'label-prefix', 'ocg-name', 'struct-alt', 'struct-title', 'annot-rc', 'redact-overlay', 'annot-file-desc', 'annot-file',
  'button-caption', 'gotor-path', 'launch-path', 'aa-open-js', 'child-outline', 'invisible', 'orphan-xobject',
].map((m) => `MARK-pdf-${m}`);

const M = (s: string) => `MARK-pdf-${s}`;
const hex = (s: string) => PDFHexString.fromText(s);

export function plantMore(doc: PDFDocument, page: PDFPage, helv: PDFRef): void {
  const ctx = doc.context;
  page.node.setFontDictionary(PDFName.of('FH'), helv);
  doc.catalog.set(PDFName.of('PageLabels'), ctx.obj({ Nums: [0, ctx.obj({ S: 'D', P: hex(M('label-prefix')) })] }));
  const ocg = ctx.register(ctx.obj({ Type: 'OCG', Name: hex(M('ocg-name')) }));
  doc.catalog.set(PDFName.of('OCProperties'), ctx.obj({ OCGs: [ocg], D: { Order: [ocg] } }));
  const root = ctx.nextRef();
  const elem = ctx.register(ctx.obj({ Type: 'StructElem', S: 'Figure', P: root, Pg: page.ref, Alt: hex(M('struct-alt')), T: hex(M('struct-title')) }));
  ctx.assign(root, ctx.obj({ Type: 'StructTreeRoot', K: [elem] }));
  doc.catalog.set(PDFName.of('StructTreeRoot'), root);

  const file = ctx.register(ctx.flateStream(docx({ body: [M('annot-file')] }), { Type: 'EmbeddedFile' }));
  const spec = ctx.obj({ Type: 'Filespec', F: PDFString.of('annot.docx'), UF: hex('批注附件.docx'), EF: { F: file }, Desc: hex(M('annot-file-desc')) });
  const more = [
    { Subtype: 'Text', Rect: [80, 600, 100, 620], RC: hex(`<?xml version="1.0"?><body xmlns="http://www.w3.org/1999/xhtml"><p>${M('annot-rc')}</p></body>`) },
    { Subtype: 'Redact', Rect: [80, 560, 200, 580], OverlayText: hex(M('redact-overlay')) },
    { Subtype: 'FileAttachment', Rect: [80, 520, 100, 540], FS: spec, Name: 'Paperclip' },
    { Subtype: 'Widget', FT: 'Btn', Ff: 65536, T: hex('按钮'), Rect: [300, 600, 400, 620], MK: { CA: hex(M('button-caption')) } },
    { Subtype: 'Link', Rect: [80, 480, 200, 490], A: { S: 'GoToR', F: hex(`C:\\Users\\${M('gotor-path')}\\名单.pdf`), D: [0, 'Fit'] } },
    { Subtype: 'Link', Rect: [80, 460, 200, 470], A: { S: 'Launch', F: hex(`\\\\server\\${M('launch-path')}\\run.bat`) } },
  ].map((a) => ctx.register(ctx.obj({ Type: 'Annot', ...a })));
  const annots = page.node.Annots();
  for (const a of more) annots?.push(a);
  page.node.set(PDFName.of('AA'), ctx.obj({ O: { S: 'JavaScript', JS: PDFString.of(`var opened = '${M('aa-open-js')}';`) } }));

  // A child under the first bookmark.
  const outlines = doc.catalog.lookup(PDFName.of('Outlines'));
  const first = outlines && 'get' in outlines ? (outlines as unknown as { get(n: PDFName): unknown }).get(PDFName.of('First')) : undefined;
  if (first) {
    const parent = ctx.lookup(first as never) as unknown as { set(n: PDFName, v: unknown): void };
    const child = ctx.register(ctx.obj({ Title: hex(M('child-outline')), Parent: first as never, Dest: [page.ref, 'Fit'] }));
    parent.set(PDFName.of('First'), child);
    parent.set(PDFName.of('Last'), child);
    parent.set(PDFName.of('Count'), ctx.obj(1));
  }

  // Invisible text (render mode 3), as OCR layers and some redaction tools leave behind.
  page.node.addContentStream(ctx.register(ctx.stream(`BT /FH 1 Tf 3 Tr 50 100 Td (${M('invisible')}) Tj ET`)));
  // A form XObject with text that no page draws.
  ctx.register(ctx.stream(`BT /FH 12 Tf 0 0 Td (${M('orphan-xobject')}) Tj ET`, { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 100, 100], Resources: { Font: { FH: helv } } }));
}
