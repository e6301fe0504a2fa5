import type { Plan } from './plan';
import { Package } from './ooxml';
import { reencodeImage } from './image';
import type { XElement, XNode } from './xml-tree';
import { rewrite } from './xml-tree';

// Word: the text is replaced inside the XML (across runs), tracked changes are
// accepted, comments and their authors go, hidden text goes, custom XML, embedded and
// OLE objects, macros, external references and document properties go. What the
// reader of the public version sees is what the reviewer saw as the accepted text.

const CONTAINERS = new Set(['w:p', 'a:p']);
const LEAVES = new Set(['w:t', 'a:t']);
const DROP = new Set([
  'w:del', 'w:moveFrom', 'w:rPrChange', 'w:pPrChange', 'w:sectPrChange', 'w:tblPrChange', 'w:trPrChange', 'w:tcPrChange',
  'w:tblGridChange', 'w:numberingChange', 'w:cellIns', 'w:cellDel', 'w:cellMerge',
  'w:moveFromRangeStart', 'w:moveFromRangeEnd', 'w:moveToRangeStart', 'w:moveToRangeEnd',
  'w:customXmlInsRangeStart', 'w:customXmlInsRangeEnd', 'w:customXmlDelRangeStart', 'w:customXmlDelRangeEnd',
  'w:customXmlMoveFromRangeStart', 'w:customXmlMoveFromRangeEnd', 'w:customXmlMoveToRangeStart', 'w:customXmlMoveToRangeEnd',
  'w:commentRangeStart', 'w:commentRangeEnd', 'w:commentReference', 'w:annotationRef',
  'w:customXmlPr', 'w:smartTagPr', 'w:dataBinding', 'w:object', 'w:control', 'w:altChunk', 'o:OLEObject',
  // A chart's link to its embedded workbook, which goes with the embeddings.
  'c:externalData',
  // settings.xml: personal and linked data, and revision tracking left switched on.
  'w:docVars', 'w:attachedTemplate', 'w:mailMerge', 'w:trackRevisions', 'w:rsids',
]);
const DROP_RELS = /\/(oleObject|package|control|comments|commentsExtended|commentsIds|commentsExtensible|people|glossaryDocument|attachedTemplate|subDocument|customXml)$/;
const UNWRAP = new Set(['w:ins', 'w:moveTo', 'w:customXml', 'w:smartTag']);

const on = (e: XElement) => !['0', 'false', 'off'].includes(e.attrs['w:val'] ?? '');
const isHiddenRun = (r: XElement) =>
  r.children.some((c) => c.type === 'el' && c.name === 'w:rPr' && c.children.some((p) => p.type === 'el' && (p.name === 'w:vanish' || p.name === 'w:specVanish') && on(p)));

function partLabel(name: string): string {
  if (name === 'word/document.xml') return '正文';
  if (/^word\/header\d*\.xml$/.test(name)) return '页眉';
  if (/^word\/footer\d*\.xml$/.test(name)) return '页脚';
  if (name === 'word/footnotes.xml') return '脚注';
  if (name === 'word/endnotes.xml') return '尾注';
  return `文件内部的 ${name}`;
}

export async function redactDocx(buf: Uint8Array, plan: Plan): Promise<{ bytes: Uint8Array; notes: string[] }> {
  const pkg = new Package(buf);
  const counts = { del: 0, ins: 0, hidden: 0, comments: 0, objects: 0 };
  for (const name of pkg.xmlParts()) {
    if (/^word\/(comments|commentsExtended|commentsIds|commentsExtensible)\.xml$/.test(name)) {
      pkg.remove(name);
      counts.comments++;
    }
    if (name.startsWith('word/glossary/')) pkg.remove(name);
  }
  for (const name of pkg.xmlParts()) {
    if (!name.startsWith('word/') || !name.endsWith('.xml')) continue;
    const t = pkg.tree(name)!;
    rewrite(t, (e): XNode | XNode[] | null => {
      if (DROP.has(e.name)) {
        if (e.name === 'w:del' || e.name === 'w:moveFrom') counts.del++;
        if (e.name === 'w:object' || e.name === 'w:control' || e.name === 'o:OLEObject') counts.objects++;
        return null;
      }
      if (UNWRAP.has(e.name)) {
        if (e.name === 'w:ins') counts.ins++;
        return e.children;
      }
      if (e.name === 'w:r' && isHiddenRun(e)) {
        counts.hidden++;
        return null;
      }
      return e;
    });
    pkg.applyPlan(name, plan, partLabel(name), CONTAINERS, LEAVES);
  }
  // Relationships elsewhere (hyperlink targets, image descriptions in drawings) and the rest of the package.
  for (const name of pkg.xmlParts()) if (!name.startsWith('word/') || !name.endsWith('.xml')) pkg.applyPlan(name, plan, `文件内部的 ${name}`, CONTAINERS, LEAVES);
  // Relationships nothing refers to any more (the OLE object's package, the glossary, the comments).
  const referenced = new Set<string>();
  for (const name of pkg.xmlParts()) if (!name.endsWith('.rels')) for (const v of attrValues(pkg.tree(name)!)) referenced.add(v);
  for (const name of pkg.xmlParts())
    if (name.startsWith('word/') && name.endsWith('.xml'))
      pkg.dropRels(name, (r) => DROP_RELS.test(r.type) || (/\/image$/.test(r.type) && !referenced.has(r.id)));
  pkg.cleanProperties();
  const media = await cleanMedia(pkg);
  const notes: string[] = [];
  if (pkg.removedLabels.size) notes.push(`删除了${[...pkg.removedLabels].join('、')}`);
  if (counts.comments) notes.push('删除了批注及批注人');
  if (counts.del || counts.ins) notes.push(`接受了全部修订（删除 ${counts.del} 处已删除的文字，保留 ${counts.ins} 处插入的文字）`);
  if (counts.hidden) notes.push(`删除了 ${counts.hidden} 处隐藏文字`);
  if (counts.objects) notes.push(`删除了 ${counts.objects} 个嵌入对象或控件`);
  if (media) notes.push(`文档中的 ${media} 张图片已重新编码并清除元数据；图片画面中的文字请人工审看`);
  notes.push('文档属性（作者、单位等）已清空');
  return { bytes: pkg.finish(), notes };
}

function* attrValues(n: XElement): Generator<string> {
  for (const v of Object.values(n.attrs)) yield v;
  for (const c of n.children) if (c.type === 'el') yield* attrValues(c);
}

/** Pictures inside the package lose their metadata the same way stand-alone images do. */
export async function cleanMedia(pkg: Package): Promise<number> {
  let n = 0;
  for (const [name, bytes] of [...pkg.files]) {
    const m = /\/media\/[^/]+\.(png|jpe?g)$/i.exec(name);
    if (!m) continue;
    try {
      pkg.files.set(name, await reencodeImage(bytes, m[1]!.toLowerCase() === 'png' ? 'png' : 'jpg'));
      n++;
    } catch {
      // An image sharp cannot read stays as it is; the proof still searches its bytes.
    }
  }
  return n;
}
