import type { PageArea } from '../../components/page-area';

// Areas to remove, edited by keyboard: the same shape the mouse draws (fractions of the
// page, origin top left), kept inside the page so that publicVersions.produce never
// refuses one as 删除区域超出了页面范围.

/** One arrow press: 1% of the page; with Alt, a fine step of 0.2%. */
export const STEP = 0.01;
export const FINE_STEP = 0.002;
/** The smallest side: the mouse path drops anything under 0.5%, keys stop at 1%. */
export const MIN_SIDE = 0.01;

const round = (v: number) => Math.round(v * 10_000) / 10_000;
const between = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** A new area in the middle of a page: a third of its width, a tenth of its height. */
export function centred(page: number): PageArea {
  return { page, x: 0.35, y: 0.45, width: 0.3, height: 0.1 };
}

/** The area made whole: sides at least MIN_SIDE, every edge on the page, a page from 1 (to `pages` when known). */
export function fitted(a: PageArea, pages: number | null = null): PageArea {
  const width = round(between(a.width, MIN_SIDE, 1));
  const height = round(between(a.height, MIN_SIDE, 1));
  const page = Math.max(1, Math.min(pages ?? Number.MAX_SAFE_INTEGER, Math.round(a.page) || 1));
  return { page, x: round(between(a.x, 0, 1 - width)), y: round(between(a.y, 0, 1 - height)), width, height };
}

/** Moved by a step; stops at the page's edge. */
export function moved(a: PageArea, dx: number, dy: number): PageArea {
  return fitted({ ...a, x: a.x + dx, y: a.y + dy });
}

/** Grown or shrunk from its top left corner, which stays put; stops at the page's edge. */
export function resized(a: PageArea, dw: number, dh: number): PageArea {
  return fitted({ ...a, width: between(a.width + dw, MIN_SIDE, 1 - a.x), height: between(a.height + dh, MIN_SIDE, 1 - a.y) });
}

export type Side = 'x' | 'y' | 'width' | 'height';

/** One side set as a percentage of the page (the numeric fields); the others keep their place when they can. */
export function withPercent(a: PageArea, side: Side, percent: number): PageArea {
  const v = percent / 100;
  // Widening past the edge would push the area left: shrink the request to what fits instead.
  if (side === 'width') return fitted({ ...a, width: between(v, MIN_SIDE, 1 - a.x) });
  if (side === 'height') return fitted({ ...a, height: between(v, MIN_SIDE, 1 - a.y) });
  return fitted({ ...a, [side]: v });
}

export const percent = (v: number) => Math.round(v * 1000) / 10;

/** The area in words, for the list and for what a screen reader announces. */
export function describe(a: PageArea): string {
  return `第 ${a.page} 页，左 ${percent(a.x)}%，上 ${percent(a.y)}%，宽 ${percent(a.width)}%，高 ${percent(a.height)}%`;
}
