// PDFs laid out in code: text placed at given positions (table columns, headers) and
// filled rectangles drawn over it, with the same Adobe-GB1 font as the shared fixtures.

export type Mark =
  | { text: string; x: number; y: number; size?: number }
  /** A filled rectangle (x, y, width, height) in the given gray (0 = black). */
  | { rect: [number, number, number, number]; gray?: number }
  /** Content-stream operators written as they are (transforms, paths). */
  | { raw: string };

const ucs2hex = (s: string) => [...s].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('').toUpperCase();

export function layoutPdf(pages: Mark[][]): Uint8Array {
  const objs: string[] = [];
  const add = (body: string) => objs.push(body);
  const stream = (data: string) => `<< /Length ${Buffer.byteLength(data, 'latin1')} >>\nstream\n${data}\nendstream`;
  add(''); // 1 catalog
  add(''); // 2 pages
  add('<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>');
  add('<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 3 0 R /DW 1000 /W [1 95 500] >>');
  add('<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] >>');
  const pageIds: number[] = [];
  for (const marks of pages) {
    const ops = marks.map((m) =>
      'raw' in m ? m.raw : 'text' in m ? `BT /F1 ${m.size ?? 12} Tf ${m.x} ${m.y} Td <${ucs2hex(m.text)}> Tj ET` : `q ${m.gray ?? 0} g ${m.rect.join(' ')} re f Q`,
    );
    const content = add(stream(ops.join('\n')));
    pageIds.push(add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents ${content} 0 R >>`));
  }
  objs[0] = '<< /Type /Catalog /Pages 2 0 R >>';
  objs[1] = `<< /Type /Pages /Kids [${pageIds.map((p) => `${p} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objs.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/** One table row: each cell's text at its column's x. */
export const row = (y: number, cells: Array<[number, string]>): Mark[] => cells.map(([x, text]) => ({ text, x, y }));
