import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, PDFStream, type PDFObject } from 'pdf-lib';
import { pruneToUnicode } from './tounicode';

// The second half of a PDF public version: the pages are copied into a new document,
// so the catalogue's outlines, names (attachments, JavaScript), forms, layers,
// structure tree and XMP stay behind; what the pages themselves carry (annotations,
// actions, metadata, thumbnails, piece info) is cut off first; whatever nothing
// reaches any more is deleted; and it is written once, without an Info dictionary.

const PAGE_KEYS = ['Annots', 'AA', 'Metadata', 'PieceInfo', 'Thumb', 'B', 'StructParents', 'Tabs'];
const ANY_KEYS = ['Metadata', 'JS', 'JavaScript', 'AA', 'OpenAction', 'EmbeddedFiles', 'AcroForm', 'OCProperties', 'PieceInfo'];

function dictOf(o: PDFObject | undefined): PDFDict | undefined {
  if (o instanceof PDFDict) return o;
  if (o instanceof PDFStream) return o.dict;
  return undefined;
}

function children(o: PDFObject): PDFObject[] {
  if (o instanceof PDFArray) return o.asArray();
  const d = dictOf(o);
  return d ? [...d.entries()].map(([, v]) => v) : [];
}

/** `shown`: the characters the pages still show; the fonts' ToUnicode maps are cut down to them. */
export async function cleanPdf(bytes: Uint8Array, shown?: ReadonlySet<number>): Promise<{ bytes: Uint8Array; notes: string[] }> {
  const src = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: false });
  const notes: string[] = [];
  let annots = 0;
  for (const page of src.getPages()) {
    const a = page.node.get(PDFName.of('Annots'));
    const arr = a instanceof PDFRef ? src.context.lookup(a) : a;
    if (arr instanceof PDFArray) annots += arr.size();
    for (const k of PAGE_KEYS) page.node.delete(PDFName.of(k));
  }
  const cat = src.catalog;
  const had = (k: string) => cat.has(PDFName.of(k));
  if (had('AcroForm')) notes.push('删除了表单域（填写的内容不保留）');
  if (had('OCProperties')) notes.push('删除了可选内容图层设置（原隐藏图层中的内容会显示出来）');
  if (had('Names')) notes.push('删除了附件和文档级脚本');
  if (had('Outlines')) notes.push('删除了书签');

  const out = await PDFDocument.create({ updateMetadata: false });
  const pages = await out.copyPages(src, src.getPageIndices());
  for (const p of pages) out.addPage(p);
  // Actions, scripts and metadata can hang off any dictionary the pages reach (an image's XMP, a link's action).
  for (const [, obj] of out.context.enumerateIndirectObjects()) {
    const d = dictOf(obj);
    if (d) for (const k of ANY_KEYS) d.delete(PDFName.of(k));
  }
  if (shown) {
    const dropped = pruneToUnicode(out, shown);
    if (dropped === null) notes.push('有字体的字符映射表无法改写，其中可能仍列有已删除的字');
    else if (dropped) notes.push(`从字体的字符映射表中删除了 ${dropped} 个已不在页面上出现的字`);
  }
  out.context.trailerInfo.Info = undefined;
  out.context.trailerInfo.ID = undefined;
  // Only what the catalogue reaches is written.
  const reached = new Set<string>();
  const stack: PDFObject[] = [out.context.trailerInfo.Root as PDFObject];
  while (stack.length) {
    const o = stack.pop()!;
    if (o instanceof PDFRef) {
      if (reached.has(o.tag)) continue;
      reached.add(o.tag);
      const target = out.context.lookup(o);
      if (target) stack.push(target);
      continue;
    }
    stack.push(...children(o));
  }
  for (const [ref] of out.context.enumerateIndirectObjects()) if (!reached.has(ref.tag)) out.context.delete(ref);
  if (annots) notes.push(`删除了 ${annots} 个注释（批注、链接、表单控件等）`);
  notes.push('文档信息、XMP 元数据、附件、脚本、表单、图层和结构树均已删除，文件只有一个版本');
  return { bytes: await out.save({ useObjectStreams: false, addDefaultPage: false }), notes };
}
