import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts, type PDFRef } from 'pdf-lib';
import sharp from 'sharp';
import { docx, png } from '../../../helpers/fixtures';
import { PDF_MORE_MARKERS, plantMore } from './pdf-more';

// A PDF with a unique marker in every place the format lets text live, built with
// pdf-lib's high- and low-level APIs. MARK-pdf-<place>; the coverage test fails on any
// marker the import misses.

export const PDF_MARKERS = [
  'page', 'nocmap', 'actualtext', 'annot-text', 'annot-author', 'annot-freetext', 'annot-highlight', 'annot-square-subj',
  'annot-stamp', 'link-uri', 'appearance', 'field-value', 'field-tooltip', 'field-default', 'field-name', 'option',
  'orphan-field', 'outline', 'js-doc', 'js-stream', 'action-uri', 'attach-desc', 'attached-docx', 'title', 'author',
  'subject', 'keywords', 'info-custom', 'xmp-description', 'xmp-custom', 'pdict', 'image-exif',
].map((m) => `MARK-pdf-${m}`).concat(PDF_MORE_MARKERS);

const hexText = (s: string) => PDFHexString.fromText(s);

export async function pdfWithMarkers(): Promise<Uint8Array> {
  const M = (s: string) => `MARK-pdf-${s}`;
  const doc = await PDFDocument.create();
  const ctx = doc.context;
  const page = doc.addPage([595, 842]);
  const helv = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText(M('page'), { x: 50, y: 780, size: 12, font: helv });

  // A simple font whose encoding scrambles the letters (each code draws the letter 13 places
  // on) and has no ToUnicode map: a reader shows ZNEX…, while the bytes still say MARK….
  const DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
  const glyph = (code: number): string => {
    const c = String.fromCharCode(code);
    if (/[A-Za-z]/.test(c)) {
      const base = c <= 'Z' ? 65 : 97;
      return String.fromCharCode(((code - base + 13) % 26) + base);
    }
    if (/\d/.test(c)) return DIGITS[(Number(c) + 5) % 10]!;
    return c === '-' ? 'hyphen' : 'space';
  };
  const differences = ctx.obj([32, ...Array.from({ length: 95 }, (_, i) => PDFName.of(glyph(32 + i)))]);
  const odd = ctx.register(ctx.obj({ Type: 'Font', Subtype: 'Type1', BaseFont: 'Unknown-Glyphs', FirstChar: 32, LastChar: 126, Widths: Array(95).fill(500), Encoding: ctx.obj({ Type: 'Encoding', Differences: differences }) }));
  page.node.setFontDictionary(PDFName.of('FX'), odd);
  const raw = `BT /FX 12 Tf 50 700 Td (${M('nocmap')}) Tj ET\n/Span <</ActualText (${M('actualtext')})>> BDC BT /FX 12 Tf 50 680 Td (x) Tj ET EMC\n`;
  page.node.addContentStream(ctx.register(ctx.stream(raw)));

  // Annotations of each kind, one with an appearance stream that draws its own text.
  const helvRef = (helv as unknown as { ref: PDFRef }).ref;
  const ap = ctx.register(ctx.stream(`BT /H 10 Tf 2 2 Td (${M('appearance')}) Tj ET`, { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 200, 20], Resources: { Font: { H: helvRef } } }));
  const annots = [
    { Subtype: 'Text', Rect: [50, 600, 70, 620], Contents: hexText(M('annot-text')), T: hexText(M('annot-author')) },
    { Subtype: 'FreeText', Rect: [50, 560, 250, 580], Contents: hexText(M('annot-freetext')), DA: PDFString.of('/Helv 10 Tf 0 g'), AP: { N: ap } },
    { Subtype: 'Highlight', Rect: [50, 540, 150, 550], QuadPoints: [50, 550, 150, 550, 50, 540, 150, 540], Contents: hexText(M('annot-highlight')) },
    { Subtype: 'Square', Rect: [50, 500, 100, 530], Subj: hexText(M('annot-square-subj')) },
    { Subtype: 'Stamp', Rect: [300, 500, 400, 530], Contents: hexText(M('annot-stamp')) },
    { Subtype: 'Link', Rect: [50, 480, 150, 490], A: { S: 'URI', URI: PDFString.of(`http://example.org/${M('link-uri')}`) } },
  ].map((a) => ctx.register(ctx.obj({ Type: 'Annot', ...a })));
  page.node.set(PDFName.of('Annots'), ctx.obj(annots));
  page.node.set(PDFName.of('MarkData'), hexText(M('pdict')));

  // Form fields: value, default value, tooltip, options, and a field with no widget on any page.
  const form = doc.getForm();
  const field = form.createTextField(M('field-name'));
  field.setText(M('field-value'));
  field.addToPage(page, { x: 300, y: 700, width: 200, height: 20 });
  field.acroField.dict.set(PDFName.of('TU'), hexText(M('field-tooltip')));
  field.acroField.dict.set(PDFName.of('DV'), hexText(M('field-default')));
  const choice = form.createDropdown('选项');
  choice.addOptions([M('option'), '否']);
  choice.addToPage(page, { x: 300, y: 650, width: 200, height: 20 });
  form.createTextField('无控件').setText(M('orphan-field'));

  // Bookmarks.
  const outlines = ctx.nextRef();
  const item = ctx.register(ctx.obj({ Title: hexText(M('outline')), Parent: outlines, Dest: [page.ref, 'Fit'] }));
  ctx.assign(outlines, ctx.obj({ Type: 'Outlines', First: item, Last: item, Count: 1 }));
  doc.catalog.set(PDFName.of('Outlines'), outlines);

  // Document JavaScript (a name tree entry and an open action whose script is a stream).
  const js = ctx.register(ctx.obj({ S: 'JavaScript', JS: PDFString.of(`app.alert('${M('js-doc')}');`) }));
  doc.catalog.set(PDFName.of('Names'), ctx.obj({ JavaScript: ctx.obj({ Names: [PDFString.of('doc'), js] }) }));
  const jsStream = ctx.register(ctx.stream(`var who = '${M('js-stream')}';`));
  doc.catalog.set(PDFName.of('OpenAction'), ctx.obj({ S: 'JavaScript', JS: jsStream, Next: ctx.obj({ S: 'URI', URI: PDFString.of(`http://example.org/${M('action-uri')}`) }) }));

  // An attached file: read by its own reader.
  await doc.attach(docx({ body: [M('attached-docx')] }), '名单.docx', { mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', description: M('attach-desc') });

  // An image, whose pixels are listed but not read; a photo's EXIF is read.
  const image = await doc.embedPng(png({}));
  page.drawImage(image, { x: 400, y: 400, width: 10, height: 10 });
  const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).jpeg().withExif({ IFD0: { ImageDescription: M('image-exif') } }).toBuffer();
  page.drawImage(await doc.embedJpg(photo), { x: 420, y: 400, width: 10, height: 10 });

  // Document information and XMP, with an element no common schema names.
  doc.setTitle(M('title'));
  doc.setAuthor(M('author'));
  doc.setSubject(M('subject'));
  doc.setKeywords([M('keywords')]);
  // A custom key in the information dictionary (pdf-lib has no public setter for one).
  const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
  info.set(PDFName.of('Department'), hexText(M('info-custom')));
  const xmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:gov="http://example.org/gov/"><dc:description><rdf:Alt><rdf:li xml:lang="x-default">${M('xmp-description')}</rdf:li></rdf:Alt></dc:description><gov:Reviewer>${M('xmp-custom')}</gov:Reviewer></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  doc.catalog.set(PDFName.of('Metadata'), ctx.register(ctx.stream(xmp, { Type: 'Metadata', Subtype: 'XML' })));
  plantMore(doc, page, helvRef);
  return doc.save({ updateFieldAppearances: true });
}
