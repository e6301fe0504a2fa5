import { CloseButton, DEFAULT_THEME, Pagination, darken, luminance, type MantineColorsTuple, type MantineThemeComponents } from '@mantine/core';

// Mantine's default palette fails WCAG AA contrast in many places (white on red-6 is
// 3.3:1, the dimmed grey 3.3:1, orange-9 on orange-1 3.6:1). Rather than fix each page,
// the shades that carry text are deepened until they pass with a margin: shades 6–8
// against white (filled buttons, badges, coloured and dimmed text), shade 9 against
// shade 2 (the light variants of badges, alerts and buttons, hovered too).

const MIN = 5;

const ratio = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

function deepen(color: string, against: string): string {
  let out = color;
  for (let k = 0.03; ratio(out, against) < MIN && k < 1; k += 0.03) out = darken(color, k);
  return out;
}

export const accessibleColors = Object.fromEntries(
  Object.entries(DEFAULT_THEME.colors).map(([name, tuple]) => {
    const shades = [...tuple];
    for (const i of [6, 7, 8]) shades[i] = deepen(shades[i]!, '#ffffff');
    shades[9] = deepen(shades[9]!, shades[2]!);
    return [name, shades as unknown as MantineColorsTuple];
  }),
);

const CONTROL_LABELS: Record<string, string> = { first: '第一页', previous: '上一页', next: '下一页', last: '最后一页' };

/** Controls that Mantine draws with an icon only get a Chinese name. */
export const accessibleComponents: MantineThemeComponents = {
  CloseButton: CloseButton.extend({ defaultProps: { 'aria-label': '关闭' } as Record<string, string> }),
  Pagination: Pagination.extend({
    defaultProps: {
      getControlProps: (control: string) => ({ 'aria-label': CONTROL_LABELS[control] ?? control }),
      getItemProps: (page: number) => ({ 'aria-label': `第 ${page} 页` }),
    },
  }),
};
