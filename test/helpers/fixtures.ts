import { strToU8, zipSync, zlibSync, deflateSync } from 'fflate';

// Test files built in code, so every hidden place can carry a planted value. They are
// minimal but valid: each opens in the programs that read that format.

const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${body}`;
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const para = (inner: string) => `<w:p>${inner}</w:p>`;
const run = (t: string, rPr = '') => `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${t}</w:t></w:r>`;

export interface DocxParts {
  body?: string[];
  hidden?: string;
  inserted?: string;
  deleted?: string;
  textbox?: string;
  header?: string;
  footer?: string;
  footnote?: string;
  endnote?: string;
  comment?: { author: string; text: string };
  core?: Record<string, string>;
  custom?: Record<string, string>;
  customXml?: string;
  embedded?: string;
}

export function docx(p: DocxParts): Uint8Array {
  const bodyParas = (p.body ?? ['普通正文']).map((t) => para(run(t)));
  if (p.hidden) bodyParas.push(para(run('可见文字') + run(p.hidden, '<w:vanish/>')));
  if (p.inserted) bodyParas.push(para(`<w:ins w:id="1" w:author="审稿人" w:date="2026-11-20T00:00:00Z">${run(p.inserted)}</w:ins>`));
  if (p.deleted)
    bodyParas.push(para(`<w:del w:id="2" w:author="审稿人" w:date="2026-11-20T00:00:00Z"><w:r><w:delText xml:space="preserve">${p.deleted}</w:delText></w:r></w:del>`));
  if (p.textbox)
    bodyParas.push(
      para(`<w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>${para(run(p.textbox))}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>`),
    );
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
    ),
    '_rels/.rels': strToU8(
      xml('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
    ),
    'word/document.xml': strToU8(xml(`<w:document ${W}><w:body>${bodyParas.join('')}</w:body></w:document>`)),
  };
  if (p.header) files['word/header1.xml'] = strToU8(xml(`<w:hdr ${W}>${para(run(p.header))}</w:hdr>`));
  if (p.footer) files['word/footer1.xml'] = strToU8(xml(`<w:ftr ${W}>${para(run(p.footer))}</w:ftr>`));
  if (p.footnote) files['word/footnotes.xml'] = strToU8(xml(`<w:footnotes ${W}><w:footnote w:id="1">${para(run(p.footnote))}</w:footnote></w:footnotes>`));
  if (p.endnote) files['word/endnotes.xml'] = strToU8(xml(`<w:endnotes ${W}><w:endnote w:id="1">${para(run(p.endnote))}</w:endnote></w:endnotes>`));
  if (p.comment)
    files['word/comments.xml'] = strToU8(xml(`<w:comments ${W}><w:comment w:id="0" w:author="${p.comment.author}">${para(run(p.comment.text))}</w:comment></w:comments>`));
  if (p.core)
    files['docProps/core.xml'] = strToU8(
      xml(
        `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">${Object.entries(p.core)
          .map(([k, v]) => `<${k}>${v}</${k}>`)
          .join('')}</cp:coreProperties>`,
      ),
    );
  if (p.custom)
    files['docProps/custom.xml'] = strToU8(
      xml(
        `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${Object.entries(p.custom)
          .map(([k, v], i) => `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="${k}"><vt:lpwstr>${v}</vt:lpwstr></property>`)
          .join('')}</Properties>`,
      ),
    );
  if (p.customXml) files['customXml/item1.xml'] = strToU8(xml(`<root><person><idno>${p.customXml}</idno></person></root>`));
  if (p.embedded) files[`word/embeddings/${p.embedded}`] = strToU8('embedded object bytes');
  return zipSync(files);
}

export interface SheetSpec {
  name: string;
  state?: 'hidden' | 'veryHidden';
  /** [ref, value, kind]: s = shared string, n = number as written, inline = inline string. */
  cells: Array<[string, string, 's' | 'n' | 'inline']>;
  hiddenRows?: number[];
  hiddenCols?: number[];
  note?: { ref: string; author: string; text: string };
}

export function xlsx(sheets: SheetSpec[], definedNames: Record<string, string> = {}): Uint8Array {
  const shared: string[] = [];
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>'),
    ),
    '_rels/.rels': strToU8(
      xml('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    ),
  };
  const wbRels: string[] = [];
  sheets.forEach((s, i) => {
    wbRels.push(`<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
    const rows = new Map<number, string[]>();
    for (const [ref, value, kind] of s.cells) {
      const r = Number(/\d+/.exec(ref)![0]);
      let c: string;
      if (kind === 's') {
        shared.push(value);
        c = `<c r="${ref}" t="s"><v>${shared.length - 1}</v></c>`;
      } else if (kind === 'inline') c = `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`;
      else c = `<c r="${ref}"><v>${value}</v></c>`;
      rows.set(r, [...(rows.get(r) ?? []), c]);
    }
    const cols = (s.hiddenCols ?? []).map((c) => `<col min="${c}" max="${c}" width="9" hidden="1"/>`).join('');
    const rowXml = [...rows.entries()]
      .sort(([a], [b]) => a - b)
      .map(([r, cs]) => `<row r="${r}"${s.hiddenRows?.includes(r) ? ' hidden="1"' : ''}>${cs.join('')}</row>`)
      .join('');
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(
      xml(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${cols ? `<cols>${cols}</cols>` : ''}<sheetData>${rowXml}</sheetData></worksheet>`),
    );
    if (s.note) {
      files[`xl/worksheets/_rels/sheet${i + 1}.xml.rels`] = strToU8(
        xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments${i + 1}.xml"/></Relationships>`),
      );
      files[`xl/comments${i + 1}.xml`] = strToU8(
        xml(`<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>${s.note.author}</author></authors><commentList><comment ref="${s.note.ref}" authorId="0"><text><r><t>${s.note.text}</t></r></text></comment></commentList></comments>`),
      );
    }
  });
  files['xl/workbook.xml'] = strToU8(
    xml(
      `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
        .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
        .join('')}</sheets>${Object.keys(definedNames).length ? `<definedNames>${Object.entries(definedNames).map(([k, v]) => `<definedName name="${k}">${v}</definedName>`).join('')}</definedNames>` : ''}</workbook>`,
    ),
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(xml(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${wbRels.join('')}</Relationships>`));
  files['xl/sharedStrings.xml'] = strToU8(
    xml(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${shared.length}" uniqueCount="${shared.length}">${shared.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`),
  );
  return zipSync(files);
}

// --- PDF -----------------------------------------------------------------------------

const utf16hex = (s: string) => 'FEFF' + [...s].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('').toUpperCase();
const ucs2hex = (s: string) => [...s].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('').toUpperCase();

export interface PdfSpec {
  pages: string[];
  annotation?: string;
  attachmentName?: string;
  info?: Record<string, string>;
  xmpCreator?: string;
}

/** A PDF whose text uses the Adobe-GB1 font STSong-Light with the UniGB-UCS2-H CMap. */
export function pdf(spec: PdfSpec): Uint8Array {
  const objs: string[] = [];
  const add = (body: string) => {
    objs.push(body);
    return objs.length;
  };
  const stream = (dict: string, data: string) => `<< ${dict} /Length ${Buffer.byteLength(data, 'latin1')} >>\nstream\n${data}\nendstream`;
  const catalog = add('');
  const pages = add('');
  const descriptor = add('<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>');
  const cid = add(`<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor ${descriptor} 0 R /DW 1000 >>`);
  const font = add(`<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [${cid} 0 R] >>`);
  const pageIds: number[] = [];
  for (const text of spec.pages) {
    const lines = text.split('\n').map((l, i) => `BT /F1 12 Tf 50 ${780 - i * 18} Td <${ucs2hex(l)}> Tj ET`);
    const content = add(stream('', lines.join('\n')));
    const annots = spec.annotation && pageIds.length === 0 ? add(`<< /Type /Annot /Subtype /Text /Rect [100 100 120 120] /T <${utf16hex('审稿人')}> /Contents <${utf16hex(spec.annotation)}> >>`) : 0;
    pageIds.push(add(`<< /Type /Page /Parent ${pages} 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R${annots ? ` /Annots [${annots} 0 R]` : ''} >>`));
  }
  objs[pages - 1] = `<< /Type /Pages /Kids [${pageIds.map((p) => `${p} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  let names = '';
  if (spec.attachmentName) {
    const file = add(stream('/Type /EmbeddedFile', 'attached bytes'));
    const fs = add(`<< /Type /Filespec /F (attachment.txt) /UF <${utf16hex(spec.attachmentName)}> /EF << /F ${file} 0 R >> >>`);
    names = ` /Names << /EmbeddedFiles << /Names [<${utf16hex(spec.attachmentName)}> ${fs} 0 R] >> >>`;
  }
  let metadata = '';
  if (spec.xmpCreator) {
    const xmp = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>${spec.xmpCreator}</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
    const data = Buffer.from(xmp, 'utf8').toString('latin1');
    metadata = ` /Metadata ${add(stream('/Type /Metadata /Subtype /XML', data))} 0 R`;
  }
  objs[catalog - 1] = `<< /Type /Catalog /Pages ${pages} 0 R${names}${metadata} >>`;
  const info = spec.info ? add(`<< ${Object.entries(spec.info).map(([k, v]) => `/${k} <${utf16hex(v)}>`).join(' ')} >>`) : 0;

  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objs.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root ${catalog} 0 R${info ? ` /Info ${info} 0 R` : ''} >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

// --- images --------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
/** CRC-32 as PNG chunks and zip entries use it. */
export function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
/** One PNG chunk: length, type, data, CRC. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  out.set(Buffer.from(type, 'latin1'), 4);
  out.set(data, 8);
  v.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A 1×1 PNG with text chunks: tEXt (Latin-1), zTXt (deflated) and iTXt (UTF-8). */
export function png(text: { tEXt?: [string, string]; zTXt?: [string, string]; iTXt?: [string, string] }): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, 1);
  v.setUint32(4, 1);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const parts = [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr)];
  if (text.tEXt) parts.push(pngChunk('tEXt', Buffer.from(`${text.tEXt[0]}\0${text.tEXt[1]}`, 'latin1')));
  if (text.zTXt) parts.push(pngChunk('zTXt', Buffer.concat([Buffer.from(`${text.zTXt[0]}\0\0`, 'latin1'), deflateSync(Buffer.from(text.zTXt[1], 'latin1'))])));
  if (text.iTXt) parts.push(pngChunk('iTXt', Buffer.concat([Buffer.from(`${text.iTXt[0]}\0\0\0\0\0`, 'latin1'), Buffer.from(text.iTXt[1], 'utf8')])));
  parts.push(pngChunk('IDAT', zlibSync(Uint8Array.from([0, 255, 255, 255]))));
  parts.push(pngChunk('IEND', new Uint8Array()));
  return Buffer.concat(parts);
}

/** A JPEG carrying EXIF (description, artist, user comment), a GPS position and XMP. */
export function jpeg(spec: { description?: string; artist?: string; gps?: [number, number]; xmpTitle?: string }): Uint8Array {
  // Little-endian TIFF with IFD0 → (Exif IFD, GPS IFD).
  const entries0: Array<[number, number, number, Buffer]> = [];
  const ascii = (s: string) => Buffer.from(`${s}\0`, 'utf8');
  if (spec.description) entries0.push([0x010e, 2, Buffer.byteLength(spec.description, 'utf8') + 1, ascii(spec.description)]);
  if (spec.artist) entries0.push([0x013b, 2, Buffer.byteLength(spec.artist, 'utf8') + 1, ascii(spec.artist)]);
  const rational = (x: number) => {
    const deg = Math.floor(x);
    const minF = (x - deg) * 60;
    const min = Math.floor(minF);
    const sec = Math.round((minF - min) * 60 * 100);
    const b = Buffer.alloc(24);
    [deg, 1, min, 1, sec, 100].forEach((n, i) => b.writeUInt32LE(n, i * 4));
    return b;
  };
  const ifd = (entries: Array<[number, number, number, Buffer]>, at: number) => {
    const head = Buffer.alloc(2 + entries.length * 12 + 4);
    head.writeUInt16LE(entries.length, 0);
    let data = Buffer.alloc(0);
    const dataStart = at + head.length;
    entries.forEach(([tag, type, count, value], i) => {
      const o = 2 + i * 12;
      head.writeUInt16LE(tag, o);
      head.writeUInt16LE(type, o + 2);
      head.writeUInt32LE(count, o + 4);
      if (value.length <= 4) value.copy(head, o + 8);
      else {
        head.writeUInt32LE(dataStart + data.length, o + 8);
        data = Buffer.concat([data, value]);
      }
    });
    return Buffer.concat([head, data]);
  };
  const tiffHeader = Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00]);
  let gpsIfd = Buffer.alloc(0);
  const withPointer = [...entries0];
  if (spec.gps) withPointer.push([0x8825, 4, 1, Buffer.alloc(4)]);
  let ifd0 = ifd(withPointer, 8);
  if (spec.gps) {
    const gpsAt = 8 + ifd0.length;
    withPointer[withPointer.length - 1] = [0x8825, 4, 1, Buffer.from(Uint32Array.of(gpsAt).buffer)];
    ifd0 = ifd(withPointer, 8);
    gpsIfd = ifd(
      [
        [1, 2, 2, Buffer.from('N\0')],
        [2, 5, 3, rational(spec.gps[0])],
        [3, 2, 2, Buffer.from('E\0')],
        [4, 5, 3, rational(spec.gps[1])],
      ],
      gpsAt,
    );
  }
  const tiff = Buffer.concat([tiffHeader, ifd0, gpsIfd]);
  const app1 = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const segment = (marker: number, body: Buffer) => {
    const h = Buffer.alloc(4);
    h.writeUInt16BE(0xff00 | marker, 0);
    h.writeUInt16BE(body.length + 2, 2);
    return Buffer.concat([h, body]);
  };
  const parts = [Buffer.from([0xff, 0xd8]), segment(0xe1, app1)];
  if (spec.xmpTitle) {
    const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">${spec.xmpTitle}</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta>`;
    parts.push(segment(0xe1, Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'), Buffer.from(xmp, 'utf8')])));
  }
  parts.push(Buffer.from([0xff, 0xd9]));
  return Buffer.concat(parts);
}

// --- Word 97-2003 (.doc) ------------------------------------------------------------

/**
 * A minimal Word 97 binary document: an OLE container with a WordDocument stream (FIB
 * and UTF-16 text) and a 1Table stream holding a one-piece piece table (Clx).
 */
export async function doc(paragraphs: string[]): Promise<Uint8Array> {
  const CFB = (await import('cfb')).default;
  const text = paragraphs.join('\r') + '\r';
  const TEXT_AT = 0x800;
  const word = Buffer.alloc(TEXT_AT + text.length * 2);
  word.writeUInt16LE(0xa5ec, 0x00); // wIdent
  word.writeUInt16LE(0x00c1, 0x02); // nFib: Word 97
  word.writeUInt16LE(0x0200, 0x0a); // fWhichTblStm: the table is 1Table
  word.writeUInt32LE(TEXT_AT, 0x18); // fcMin
  word.writeUInt32LE(text.length, 0x4c); // ccpText
  word.writeUInt32LE(0, 0x01a2); // fcClx: at the start of 1Table
  word.writeUInt32LE(1 + 4 + 16, 0x01a6); // lcbClx
  word.write(text, TEXT_AT, 'utf16le');
  const table = Buffer.alloc(21);
  table.writeUInt8(2, 0); // Pcdt
  table.writeUInt32LE(16, 1); // PlcPcd: two CPs and one Pcd
  table.writeUInt32LE(0, 5);
  table.writeUInt32LE(text.length, 9);
  table.writeUInt16LE(0, 13); // Pcd flags
  table.writeUInt32LE(TEXT_AT, 15); // fc: uncompressed (UTF-16) text
  table.writeUInt16LE(0, 19); // prm
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, '/WordDocument', word);
  CFB.utils.cfb_add(cfb, '/1Table', table);
  return new Uint8Array(CFB.write(cfb, { type: 'buffer' }) as Buffer);
}
