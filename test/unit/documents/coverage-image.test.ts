import { describe, expect, it } from 'vitest';
import { analyzeFile, expectAllReported } from './coverage/check';
import { JPEG_MARKERS, PNG_MARKERS, XP_COMMENT, jpegWithMarkers, pngWithMarkers } from './coverage/image-build';

// Images: a marker in every metadata block, and every block listed — read, or 未读取
// with the reason (pixels are never read as text).

describe('jpeg coverage', () => {
  it('reports every planted marker and lists every block', async () => {
    const a = await analyzeFile(jpegWithMarkers(), 'coverage.jpg');
    expectAllReported(a, JPEG_MARKERS);
    const where = (m: string) => a.segments.filter((s) => a.text.slice(s.start, s.end).includes(m)).map((s) => s.location);
    expect(where('MARK-jpeg-com')).toEqual(['JPEG 注释（COM）']);
    expect(where('MARK-jpeg-icc')).toEqual(['ICC：ProfileDescription']);
    expect(where('MARK-jpeg-usercomment')).toEqual(['EXIF：UserComment']);
    expect(where('MARK-jpeg-gps-area')).toEqual(['EXIF：GPSAreaInformation']);
    // Windows writes 备注 as UTF-16LE bytes: the Chinese must come out whole, not as mojibake.
    expect(a.segments.filter((s) => a.text.slice(s.start, s.end).includes('MARK-jpeg-xp-comment')).map((s) => a.text.slice(s.start, s.end))).toEqual([XP_COMMENT]);
    expect(a.parts.map((p) => p.name)).toEqual(expect.arrayContaining([expect.stringMatching(/^EXIF（APP1/), expect.stringMatching(/^XMP（APP1/), expect.stringMatching(/^IPTC/), expect.stringMatching(/^ICC/), expect.stringMatching(/^注释段/)]));
    expect(a.parts.find((p) => p.name.startsWith('未知元数据块（APP11'))).toMatchObject({ read: false, reason: expect.stringMatching(/可打印的文字/) });
    for (const p of a.parts) if (!p.read) expect(p.reason, p.name).toBeTruthy();
  });
});

describe('png coverage', () => {
  it('reports every planted marker and lists every chunk', async () => {
    const a = await analyzeFile(pngWithMarkers(), 'coverage.png');
    expectAllReported(a, PNG_MARKERS);
    const types = a.parts.map((p) => p.name.split(' ')[0]);
    expect(types).toEqual(expect.arrayContaining(['IHDR', 'tEXt', 'zTXt', 'iTXt', 'eXIf', 'iCCP', 'prVt', 'IDAT', 'IEND']));
    expect(a.parts.find((p) => p.name.startsWith('IDAT'))).toMatchObject({ read: false, reason: expect.stringMatching(/不做识别/) });
    expect(a.parts.find((p) => p.name.startsWith('prVt'))).toMatchObject({ read: false });
    const where = (m: string) => a.segments.filter((s) => a.text.slice(s.start, s.end).includes(m)).map((s) => s.location);
    expect(where('MARK-png-iccp-name')).toEqual(['PNG ICC 配置名称（iCCP）']);
    expect(where('MARK-png-splt-name')).toEqual(['PNG 建议调色板名称（sPLT）']);
    expect(where('MARK-png-itxt-translated')).toEqual(['PNG 文本（Title）的译名']);
  });
});
