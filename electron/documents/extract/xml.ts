import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { DocumentRefused, LIMITS } from '../limits';

class DepthExceeded extends Error {}

export interface XmlHandlers {
  open?(tag: SaxesTagPlain, path: readonly string[]): void;
  text?(text: string, path: readonly string[]): void;
  close?(name: string, path: readonly string[]): void;
}

/** Streams an XML part through saxes; `path` is the stack of open element names. */
export function walkXml(xml: Uint8Array | string, part: string, h: XmlHandlers): void {
  const parser = new SaxesParser({ xmlns: false });
  const path: string[] = [];
  // Handlers look at `path`, so work per element grows with depth: the cap keeps the
  // whole walk linear in the size of the part (real documents nest a few dozen deep).
  parser.on('opentag', (tag) => {
    if (path.length >= LIMITS.xmlDepth) throw new DepthExceeded();
    path.push(tag.name);
    h.open?.(tag, path);
    if (tag.isSelfClosing) {
      path.pop();
      h.close?.(tag.name, path);
    }
  });
  parser.on('text', (t) => h.text?.(t, path));
  parser.on('cdata', (t) => h.text?.(t, path));
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing) return;
    path.pop();
    h.close?.(tag.name, path);
  });
  try {
    parser.write(typeof xml === 'string' ? xml : new TextDecoder().decode(xml)).close();
  } catch (e) {
    if (e instanceof DepthExceeded) throw new DocumentRefused(`文件内部的“${part}”部分嵌套超过 ${LIMITS.xmlDepth} 层，不是正常文档的结构，拒绝读取`);
    if (e instanceof DocumentRefused) throw e;
    throw new DocumentRefused(`文件内部的“${part}”部分已损坏，无法读取`);
  }
}

const attr = (tag: SaxesTagPlain, name: string): string | undefined => tag.attributes[name] as string | undefined;
export { attr };

/** All text of a part, for parts whose structure does not matter (custom XML). */
export function allText(xml: Uint8Array, part: string): string {
  const parts: string[] = [];
  walkXml(xml, part, { text: (t) => t.trim() && parts.push(t.trim()) });
  return parts.join(' ');
}
