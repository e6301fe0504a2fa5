// Text encodings and the HTML tree shape shared by the text readers and redaction.

/** UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 — the encodings found on 内网 PCs. */
export function decodeText(b: Uint8Array): string {
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b.subarray(2));
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(b);
  } catch {
    return new TextDecoder('gb18030').decode(b);
  }
}

/** The parse5 tree as the readers walk it (text, comments, attributes, templates). */
export interface Node {
  nodeName: string;
  value?: string;
  data?: string;
  attrs?: Array<{ name: string; value: string }>;
  childNodes?: Node[];
  content?: Node;
}
