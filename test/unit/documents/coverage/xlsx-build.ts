import { strToU8, zipSync } from 'fflate';
import { XLSX_MORE_MARKERS, XLSX_MORE_RELS, XLSX_MORE_SHEETS, XLSX_MORE_WORKBOOK, xlsxMoreParts } from './xlsx-more';

// An .xlsx with a unique marker in every place SpreadsheetML lets text live. Each
// marker is MARK-xlsx-<place>; the coverage test fails on any marker the import misses.

const x = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${body}`;
const S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const rels = (items: Array<[string, string, string, boolean?]>) =>
  strToU8(
    x(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items
        .map(([id, type, target, ext]) => `<Relationship Id="${id}" Type="${type.startsWith('http') ? type : `${REL}/${type}`}" Target="${target}"${ext ? ' TargetMode="External"' : ''}/>`)
        .join('')}</Relationships>`,
    ),
  );

export const XLSX_MARKERS = [
  'shared', 'inline', 'formula', 'str-value', 'phonetic', 'comment', 'cauthor', 'threaded', 'person',
  'hidden-sheet', 'veryhidden-sheet', 'hidden-row', 'hidden-col', 'sheetname', 'defvalue', 'dv-prompt',
  'dv-error', 'dv-list', 'header', 'footer', 'chart-title', 'chart-cache', 'pivot-item', 'pivot-field', 'ext-path',
  'ext-sheet', 'ext-value', 'hyperlink-display', 'hyperlink-target', 'table-column', 'cf-formula', 'drawing-text',
  'drawing-descr', 'connection', 'core-creator', 'custom-prop', 'embedded-docx',
].map((m) => `MARK-xlsx-${m}`).concat(XLSX_MORE_MARKERS);

export function xlsxWithMarkers(opts: { only?: string; embedded?: Uint8Array } = {}): Uint8Array {
  const M = (s: string) => `MARK-xlsx-${s}`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(x('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>')),
    '_rels/.rels': rels([['rId1', 'officeDocument', 'xl/workbook.xml']]),
  };
  if (opts.only) {
    files['xl/workbook.xml'] = strToU8(x(`<workbook ${S}><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`));
    files['xl/_rels/workbook.xml.rels'] = rels([['rId1', 'worksheet', 'worksheets/sheet1.xml']]);
    files['xl/worksheets/sheet1.xml'] = strToU8(x(`<worksheet ${S}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${opts.only}</t></is></c></row></sheetData></worksheet>`));
    if (opts.embedded !== undefined) files['xl/embeddings/Microsoft_Word_Document.docx'] = opts.embedded;
    return zipSync(files);
  }
  const shared = [M('shared'), `<r><t>注音</t></r><rPh sb="0" eb="1"><t>${M('phonetic')}</t></rPh>`, M('hidden-sheet'), M('veryhidden-sheet'), M('hidden-row'), M('hidden-col')];
  files['xl/sharedStrings.xml'] = strToU8(x(`<sst ${S} count="${shared.length}" uniqueCount="${shared.length}">${shared.map((s) => `<si>${s.startsWith('<') ? s : `<t>${s}</t>`}</si>`).join('')}</sst>`));
  files['xl/workbook.xml'] = strToU8(
    x(
      `<workbook ${S}><sheets><sheet name="公示" sheetId="1" r:id="rId1"/><sheet name="底稿" sheetId="2" state="hidden" r:id="rId2"/><sheet name="${M('sheetname')}" sheetId="3" state="veryHidden" r:id="rId3"/>${XLSX_MORE_SHEETS}</sheets>${XLSX_MORE_WORKBOOK}<definedNames><definedName name="${M('defname').replace(/-/g, '_')}">"${M('defvalue')}"</definedName></definedNames><pivotCaches><pivotCache cacheId="1" r:id="rId4"/></pivotCaches><externalReferences><externalReference r:id="rId5"/></externalReferences></workbook>`,
    ),
  );
  files['xl/_rels/workbook.xml.rels'] = rels([
    ['rId1', 'worksheet', 'worksheets/sheet1.xml'],
    ['rId2', 'worksheet', 'worksheets/sheet2.xml'],
    ['rId3', 'worksheet', 'worksheets/sheet3.xml'],
    ['rId4', 'pivotCacheDefinition', 'pivotCache/pivotCacheDefinition1.xml'],
    ['rId5', 'externalLink', 'externalLinks/externalLink1.xml'],
    ['rId6', 'sharedStrings', 'sharedStrings.xml'],
    ['rId7', 'connections', 'connections.xml'],
    ...XLSX_MORE_RELS,
  ]);
  files['xl/worksheets/sheet1.xml'] = strToU8(
    x(
      `<worksheet ${S}><cols><col min="3" max="3" width="9" hidden="1"/></cols><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>${M('inline')}</t></is></c><c r="C1" t="s"><v>5</v></c><c r="D1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="str"><f>CONCATENATE("${M('formula')}","")</f><v>${M('str-value')}</v></c></row><row r="3" hidden="1"><c r="A3" t="s"><v>4</v></c></row></sheetData><conditionalFormatting sqref="A1:A9"><cfRule type="expression" priority="1"><formula>A1="${M('cf-formula')}"</formula></cfRule></conditionalFormatting><dataValidations count="1"><dataValidation type="list" sqref="E1" promptTitle="提示" prompt="${M('dv-prompt')}" error="${M('dv-error')}" showInputMessage="1"><formula1>"${M('dv-list')},否"</formula1></dataValidation></dataValidations><hyperlinks><hyperlink ref="F1" r:id="rIdH" display="${M('hyperlink-display')}"/></hyperlinks><headerFooter><oddHeader>&amp;C${M('header')}</oddHeader><oddFooter>&amp;L${M('footer')}</oddFooter></headerFooter><drawing r:id="rIdD"/><tableParts count="1"><tablePart r:id="rIdT"/></tableParts></worksheet>`,
    ),
  );
  files['xl/worksheets/_rels/sheet1.xml.rels'] = rels([
    ['rIdC', 'comments', '../comments1.xml'],
    ['rIdTC', 'http://schemas.microsoft.com/office/2017/10/relationships/threadedComment', '../threadedComments/threadedComment1.xml'],
    ['rIdH', 'hyperlink', `http://example.org/${M('hyperlink-target')}`, true],
    ['rIdD', 'drawing', '../drawings/drawing1.xml'],
    ['rIdT', 'table', '../tables/table1.xml'],
  ]);
  files['xl/worksheets/sheet2.xml'] = strToU8(x(`<worksheet ${S}><sheetData><row r="1"><c r="A1" t="s"><v>2</v></c></row></sheetData></worksheet>`));
  files['xl/worksheets/sheet3.xml'] = strToU8(x(`<worksheet ${S}><sheetData><row r="1"><c r="A1" t="s"><v>3</v></c></row></sheetData></worksheet>`));
  files['xl/comments1.xml'] = strToU8(x(`<comments ${S}><authors><author>${M('cauthor')}</author></authors><commentList><comment ref="A1" authorId="0"><text><r><t>${M('comment')}</t></r></text></comment></commentList></comments>`));
  files['xl/threadedComments/threadedComment1.xml'] = strToU8(
    x(`<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="B1" dT="2026-11-20T00:00:00" personId="{11111111-2222-3333-4444-555555555555}" id="{AAAAAAAA-2222-3333-4444-555555555555}"><text>${M('threaded')}</text></threadedComment></ThreadedComments>`),
  );
  files['xl/persons/person.xml'] = strToU8(
    x(`<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><person displayName="${M('person')}" id="{11111111-2222-3333-4444-555555555555}" userId="u1" providerId="None"/></personList>`),
  );
  files['xl/drawings/drawing1.xml'] = strToU8(
    x(
      `<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${REL}"><xdr:twoCellAnchor><xdr:sp><xdr:nvSpPr><xdr:cNvPr id="2" name="文本框 1" descr="${M('drawing-descr')}"/></xdr:nvSpPr><xdr:txBody><a:p><a:r><a:t>${M('drawing-text')}</a:t></a:r></a:p></xdr:txBody></xdr:sp></xdr:twoCellAnchor><xdr:twoCellAnchor><xdr:graphicFrame><a:graphic><a:graphicData><c:chart r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame></xdr:twoCellAnchor></xdr:wsDr>`,
    ),
  );
  files['xl/drawings/_rels/drawing1.xml.rels'] = rels([['rId1', 'chart', '../charts/chart1.xml']]);
  files['xl/charts/chart1.xml'] = strToU8(
    x(
      `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>${M('chart-title')}</a:t></a:r></a:p></c:rich></c:tx></c:title><c:plotArea><c:barChart><c:ser><c:cat><c:strRef><c:f>公示!$A$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${M('chart-cache')}</c:v></c:pt></c:strCache></c:strRef></c:cat></c:ser></c:barChart></c:plotArea></c:chart></c:chartSpace>`,
    ),
  );
  files['xl/tables/table1.xml'] = strToU8(x(`<table ${S} id="1" name="表1" displayName="表1" ref="A1:A2"><tableColumns count="1"><tableColumn id="1" name="${M('table-column')}" totalsRowLabel="${M('table-totals')}"/></tableColumns></table>`));
  files['xl/pivotCache/pivotCacheDefinition1.xml'] = strToU8(
    x(`<pivotCacheDefinition ${S} r:id="rId1" recordCount="1"><cacheSource type="worksheet"><worksheetSource ref="A1:A2" sheet="公示"/></cacheSource><cacheFields count="1"><cacheField name="${M('pivot-field')}" numFmtId="0"><sharedItems><s v="${M('pivot-item')}"/></sharedItems></cacheField></cacheFields></pivotCacheDefinition>`),
  );
  files['xl/externalLinks/externalLink1.xml'] = strToU8(
    x(`<externalLink ${S}><externalBook r:id="rId1"><sheetNames><sheetName val="${M('ext-sheet')}"/></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1"><cell r="A1" t="str"><v>${M('ext-value')}</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`),
  );
  files['xl/externalLinks/_rels/externalLink1.xml.rels'] = rels([['rId1', 'externalLinkPath', `file:///C:/Users/${M('ext-path')}/名单.xlsx`, true]]);
  files['xl/connections.xml'] = strToU8(x(`<connections ${S}><connection id="1" name="查询" description="${M('connection')}" type="1"><dbPr connection="DSN=人员库;UID=zhang" command="SELECT *"/></connection></connections>`));
  files['docProps/core.xml'] = strToU8(x(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${M('core-creator')}</dc:creator></cp:coreProperties>`));
  files['docProps/custom.xml'] = strToU8(
    x(`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="来源"><vt:lpwstr>${M('custom-prop')}</vt:lpwstr></property></Properties>`),
  );
  Object.assign(files, xlsxMoreParts());
  if (opts.embedded !== undefined) files['xl/embeddings/Microsoft_Word_Document.docx'] = opts.embedded;
  return zipSync(files);
}
