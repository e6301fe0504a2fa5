import { strToU8, unzipSync, zipSync } from 'fflate';
import { docx } from './fixtures';

// A .docx whose body holds Word tables as people make them: a plain 2×3 table, then a
// table with a cell merged across two columns (w:gridSpan), one merged down two rows
// (w:vMerge) and a table nested in a cell; paragraphs before, between and after, and a
// table in the header. The planted value sits in the first table's row 2, column 3.

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const run = (t: string, rPr = '') => `<w:r>${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(t)}</w:t></w:r>`;
const p = (t: string) => `<w:p>${t ? run(t) : ''}</w:p>`;
const tc = (inner: string, tcPr = '') => `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ''}${inner}</w:tc>`;
const tr = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
const tbl = (...rows: string[]) => `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr>${rows.join('')}</w:tbl>`;

export interface TableDocOptions {
  /** The value planted in table 1, row 2, column 3. */
  value: string;
  /** Hidden text added as a second paragraph of that cell. */
  hidden?: string;
  /** Text left in the continuation of the vertically merged cell (Word keeps it when cells are merged). */
  continuation?: string;
}

/** A .docx whose body is the given WordprocessingML (for one-off table shapes). */
export function docxBody(body: string): Uint8Array {
  const files = unzipSync(docx({ body: ['x'] }));
  files['word/document.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
  return zipSync(files);
}

export function docxWithTables(o: TableDocOptions): Uint8Array {
  const files = unzipSync(docx({ body: ['x'] }));
  const first = tbl(
    tr(tc(p('序号')), tc(p('姓名')), tc(p('身份证号'))),
    tr(tc(p('1')), tc(p('测试甲')), tc(p(o.value) + (o.hidden ? `<w:p>${run(o.hidden, '<w:vanish/>')}</w:p>` : ''))),
  );
  const nested = tbl(tr(tc(p('内甲')), tc(p('内乙'))));
  const second = tbl(
    tr(tc(p('合并两列'), '<w:gridSpan w:val="2"/>'), tc(p('纵向合并'), '<w:vMerge w:val="restart"/>')),
    tr(tc(p('左')), tc(nested + p('内表之后')), tc(p(o.continuation ?? ''), '<w:vMerge/>')),
  );
  const body = [p('表前的段落'), first, p('两表之间'), second, p('表后的段落')].join('');
  files['word/document.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`);
  files['word/header1.xml'] = strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr ${W}>${tbl(tr(tc(p('页眉表格'))))}</w:hdr>`);
  return zipSync(files);
}
