import type { Node as HtmlNode } from '../documents/extract/text';
import { parse, serialize } from 'parse5';
import { decodeText } from '../documents/extract/text';
import type { Plan } from './plan';

// Plain text and HTML. HTML loses what a reader of the source finds but the page does
// not show: comments, scripts, hidden elements, event handlers and data-* attributes.

export function redactTxt(buf: Uint8Array, plan: Plan): { bytes: Uint8Array; notes: string[] } {
  const notes: string[] = [];
  const utf8 = (() => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf);
      return true;
    } catch {
      return false;
    }
  })();
  if (!utf8) notes.push('原文件不是 UTF-8 编码，公开版本已转存为 UTF-8');
  const text = plan.apply(decodeText(buf), '正文');
  return { bytes: new TextEncoder().encode(text), notes };
}

interface Node extends Omit<HtmlNode, 'childNodes' | 'content'> {
  childNodes?: Node[];
  content?: Node;
  parentNode?: Node;
}

const DROP_ELEMENTS = new Set(['script', 'noscript', 'template', 'object', 'embed', 'iframe', 'applet']);
const isHidden = (n: Node) => {
  const attrs = n.attrs ?? [];
  const style = attrs.find((a) => a.name === 'style')?.value ?? '';
  return (
    attrs.some((a) => a.name === 'hidden') ||
    /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style) ||
    (n.nodeName === 'input' && attrs.some((a) => a.name === 'type' && a.value.toLowerCase() === 'hidden'))
  );
};

export function redactHtml(buf: Uint8Array, plan: Plan): { bytes: Uint8Array; notes: string[] } {
  const doc = parse(decodeText(buf)) as unknown as Node;
  const dropped = { comments: 0, scripts: 0, hidden: 0, attrs: 0 };
  const texts: Node[] = [];
  const clean = (n: Node) => {
    const kids = n.childNodes ?? [];
    n.childNodes = kids.filter((c) => {
      if (c.nodeName === '#comment') return void dropped.comments++, false;
      if (DROP_ELEMENTS.has(c.nodeName)) return void dropped.scripts++, false;
      if (c.attrs && isHidden(c)) return void dropped.hidden++, false;
      return true;
    });
    if (n.nodeName === 'meta' && n.attrs) {
      // The public version is written as UTF-8: a declared GB2312 or GBK would garble it.
      for (const a of n.attrs) {
        if (a.name === 'charset') a.value = 'utf-8';
        if (a.name === 'content' && /charset=/i.test(a.value)) a.value = a.value.replace(/charset=[^;\s]+/i, 'charset=utf-8');
      }
    }
    if (n.attrs) {
      const before = n.attrs.length;
      n.attrs = n.attrs.filter((a) => !a.name.startsWith('data-') && !/^on/i.test(a.name) && !/^\s*javascript:/i.test(a.value));
      dropped.attrs += before - n.attrs.length;
      for (const a of n.attrs) a.value = plan.apply(a.value, `网页属性（${n.nodeName} ${a.name}）`);
    }
    for (const c of n.childNodes) {
      if (c.nodeName === '#text') texts.push(c);
      else clean(c);
    }
    if (n.content) clean(n.content);
  };
  clean(doc);
  const replaced = plan.applyAcross(texts.map((t) => t.value ?? ''), '网页正文');
  texts.forEach((t, i) => (t.value = replaced[i]));
  const notes: string[] = [];
  if (dropped.comments) notes.push(`删除了 ${dropped.comments} 处网页注释`);
  if (dropped.scripts) notes.push(`删除了 ${dropped.scripts} 处脚本或嵌入内容`);
  if (dropped.hidden) notes.push(`删除了 ${dropped.hidden} 个隐藏元素`);
  if (dropped.attrs) notes.push(`删除了 ${dropped.attrs} 个携带数据或脚本的属性`);
  return { bytes: new TextEncoder().encode(serialize(doc as never)), notes };
}
