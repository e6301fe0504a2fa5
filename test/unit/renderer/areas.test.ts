import { describe, expect, it } from 'vitest';
import { centred, describe as say, fitted, MIN_SIDE, moved, resized, STEP, withPercent } from '../../../renderer/src/pages/item/areas';

// The keyboard's areas must come out in the mouse's shape and always inside the page, or
// publicVersions.produce refuses them (删除区域超出了页面范围).
const inside = (a: { x: number; y: number; width: number; height: number }) =>
  a.x >= 0 && a.y >= 0 && a.x + a.width <= 1 + 1e-9 && a.y + a.height <= 1 + 1e-9 && a.width >= MIN_SIDE && a.height >= MIN_SIDE;

describe('areas placed by keyboard', () => {
  it('moves by a step and stops at every edge', () => {
    let a = centred(1);
    a = moved(a, STEP, 0);
    expect(a.x).toBeCloseTo(0.36);
    for (let i = 0; i < 200; i++) a = moved(a, STEP, STEP);
    expect(a.x + a.width).toBeCloseTo(1);
    expect(a.y + a.height).toBeCloseTo(1);
    for (let i = 0; i < 200; i++) a = moved(a, -STEP, -STEP);
    expect([a.x, a.y]).toEqual([0, 0]);
  });

  it('resizes from the top left corner, never below the smallest side nor past the page', () => {
    let a = centred(2);
    for (let i = 0; i < 100; i++) a = resized(a, -STEP, -STEP);
    expect([a.width, a.height]).toEqual([MIN_SIDE, MIN_SIDE]);
    expect([a.x, a.y]).toEqual([0.35, 0.45]);
    for (let i = 0; i < 200; i++) a = resized(a, STEP, STEP);
    expect(a.x).toBe(0.35);
    expect(a.x + a.width).toBeCloseTo(1);
  });

  it('sets a side in % of the page, shrinking a width that would run off the page', () => {
    const a = withPercent(centred(1), 'width', 90);
    expect(a.x).toBe(0.35);
    expect(a.width).toBeCloseTo(0.65);
    expect(withPercent(a, 'x', 10).x).toBeCloseTo(0.1);
    expect(inside(withPercent(a, 'y', 250))).toBe(true);
  });

  it('keeps any input inside the page and on a page that exists', () => {
    for (let i = 0; i < 500; i++) {
      const r = (k: number) => Math.sin(i * 12.9898 + k * 78.233) * 3;
      const a = fitted({ page: r(0) * 4, x: r(1), y: r(2), width: r(3), height: r(4) }, 3);
      expect(inside(a)).toBe(true);
      expect(a.page >= 1 && a.page <= 3 && Number.isInteger(a.page)).toBe(true);
    }
  });

  it('says where the area is in Chinese', () => {
    expect(say({ page: 1, x: 0.1, y: 0.2, width: 0.3, height: 0.05 })).toBe('第 1 页，左 10%，上 20%，宽 30%，高 5%');
  });
});
