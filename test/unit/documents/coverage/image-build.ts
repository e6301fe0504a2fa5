import { zlibSync } from 'fflate';
import { png, pngChunk } from '../../../helpers/fixtures';

// JPEG and PNG files with a unique marker in every metadata block the formats allow:
// EXIF (IFD0 strings, UserComment, MakerNote), XMP, IPTC, ICC description, JPEG COM,
// PNG tEXt/zTXt/iTXt/eXIf/iCCP, and a private block no reader knows.

export const JPEG_MARKERS = ['exif-description', 'exif-artist', 'usercomment', 'makernote', 'xmp', 'iptc-caption', 'iptc-byline', 'icc', 'com', 'private', 'xp-comment', 'owner-name', 'gps-area', 'iptc-keyword'].map((m) => `MARK-jpeg-${m}`);
export const PNG_MARKERS = ['text', 'ztxt', 'itxt', 'xmp', 'exif-description', 'usercomment', 'icc', 'private', 'itxt-compressed', 'itxt-translated', 'iccp-name', 'splt-name'].map((m) => `MARK-png-${m}`);
/** Windows' 备注 field (XPComment): UTF-16LE, so Chinese must come out whole. */
export const XP_COMMENT = 'MARK-jpeg-xp-comment 审核备注';

type Entry = [tag: number, type: number, value: Buffer];

/** A little-endian TIFF: IFD0 entries, then an Exif IFD with its entries. */
function tiff(ifd0: Entry[], exif: Entry[], gps: Entry[] = []): Buffer {
  const build = (entries: Entry[], at: number): Buffer => {
    const head = Buffer.alloc(2 + entries.length * 12 + 4);
    head.writeUInt16LE(entries.length, 0);
    let data = Buffer.alloc(0);
    entries.forEach(([tag, type, value], i) => {
      const o = 2 + i * 12;
      head.writeUInt16LE(tag, o);
      head.writeUInt16LE(type, o + 2);
      head.writeUInt32LE(type === 4 ? 1 : value.length, o + 4);
      if (value.length <= 4) value.copy(head, o + 8);
      else {
        head.writeUInt32LE(at + head.length + data.length, o + 8);
        data = Buffer.concat([data, value]);
      }
    });
    return Buffer.concat([head, data]);
  };
  const pointers: Entry[] = [[0x8769, 4, Buffer.alloc(4)], ...(gps.length ? ([[0x8825, 4, Buffer.alloc(4)]] as Entry[]) : [])];
  const withPointer: Entry[] = [...ifd0, ...pointers];
  let first = build(withPointer, 8);
  const second = build(exif, 8 + first.length);
  const u32 = (n: number) => Buffer.from(Uint32Array.of(n).buffer);
  withPointer[ifd0.length] = [0x8769, 4, u32(8 + first.length)];
  if (gps.length) withPointer[ifd0.length + 1] = [0x8825, 4, u32(8 + first.length + second.length)];
  first = build(withPointer, 8);
  return Buffer.concat([Buffer.from([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0]), first, second, ...(gps.length ? [build(gps, 8 + first.length + second.length)] : [])]);
}

const ascii = (s: string) => Buffer.from(`${s}\0`, 'utf8');
function exifFor(prefix: string): Buffer {
  const jpeg = prefix === 'MARK-jpeg';
  return tiff(
    [
      [0x010e, 2, ascii(`${prefix}-exif-description`)],
      ...(jpeg ? ([[0x013b, 2, ascii(`${prefix}-exif-artist`)], [0x9c9c, 1, Buffer.from(`${XP_COMMENT}\0`, 'utf16le')]] as Entry[]) : []),
    ],
    [
      [0x9286, 7, Buffer.concat([Buffer.from('ASCII\0\0\0', 'latin1'), Buffer.from(`${prefix}-usercomment`)])],
      [0x927c, 7, Buffer.concat([Buffer.from('Vendor\0\x01\x00\x02', 'latin1'), Buffer.from(`${prefix}-makernote`), Buffer.alloc(8)])],
      ...(jpeg ? ([[0xa430, 2, ascii(`${prefix}-owner-name`)]] as Entry[]) : []),
    ],
    jpeg ? [[0x001c, 7, Buffer.concat([Buffer.from('ASCII\0\0\0', 'latin1'), Buffer.from(`${prefix}-gps-area`)])]] : [],
  );
}

/** A version 2 ICC profile whose only tag is its description. */
export function iccProfile(description: string): Buffer {
  const desc = Buffer.alloc(12 + description.length + 1 + 8 + 3 + 67);
  desc.write('desc', 0, 'latin1');
  desc.writeUInt32BE(description.length + 1, 8);
  desc.write(description, 12, 'latin1');
  const header = Buffer.alloc(128);
  const table = Buffer.alloc(4 + 12);
  table.writeUInt32BE(1, 0);
  table.write('desc', 4, 'latin1');
  table.writeUInt32BE(128 + table.length, 8);
  table.writeUInt32BE(desc.length, 12);
  const size = 128 + table.length + desc.length;
  header.writeUInt32BE(size, 0);
  header.write('none', 4, 'latin1');
  header.writeUInt32BE(0x02100000, 8);
  header.write('mntr', 12, 'latin1');
  header.write('RGB ', 16, 'latin1');
  header.write('XYZ ', 20, 'latin1');
  header.write('acsp', 36, 'latin1');
  return Buffer.concat([header, table, desc]);
}

const xmp = (text: string) =>
  `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">${text}</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta>`;

function segment(marker: number, body: Buffer): Buffer {
  const h = Buffer.alloc(4);
  h.writeUInt16BE(0xff00 | marker, 0);
  h.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([h, body]);
}

function iptc(): Buffer {
  const record = (dataset: number, text: string) => {
    const v = Buffer.from(text, 'utf8');
    const h = Buffer.from([0x1c, 0x02, dataset, 0, 0]);
    h.writeUInt16BE(v.length, 3);
    return Buffer.concat([h, v]);
  };
  const data = Buffer.concat([record(120, 'MARK-jpeg-iptc-caption'), record(80, 'MARK-jpeg-iptc-byline'), record(25, 'MARK-jpeg-iptc-keyword')]);
  const res = Buffer.alloc(12);
  res.write('8BIM', 0, 'latin1');
  res.writeUInt16BE(0x0404, 4);
  res.writeUInt32BE(data.length, 8);
  return Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), res, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

export function jpegWithMarkers(): Uint8Array {
  const parts = [
    Buffer.from([0xff, 0xd8]),
    segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifFor('MARK-jpeg')])),
    segment(0xe1, Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'), Buffer.from(xmp('MARK-jpeg-xmp'))])),
    segment(0xed, iptc()),
    segment(0xe2, Buffer.concat([Buffer.from('ICC_PROFILE\0\x01\x01', 'latin1'), iccProfile('MARK-jpeg-icc')])),
    segment(0xfe, Buffer.from('MARK-jpeg-com 审核用')),
    segment(0xeb, Buffer.concat([Buffer.from('VENDOR\0', 'latin1'), Buffer.from('MARK-jpeg-private')])),
    Buffer.from([0xff, 0xd9]),
  ];
  return Buffer.concat(parts);
}

export function pngWithMarkers(): Uint8Array {
  const base = Buffer.from(png({ tEXt: ['Comment', 'MARK-png-text'], zTXt: ['Author', 'MARK-png-ztxt'], iTXt: ['Description', 'MARK-png-itxt'] }));
  const iend = base.length - 12;
  const extra = [
    pngChunk('iTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'), Buffer.from(xmp('MARK-png-xmp'))])),
    pngChunk('eXIf', exifFor('MARK-png')),
    pngChunk('iCCP', Buffer.concat([Buffer.from('MARK-png-iccp-name\0\0', 'latin1'), zlibSync(iccProfile('MARK-png-icc'))])),
    pngChunk('prVt', Buffer.from('MARK-png-private')),
    pngChunk('iTXt', Buffer.concat([Buffer.from('Comment\0\x01\0zh-CN\0', 'latin1'), Buffer.from('说明\0'), zlibSync(Buffer.from('MARK-png-itxt-compressed'))])),
    pngChunk('iTXt', Buffer.concat([Buffer.from('Title\0\0\0zh\0', 'latin1'), Buffer.from('MARK-png-itxt-translated\0'), Buffer.from('标题')])),
    pngChunk('sPLT', Buffer.concat([Buffer.from('MARK-png-splt-name\0', 'latin1'), Buffer.from([8, 255, 0, 0, 255, 0, 1])])),
  ];
  return Buffer.concat([base.subarray(0, 33), ...extra, base.subarray(33, iend), base.subarray(iend)]);
}
