import { localName } from './texty';

// Names for people of the places the generic walk finds text in: first by the element
// (and attribute) it sits in, then by the part. What matches neither is 其他部分, named
// by its part. The known places (正文, 批注, 修订, 页眉页脚…) are reported by the
// format's own reader before the walk and are not repeated here.

/** [element local name, attribute local name or '' for its text, label]. */
const ELEMENT_PLACES: Array<[string, string, string]> = [
  ['docPr', 'descr', '替代文字'],
  ['docPr', 'title', '替代文字'],
  ['docPr', 'name', '图形名称'],
  ['cNvPr', 'descr', '替代文字'],
  ['cNvPr', 'title', '替代文字'],
  ['cNvPr', 'name', '图形名称'],
  ['shape', 'alt', '替代文字'],
  ['hyperlink', 'tooltip', '超链接'],
  ['hyperlink', 'display', '超链接'],
  ['hyperlink', 'location', '超链接'],
  ['hyperlink', 'anchor', '超链接'],
  ['hlinkClick', 'tooltip', '超链接'],
  ['fldSimple', 'instr', '域代码'],
  ['instrText', '', '域代码'],
  ['docVar', 'val', '文档变量'],
  ['docVar', 'name', '文档变量'],
  ['alias', 'val', '内容控件'],
  ['tag', 'val', '内容控件'],
  ['listItem', 'displayText', '内容控件'],
  ['listItem', 'value', '内容控件'],
  ['ffData', '', '表单域'],
  ['statusText', 'val', '表单域'],
  ['helpText', 'val', '表单域'],
  ['listEntry', 'val', '表单域'],
  ['bookmarkStart', 'name', '书签名称'],
  ['ins', 'author', '修订作者'],
  ['del', 'author', '修订作者'],
  ['moveFrom', 'author', '修订作者'],
  ['moveTo', 'author', '修订作者'],
  ['rPrChange', 'author', '修订作者'],
  ['pPrChange', 'author', '修订作者'],
  ['f', '', '公式'],
  ['formula1', '', '数据验证'],
  ['formula2', '', '数据验证'],
  ['dataValidation', '', '数据验证'],
  ['formula', '', '条件格式'],
  ['person', 'displayName', '批注人员'],
  ['person', 'userId', '批注人员'],
  ['protectedRange', 'name', '受保护区域'],
  ['webPublishItem', '', '网页发布'],
  ['oleObject', 'progId', '嵌入的对象'],
  ['control', 'name', '控件'],
  ['aliases', 'val', '样式名称'],
];

/** [part path pattern, label]. */
const PART_PLACES: Array<[RegExp, string]> = [
  [/^(word\/(glossary\/)?styles(WithEffects)?|xl\/styles)\.xml$/, '样式名称'],
  [/^word\/glossary\//, '文档部件（自动图文集）'],
  [/\/theme\//, '主题名称'],
  [/^word\/numbering\.xml$/, '编号'],
  [/^word\/webSettings\.xml$/, '网页设置'],
  [/^word\/settings\.xml$/, '文档设置'],
  [/^word\/people\.xml$/, '修订作者'],
  [/^word\/commentsExtended\.xml$|^word\/commentsIds\.xml$|^word\/commentsExtensible\.xml$/, '批注'],
  [/\/charts\//, '图表'],
  [/\/diagrams\//, 'SmartArt 图形'],
  [/^xl\/pivotCache\//, '数据透视表缓存'],
  [/^xl\/pivotTables\//, '数据透视表'],
  [/^xl\/externalLinks\//, '外部链接'],
  [/^xl\/tables\//, '表格'],
  [/^xl\/queryTables\//, '查询表'],
  [/^xl\/connections\.xml$/, '数据连接'],
  [/^xl\/persons\//, '批注人员'],
  [/^xl\/threadedComments\//, '批注'],
  [/^xl\/comments\d*\.xml$/, '批注'],
  [/\/drawings\//, '绘图'],
  [/^xl\/worksheets\//, '工作表'],
  [/^xl\/workbook\.xml$/, '工作簿'],
  [/^xl\/sharedStrings\.xml$/, '共享字符串'],
  [/^docProps\//, '文档属性'],
  [/^customXml\//, '自定义XML'],
  [/^word\/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$/, 'Word 部分'],
];

/** Labels only: these are places for text in one kind of part, not everywhere (a chart's numFmt is structure). */
const LABELS_ONLY: Array<[string, string, string]> = [['numFmt', 'formatCode', '数字格式']];

/** Whether (element, attribute) is a place made for text, whatever the value looks like. */
export function knownTextAttribute(element: string, attr: string): boolean {
  const el = localName(element);
  const a = localName(attr);
  return ELEMENT_PLACES.some(([e, at]) => e === el && at === a);
}

export function placeOf(part: string, path: readonly string[], attr: string | null): string {
  const el = localName(path.at(-1) ?? '');
  const attrName = attr ? localName(attr) : '';
  for (const [e, a, label] of [...ELEMENT_PLACES, ...LABELS_ONLY]) if (e === el && a === attrName) return label;
  // Text anywhere inside these elements belongs to them (a data-validation prompt, a form field).
  for (const name of path) {
    const ln = localName(name);
    if (ln === 'dataValidation') return '数据验证';
    if (ln === 'ffData') return '表单域';
    if (ln === 'sdtPr') return '内容控件';
    if (ln === 'oMath' || ln === 'oMathPara') return '公式（数学）';
  }
  for (const [re, label] of PART_PLACES) if (re.test(part)) return label;
  return '其他部分';
}
