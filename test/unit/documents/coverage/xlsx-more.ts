import { strToU8 } from 'fflate';

// The places of an .xlsx beyond cells, notes and the known parts, read against ECMA-376
// part 1's SpreadsheetML parts (§12.3) and the extensions Excel writes: legacy VML notes
// and form controls, chart sheets' tab names, custom views, auto-filter values, scenarios,
// pivot tables and their cache records, slicers, query tables, web extensions, named
// sheet views, form control list items, custom sheet properties, style and theme names,
// table totals labels. Each marker is MARK-xlsx-<place>.

export const XLSX_MORE_MARKERS = [
  'chartsheet-name', 'customview', 'vml-textbox', 'autofilter-value', 'scenario-comment', 'pivot-record',
  'pivot-datafield', 'slicer-caption', 'slicer-cache-source', 'querytable-name', 'querytable-field',
  'webext-property', 'namedsheetview', 'ctrlprop-item', 'customproperty', 'cellstyle-name', 'theme-name',
  'table-totals', 'chartsheet-title', 'numfmt-literal',
].map((m) => `MARK-xlsx-${m}`);

const M = (s: string) => `MARK-xlsx-${s}`;
const x = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${body}`;
const S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const rels = (items: Array<[string, string, string]>) =>
  strToU8(x(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type.startsWith('http') ? type : `${REL}/${type}`}" Target="${target}"/>`).join('')}</Relationships>`));

/** <sheet> elements for workbook.xml: a chart sheet. */
export const XLSX_MORE_SHEETS = `<sheet name="${M('chartsheet-name')}" sheetId="5" r:id="rIdCs"/><sheet name="附表" sheetId="6" r:id="rIdS4"/>`;
/** After <sheets> in workbook.xml. */
export const XLSX_MORE_WORKBOOK = `<customWorkbookViews><customWorkbookView name="${M('customview')}" guid="{22222222-2222-3333-4444-555555555555}" windowWidth="800" windowHeight="600" activeSheetId="1"/></customWorkbookViews>`;
/** Relationships of workbook.xml for the extra parts. */
export const XLSX_MORE_RELS: Array<[string, string, string]> = [
  ['rIdCs', 'chartsheet', 'chartsheets/sheet1.xml'],
  ['rIdS4', 'worksheet', 'worksheets/sheet4.xml'],
  ['rIdSt', 'styles', 'styles.xml'],
  ['rIdTh', 'theme', 'theme/theme1.xml'],
  ['rIdSc', 'http://schemas.microsoft.com/office/2007/relationships/slicerCache', 'slicerCaches/slicerCache1.xml'],
];

export function xlsxMoreParts(): Record<string, Uint8Array> {
  return {
    'xl/chartsheets/sheet1.xml': strToU8(x(`<chartsheet ${S}><sheetViews><sheetView workbookViewId="0"/></sheetViews><drawing r:id="rId1"/></chartsheet>`)),
    'xl/chartsheets/_rels/sheet1.xml.rels': rels([['rId1', 'drawing', '../drawings/drawing2.xml']]),
    'xl/drawings/drawing2.xml': strToU8(
      x(`<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL}"><xdr:absoluteAnchor><xdr:graphicFrame><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame></xdr:absoluteAnchor></xdr:wsDr>`),
    ),
    'xl/drawings/_rels/drawing2.xml.rels': rels([['rId1', 'chart', '../charts/chart2.xml']]),
    'xl/charts/chart2.xml': strToU8(x(`<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>${M('chartsheet-title')}</a:t></a:r></a:p></c:rich></c:tx></c:title></c:chart></c:chartSpace>`)),
    'xl/worksheets/sheet4.xml': strToU8(
      x(
        `<worksheet ${S}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c></row></sheetData><scenarios current="0"><scenario name="方案一" user="审核人" comment="${M('scenario-comment')}" count="1"><inputCells r="A2" val="1"/></scenario></scenarios><autoFilter ref="A1:A9"><filterColumn colId="0"><filters><filter val="${M('autofilter-value')}"/></filters></filterColumn></autoFilter><customProperties><customPr name="审核标记" r:id="rIdCp"/></customProperties><legacyDrawing r:id="rIdV"/></worksheet>`,
      ),
    ),
    'xl/worksheets/_rels/sheet4.xml.rels': rels([
      ['rIdV', 'vmlDrawing', '../drawings/vmlDrawing1.vml'],
      ['rIdCp', 'customProperty', '../customProperty1.bin'],
      ['rIdPt', 'pivotTable', '../pivotTables/pivotTable1.xml'],
      ['rIdQt', 'queryTable', '../queryTables/queryTable1.xml'],
      ['rIdSl', 'http://schemas.microsoft.com/office/2007/relationships/slicer', '../slicers/slicer1.xml'],
      ['rIdCt', 'ctrlProp', '../ctrlProps/ctrlProp1.xml'],
      ['rIdNv', 'http://schemas.microsoft.com/office/2019/04/relationships/namedSheetView', '../namedSheetViews/namedSheetView1.xml'],
    ]),
    'xl/drawings/vmlDrawing1.vml': strToU8(
      `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout><v:shape id="_x0000_s1025" type="#_x0000_t201" style="position:absolute;margin-left:20pt" fillcolor="buttonFace [67]"><v:textbox style="mso-direction-alt:auto" o:singleclick="f"><div style="text-align:center"><font face="宋体" size="220" color="#000000">${M('vml-textbox')}</font></div></v:textbox><x:ClientData ObjectType="Button"><x:Anchor>1, 15, 0, 2, 3, 15, 3, 16</x:Anchor><x:FmlaMacro>[0]!Macro1</x:FmlaMacro></x:ClientData></v:shape></xml>`,
    ),
    'xl/customProperty1.bin': Uint8Array.from(Buffer.from(M('customproperty'), 'utf16le')),
    'xl/pivotTables/pivotTable1.xml': strToU8(
      x(`<pivotTableDefinition ${S} name="数据透视表1" cacheId="1" dataCaption="值"><location ref="A3:B5" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="1"><pivotField dataField="1" showAll="0"/></pivotFields><dataFields count="1"><dataField name="${M('pivot-datafield')}" fld="0" baseField="0" baseItem="0"/></dataFields></pivotTableDefinition>`),
    ),
    'xl/pivotCache/pivotCacheRecords1.xml': strToU8(x(`<pivotCacheRecords ${S} count="1"><r><s v="${M('pivot-record')}"/><n v="3"/></r></pivotCacheRecords>`)),
    'xl/pivotCache/_rels/pivotCacheDefinition1.xml.rels': rels([['rId1', 'pivotCacheRecords', 'pivotCacheRecords1.xml']]),
    'xl/slicers/slicer1.xml': strToU8(x(`<slicers xmlns="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><slicer name="姓名" cache="Slicer_姓名" caption="${M('slicer-caption')}" rowHeight="241300"/></slicers>`)),
    'xl/slicerCaches/slicerCache1.xml': strToU8(x(`<slicerCacheDefinition xmlns="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" name="Slicer_姓名" sourceName="${M('slicer-cache-source')}"><pivotTables><pivotTable tabId="6" name="数据透视表1"/></pivotTables></slicerCacheDefinition>`)),
    'xl/queryTables/queryTable1.xml': strToU8(x(`<queryTable ${S} name="${M('querytable-name')}" connectionId="1" autoFormatId="16" applyNumberFormats="0"><queryTableRefresh nextId="2"><queryTableFields count="1"><queryTableField id="1" name="${M('querytable-field')}" tableColumnId="1"/></queryTableFields></queryTableRefresh></queryTable>`)),
    'xl/webextensions/webextension1.xml': strToU8(
      x(`<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" id="{33333333-2222-3333-4444-555555555555}"><we:reference id="wa104380862" version="1.0.0.0" store="zh-CN" storeType="OMEX"/><we:properties><we:property name="Office.AutoShowTaskpaneWithDocument" value="true"/><we:property name="reviewer" value="&quot;${M('webext-property')}&quot;"/></we:properties><we:bindings/></we:webextension>`),
    ),
    'xl/webextensions/taskpanes.xml': strToU8(x(`<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11" xmlns:r="${REL}"><wetp:taskpane dockstate="right" visibility="0" width="350" row="4"><wetp:webextensionref r:id="rId1"/></wetp:taskpane></wetp:taskpanes>`)),
    'xl/webextensions/_rels/taskpanes.xml.rels': rels([['rId1', 'http://schemas.microsoft.com/office/2011/relationships/webextension', 'webextension1.xml']]),
    'xl/namedSheetViews/namedSheetView1.xml': strToU8(x(`<namedSheetViews xmlns="http://schemas.microsoft.com/office/spreadsheetml/2019/namedsheetviews"><namedSheetView name="${M('namedsheetview')}" id="{44444444-2222-3333-4444-555555555555}"/></namedSheetViews>`)),
    'xl/ctrlProps/ctrlProp1.xml': strToU8(x(`<formControlPr xmlns="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" objectType="List" dx="16" sel="0"><itemLst><item val="${M('ctrlprop-item')}"/><item val="否"/></itemLst></formControlPr>`)),
    'xl/styles.xml': strToU8(
      x(`<styleSheet ${S}><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/><numFmt numFmtId="165" formatCode="&quot;${M('numfmt-literal')}&quot;@"/></numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellStyles count="2"><cellStyle name="常规" xfId="0" builtinId="0"/><cellStyle name="${M('cellstyle-name')}" xfId="0"/></cellStyles><tableStyles count="0" defaultTableStyle="TableStyleMedium2"/></styleSheet>`),
    ),
    'xl/theme/theme1.xml': strToU8(x(`<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="${M('theme-name')}"><a:themeElements><a:clrScheme name="Office"/><a:fontScheme name="Office"/></a:themeElements></a:theme>`)),
  };
}
