import { strToU8 } from 'fflate';
import { jpeg } from '../../../helpers/fixtures';
import { xlsxWithMarkers } from './xlsx-build';

// The places of a .docx beyond the body's own elements, read against ECMA-376 part 1's
// list of WordprocessingML parts (§11.3) and shared parts (§15.2): headers and footers of
// every type, note separators, styles and numbering, the theme, charts and their data,
// SmartArt, alt chunks, settings (mail merge, captions, attached template), the thumbnail,
// custom XML properties and comment extensions. Each marker is MARK-docx-<place>.

export const DOCX_MORE_MARKERS = [
  'header-first', 'footer-even', 'footnote-separator', 'endnote-continuation', 'style-name', 'style-alias',
  'numbering-lvltext', 'numbering-name', 'theme-name', 'fontscheme-name', 'chart-title', 'chart-cache', 'chart-data',
  'smartart-data', 'smartart-drawing', 'smartart-layout', 'tbl-caption', 'tbl-description', 'ruby', 'movefrom',
  'dropdown-item', 'altchunk', 'mailmerge-query', 'caption-label', 'template-path', 'thumbnail', 'websettings-frame',
  'glossary-style',
].map((m) => `MARK-docx-${m}`);

const M = (s: string) => `MARK-docx-${s}`;
const x = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${body}`;
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const p = (t: string) => `<w:p><w:r><w:t>${t}</w:t></w:r></w:p>`;
const rels = (items: Array<[string, string, string, boolean?]>) =>
  strToU8(x(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.map(([id, type, target, ext]) => `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"${ext ? ' TargetMode="External"' : ''}/>`).join('')}</Relationships>`));

/** Body elements the extra places need: a table with alt text, ruby, a move, a drop-down, an alt chunk, header references. */
export const DOCX_MORE_BODY = [
  `<w:tbl><w:tblPr><w:tblCaption w:val="${M('tbl-caption')}"/><w:tblDescription w:val="${M('tbl-description')}"/></w:tblPr><w:tr><w:tc>${p('单元格')}</w:tc></w:tr></w:tbl>`,
  `<w:p><w:r><w:ruby><w:rubyPr><w:rubyAlign w:val="center"/></w:rubyPr><w:rt><w:r><w:t>${M('ruby')}</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>注音</w:t></w:r></w:rubyBase></w:ruby></w:r></w:p>`,
  `<w:p><w:moveFrom w:id="5" w:author="审稿人"><w:r><w:t>${M('movefrom')}</w:t></w:r></w:moveFrom></w:p>`,
  `<w:sdt><w:sdtPr><w:dropDownList><w:listItem w:displayText="${M('dropdown-item')}" w:value="1"/></w:dropDownList></w:sdtPr><w:sdtContent>${p('选择')}</w:sdtContent></w:sdt>`,
  `<w:altChunk r:id="rIdChunk"/>`,
  `<w:sectPr><w:headerReference w:type="first" r:id="rIdH2"/><w:footerReference w:type="even" r:id="rIdF2"/><w:titlePg/></w:sectPr>`,
];

/** Relationships of word/document.xml the extra places need. */
export const DOCX_MORE_RELS = `<Relationship Id="rIdChunk" Type="${REL}/aFChunk" Target="afchunk1.htm"/><Relationship Id="rIdH2" Type="${REL}/header" Target="header2.xml"/><Relationship Id="rIdF2" Type="${REL}/footer" Target="footer2.xml"/><Relationship Id="rIdChart" Type="${REL}/chart" Target="charts/chart1.xml"/><Relationship Id="rIdDgm" Type="${REL}/diagramData" Target="diagrams/data1.xml"/>`;

export function docxMoreParts(): Record<string, Uint8Array> {
  return {
    'word/header2.xml': strToU8(x(`<w:hdr ${W}>${p(M('header-first'))}</w:hdr>`)),
    'word/footer2.xml': strToU8(x(`<w:ftr ${W}>${p(M('footer-even'))}</w:ftr>`)),
    'word/footnotes.xml': strToU8(x(`<w:footnotes ${W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r><w:r><w:t>${M('footnote-separator')}</w:t></w:r></w:p></w:footnote><w:footnote w:id="1">${p(M('footnote'))}</w:footnote></w:footnotes>`)),
    'word/endnotes.xml': strToU8(x(`<w:endnotes ${W}><w:endnote w:type="continuationNotice" w:id="0">${p(M('endnote-continuation'))}</w:endnote><w:endnote w:id="1">${p(M('endnote'))}</w:endnote></w:endnotes>`)),
    'word/styles.xml': strToU8(
      x(`<w:styles ${W}><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style><w:style w:type="paragraph" w:customStyle="1" w:styleId="a5"><w:name w:val="${M('style-name')}"/><w:aliases w:val="${M('style-alias')}"/><w:basedOn w:val="Normal"/></w:style></w:styles>`),
    ),
    'word/glossary/styles.xml': strToU8(x(`<w:styles ${W}><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style><w:style w:type="character" w:styleId="PlaceholderText"><w:name w:val="Placeholder Text"/></w:style><w:style w:type="paragraph" w:customStyle="1" w:styleId="a9"><w:name w:val="${M('glossary-style')}"/></w:style></w:styles>`)),
    'word/numbering.xml': strToU8(x(`<w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:name w:val="${M('numbering-name')}"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="${M('numbering-lvltext')}%1"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`)),
    'word/theme/theme1.xml': strToU8(x(`<a:theme ${A} name="${M('theme-name')}"><a:themeElements><a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1></a:clrScheme><a:fontScheme name="${M('fontscheme-name')}"><a:majorFont><a:latin typeface="Calibri Light" panose="020F0302020204030204"/><a:ea typeface=""/></a:majorFont></a:fontScheme></a:themeElements></a:theme>`)),
    'word/charts/chart1.xml': strToU8(
      x(`<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" ${A} xmlns:r="${REL}"><c:chart><c:title><c:tx><c:rich><a:p><a:r><a:t>${M('chart-title')}</a:t></a:r></a:p></c:rich></c:tx></c:title><c:plotArea><c:barChart><c:ser><c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>${M('chart-cache')}</c:v></c:pt></c:strCache></c:strRef></c:tx></c:ser></c:barChart></c:plotArea></c:chart><c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>`),
    ),
    'word/charts/_rels/chart1.xml.rels': rels([['rId1', 'package', '../embeddings/Microsoft_Excel_Sheet1.xlsx']]),
    'word/embeddings/Microsoft_Excel_Sheet1.xlsx': xlsxWithMarkers({ only: M('chart-data') }),
    'word/diagrams/data1.xml': strToU8(
      x(`<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" ${A}><dgm:ptLst><dgm:pt modelId="{6C1D2A4E-0000-4000-8000-000000000001}"><dgm:prSet phldr="1"/><dgm:t><a:bodyPr/><a:p><a:r><a:t>${M('smartart-data')}</a:t></a:r></a:p></dgm:t></dgm:pt></dgm:ptLst></dgm:dataModel>`),
    ),
    'word/diagrams/drawing1.xml': strToU8(x(`<dsp:drawing xmlns:dsp="http://schemas.microsoft.com/office/drawing/2008/diagram" ${A}><dsp:spTree><dsp:sp modelId="{1}"><dsp:txBody><a:p><a:r><a:t>${M('smartart-drawing')}</a:t></a:r></a:p></dsp:txBody></dsp:sp></dsp:spTree></dsp:drawing>`)),
    'word/diagrams/layout1.xml': strToU8(x(`<dgm:layoutDef xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" uniqueId="urn:microsoft.com/office/officeart/2005/8/layout/default"><dgm:title val="${M('smartart-layout')}"/><dgm:desc val=""/></dgm:layoutDef>`)),
    'word/diagrams/colors1.xml': strToU8(x(`<dgm:colorsDef xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" uniqueId="urn:microsoft.com/office/officeart/2005/8/colors/accent1_2"><dgm:title val=""/></dgm:colorsDef>`)),
    'word/afchunk1.htm': strToU8(`<html><body><p>${M('altchunk')}</p></body></html>`),
    'word/settings.xml': strToU8(
      x(`<w:settings ${W}><w:attachedTemplate r:id="rId1"/><w:mailMerge><w:mainDocumentType w:val="formLetters"/><w:query w:val="SELECT * FROM \`${M('mailmerge-query')}$\`"/></w:mailMerge><w:docVars><w:docVar w:name="经办人" w:val="${M('docvar')}"/></w:docVars><w:captions><w:caption w:name="${M('caption-label')}" w:pos="below"/></w:captions></w:settings>`),
    ),
    'word/_rels/settings.xml.rels': rels([['rId1', 'attachedTemplate', `file:///C:\\Users\\${M('template-path')}\\模板.dotm`, true]]),
    'word/webSettings.xml': strToU8(x(`<w:webSettings ${W}><w:frameset><w:frame><w:name w:val="${M('websettings-frame')}"/></w:frame></w:frameset><w:optimizeForBrowser/></w:webSettings>`)),
    'word/commentsExtended.xml': strToU8(x(`<w15:commentsEx xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"><w15:commentEx w15:paraId="1A2B3C4D" w15:done="0"/></w15:commentsEx>`)),
    'customXml/itemProps1.xml': strToU8(x(`<ds:datastoreItem ds:itemID="{11111111-2222-3333-4444-555555555555}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/></ds:datastoreItem>`)),
    'docProps/thumbnail.jpeg': jpeg({ description: M('thumbnail') }),
  };
}
