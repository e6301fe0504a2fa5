import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MM, wrap, type Measure } from '../../../electron/forms/layout';
import { renderForm } from '../../../electron/forms/render';
import { chineseDate, fill } from '../../../electron/forms/templates';
import { CHECKPOINT, INPUTS, KINDS } from './fixtures';
import { flat, layoutText } from './pdf-tools';

const AT = new Date('2026-11-25T08:00:00Z');
// One unit per CJK character, half for ASCII: enough to test line breaking without a font.
const mono: Measure = { width: (t, size) => [...t].reduce((w, c) => w + (c.charCodeAt(0) < 128 ? 0.5 : 1), 0) * size };

describe('line breaking', () => {
  it('fills lines to the width and loses no character', () => {
    const text = '政府信息公开保密审查工作应当遵循谁公开谁审查、谁审查谁负责的原则，先审查、后公开，一事一审。';
    const lines = wrap(mono, text, 10, 1);
    expect(lines.join('')).toBe(text);
    for (const l of lines) expect(mono.width(l, 1, false)).toBeLessThanOrEqual(10);
  });

  it('never starts a line with closing punctuation', () => {
    const lines = wrap(mono, '一二三四五六七八九十，一二三四五六七八九十。', 10, 1);
    expect(lines.join('')).toBe('一二三四五六七八九十，一二三四五六七八九十。');
    for (const l of lines) expect('，。、；：）》'.includes(l[0]!)).toBe(false);
  });

  it('keeps numbers and Latin words whole, and breaks a word longer than the line', () => {
    expect(wrap(mono, '文号2026-11-25号', 5.5, 1)).toEqual(['文号', '2026-11-25', '号']);
    expect(wrap(mono, 'x'.repeat(30), 5, 1)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(10)]);
    expect(wrap(mono, '第一行\n第二行', 20, 1)).toEqual(['第一行', '第二行']);
  });
});

describe('the page', () => {
  it('keeps the text inside the GB/T 9704-2012 type area; only the stamp sits in the bottom margin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mishen-forms-'));
    try {
      for (const kind of KINDS) {
        const file = join(dir, `${kind}.pdf`);
        const r = await renderForm(kind, INPUTS[kind] as never, CHECKPOINT, { printedAt: AT });
        writeFileSync(file, r.pdf);
        const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
        const pages = [...html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)];
        expect(pages).toHaveLength(r.pages);
        for (const [, w, h, body] of pages) {
          expect([Number(w), Number(h)].map((v) => Math.round(v / MM))).toEqual([210, 297]);
          const words = [...body!.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/g)];
          expect(words.length).toBeGreaterThan(5);
          for (const [, x0, y0, x1, y1] of words) {
            const [left, top, right, bottom] = [x0, y0, x1, y1].map((v) => Number(v) / MM);
            expect(left, kind).toBeGreaterThanOrEqual(28 - 0.5);
            expect(right, kind).toBeLessThanOrEqual(210 - 26 + 0.5);
            expect(top, kind).toBeGreaterThanOrEqual(37 - 0.5);
            // Below the type area (297 − 35 mm) only the page stamp.
            if (bottom! > 297 - 35 + 0.5) expect(top, kind).toBeGreaterThan(297 - 35 + 5);
          }
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('templates', () => {
  it("takes an agency's own titles and notes from its templates folder, without code", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mishen-forms-'));
    try {
      mkdirSync(join(dir, 'own'));
      writeFileSync(join(dir, 'own', 'review-table.json'), JSON.stringify({ title: '示例局信息发布保密审查表', notes: ['注：本表一式两份。'] }));
      const r = await renderForm('review-table', INPUTS['review-table'], CHECKPOINT, { printedAt: AT, templatesDir: join(dir, 'own') });
      const text = flat(layoutText(r.pdf));
      expect(text).toContain('示例局信息发布保密审查表');
      expect(text).toContain('注：本表一式两份。');
      expect(text).not.toContain('不明确事项');
      // Labels not overridden keep the regulation's words.
      expect(text).toContain('工作机构或者');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a placeholder it has nothing for and a malformed date, rather than printing them', () => {
    expect(() => fill('致{addressee}：', {})).toThrow('“{addressee}”没有对应的内容');
    expect(chineseDate('2026-01-05')).toBe('2026年1月5日');
    expect(() => chineseDate('2026/01/05')).toThrow('YYYY-MM-DD');
  });
});
