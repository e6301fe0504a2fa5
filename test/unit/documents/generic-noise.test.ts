import { strToU8, unzipSync, zipSync } from 'fflate';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { docx } from '../../helpers/fixtures';
import { analyzeFile } from './coverage/check';

// The generic walk reports what a person wrote, not the markup Word writes into every
// file: ids, sizes, colours, languages, fonts, schema URIs, style names stay out.

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';

const document = `<w:document ${W} mc:Ignorable="w14 wp14"><w:body><w:p w14:paraId="1A2B3C4D" w14:textId="77777777" w:rsidR="00A1B2C3" w:rsidRDefault="00D4E5F6"><w:pPr><w:jc w:val="center"/><w:spacing w:line="360" w:lineRule="auto"/><w:ind w:firstLineChars="200"/><w:rPr><w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体" w:hint="eastAsia"/><w:sz w:val="28"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:pPr><w:r><w:rPr><w:color w:val="FF0000"/><w:highlight w:val="yellow"/></w:rPr><w:t>正文</w:t></w:r></w:p><w:tbl><w:tblPr><w:tblStyle w:val="a5"/><w:tblW w:w="0" w:type="auto"/><w:tblLook w:val="04A0" w:firstRow="1"/></w:tblPr></w:tbl><w:p><w:r><w:drawing><wp:inline><wp:extent cx="5274310" cy="3076575"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"/></a:graphic></wp:inline></w:drawing></w:r></w:p><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800"/><w:docGrid w:type="lines" w:linePitch="312"/></w:sectPr></w:body></w:document>`;
const settings = `<w:settings ${W}><w:zoom w:percent="100"/><w:proofState w:spelling="clean"/><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><m:mathPr><m:mathFont m:val="Cambria Math"/></m:mathPr><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/><w:rsids><w:rsidRoot w:val="00A1B2C3"/></w:rsids><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>`;
const app = `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Template>Normal.dotm</Template><TotalTime>3</TotalTime><Pages>1</Pages><Words>12</Words><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><AppVersion>16.0000</AppVersion></Properties>`;

describe('generic walk noise', () => {
  it('reports nothing from the markup of an ordinary Word file', async () => {
    const files = unzipSync(docx({ body: ['x'] }));
    const buf = zipSync({ ...files, 'word/document.xml': strToU8(document), 'word/settings.xml': strToU8(settings), 'docProps/app.xml': strToU8(app) });
    const a = await analyzeFile(buf, 'plain.docx');
    expect(a.segments.map((s) => `${s.location}｜${a.text.slice(s.start, s.end)}`)).toEqual(['正文 第1段｜正文', '文档属性：模板｜Normal.dotm']);
  });

  it('reports nothing from the markup of a workbook written by a spreadsheet library', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['姓名', '金额']);
    ws.addRow(['王小明', 12.5]);
    ws.getCell('B3').value = { formula: 'SUM(B2:B2)', result: 12.5 } as never;
    ws.getCell('A1').note = '请核对';
    const a = await analyzeFile(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer), 'lib.xlsx');
    const generic = a.segments.filter((s) => /：[^：]*\.(xml|vml|rels)（/.test(s.location)).map((s) => `${s.location}｜${a.text.slice(s.start, s.end)}`);
    // Only what a person could read: the application name, the sheet's title in the properties, creation time.
    expect(generic.filter((g) => !/^文档属性：docProps\//.test(g))).toEqual([]);
  });
});
