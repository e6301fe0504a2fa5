import { describe, expect, it } from 'vitest';
import type { FindingView, TextPage } from '../../../shared/documents';
import { findOccurrences, MAX_LISTED } from '../../../renderer/src/pages/item/documents/occurrences';

// 按文字标记: where typed words stand in the text, in the same offsets the mouse's selection gives.
const text = '第一段 内部代号A1\n表格里 内部代号A1 在此\n末段';
const segments = [
  { location: '正文 第1段', start: 0, end: 10 },
  { location: '正文 第2段', start: 11, end: 24 },
  { location: '正文 第3段', start: 25, end: 27 },
] as unknown as TextPage['segments'];

describe('findOccurrences', () => {
  it('finds every place with its location and the words around it from its own paragraph', () => {
    const r = findOccurrences(text, segments, '内部代号A1', []);
    expect(r.total).toBe(2);
    expect(r.list.map((o) => [o.start, o.end, o.location])).toEqual([
      [4, 10, '正文 第1段'],
      [15, 21, '正文 第2段'],
    ]);
    expect(text.slice(r.list[1]!.start, r.list[1]!.end)).toBe('内部代号A1');
    expect(r.list[0]!.before).toBe('第一段 ');
    expect(r.list[0]!.after).toBe('');
    expect(r.list[1]!.after).toBe(' 在此');
  });

  it('counts non-overlapping places, says none for text that is not there, and nothing for an empty query', () => {
    expect(findOccurrences('1111', [], '11', []).total).toBe(2);
    expect(findOccurrences(text, segments, '不存在的字', []).total).toBe(0);
    expect(findOccurrences(text, segments, '', [])).toEqual({ list: [], total: 0 });
  });

  it('knows a place a confirmed finding already covers', () => {
    const findings = [{ status: 'confirmed', start: 14, end: 22 }, { status: 'dismissed', start: 0, end: 12 }] as unknown as FindingView[];
    expect(findOccurrences(text, segments, '内部代号A1', findings).list.map((o) => o.marked)).toEqual([false, true]);
  });

  it('lists at most MAX_LISTED places but counts them all', () => {
    const many = '甲'.repeat(MAX_LISTED + 50);
    const r = findOccurrences(many, [], '甲', []);
    expect(r.total).toBe(MAX_LISTED + 50);
    expect(r.list).toHaveLength(MAX_LISTED);
  });
});
