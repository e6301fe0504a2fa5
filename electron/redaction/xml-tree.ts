import { SaxesParser } from 'saxes';
import { DocumentRefused, LIMITS } from '../documents/limits';

// XML parts are rewritten as trees of saxes tokens, never with regular expressions on
// markup: a value split over runs, escaped as entities or wrapped in CDATA is the same
// text to the parser, and the output is escaped again by one serializer. Comments and
// processing instructions are dropped: they can carry text and no part needs them.

export interface XText {
  type: 'text';
  text: string;
}
export interface XElement {
  type: 'el';
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
}
export type XNode = XText | XElement;

export function parseXml(xml: Uint8Array | string, part: string): XElement {
  const root: XElement = { type: 'el', name: '#root', attrs: {}, children: [] };
  const stack: XElement[] = [root];
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag) => {
    if (stack.length > LIMITS.xmlDepth) throw new DocumentRefused(`文件内部的“${part}”部分嵌套过深，无法处理`);
    const el: XElement = { type: 'el', name: tag.name, attrs: { ...(tag.attributes as Record<string, string>) }, children: [] };
    stack.at(-1)!.children.push(el);
    if (!tag.isSelfClosing) stack.push(el);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  const text = (t: string) => {
    if (stack.length > 1) stack.at(-1)!.children.push({ type: 'text', text: t });
  };
  parser.on('text', text);
  parser.on('cdata', text);
  try {
    parser.write(typeof xml === 'string' ? xml : new TextDecoder().decode(xml)).close();
  } catch (e) {
    if (e instanceof DocumentRefused) throw e;
    throw new DocumentRefused(`文件内部的“${part}”部分已损坏，无法处理`);
  }
  return root;
}

const escText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escAttr = (s: string) => escText(s).replace(/"/g, '&quot;').replace(/\r/g, '&#13;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');

export function serializeXml(root: XElement): Uint8Array {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'];
  const write = (n: XNode) => {
    if (n.type === 'text') {
      out.push(escText(n.text));
      return;
    }
    const attrs = Object.entries(n.attrs)
      .map(([k, v]) => ` ${k}="${escAttr(v)}"`)
      .join('');
    if (!n.children.length) out.push(`<${n.name}${attrs}/>`);
    else {
      out.push(`<${n.name}${attrs}>`);
      n.children.forEach(write);
      out.push(`</${n.name}>`);
    }
  };
  root.children.forEach(write);
  return new TextEncoder().encode(out.join(''));
}

export const el = (name: string, attrs: Record<string, string> = {}, children: XNode[] = []): XElement => ({ type: 'el', name, attrs, children });

export function* elements(n: XElement): Generator<XElement> {
  for (const c of n.children) {
    if (c.type !== 'el') continue;
    yield c;
    yield* elements(c);
  }
}

export const find = (n: XElement, name: string): XElement | undefined => {
  for (const e of elements(n)) if (e.name === name) return e;
  return undefined;
};

/** Rebuilds children bottom-up: `fn` returns the node, a list replacing it (unwrap), or null (drop). */
export function rewrite(n: XElement, fn: (e: XElement, parent: XElement) => XNode | XNode[] | null): void {
  const next: XNode[] = [];
  for (const c of n.children) {
    if (c.type !== 'el') {
      next.push(c);
      continue;
    }
    rewrite(c, fn);
    const r = fn(c, n);
    if (r === null) continue;
    if (Array.isArray(r)) next.push(...r);
    else next.push(r);
  }
  n.children = next;
}

export const textOf = (n: XElement): string => n.children.map((c) => (c.type === 'text' ? c.text : textOf(c))).join('');
