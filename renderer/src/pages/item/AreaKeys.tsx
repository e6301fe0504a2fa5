import { Button, Group, NumberInput, Stack, Text } from '@mantine/core';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { PageArea } from '../../components/PdfPages';
import { AreaMap } from './AreaMap';
import { centred, describe, FINE_STEP, fitted, moved, percent, resized, STEP, withPercent, type Side } from './areas';

// The keyboard's way to draw areas to remove: 添加区域 puts one in the middle of the
// page, the list selects one (Tab), arrows move it, Shift with arrows resizes it, Alt
// makes the step finer, Delete removes it; the fields set it in % of the page. Every
// change is announced. The areas are the same objects the mouse draws.

const SIDES: Array<[Side, string]> = [
  ['x', '左'],
  ['y', '上'],
  ['width', '宽'],
  ['height', '高'],
];

interface Props {
  areas: PageArea[];
  onChange: (next: PageArea[]) => void;
  /** How many pages the file shows, once known: the page field stops there. */
  pages: number | null;
  /** Height over width of a page as drawn (for the plan of the selected area's page). */
  ratioOf: (page: number) => number;
}

export function AreaKeys({ areas, onChange, pages, ratioOf }: Props) {
  const [selected, setSelected] = useState<number | null>(null);
  const [said, setSaid] = useState('');
  const helpId = useId();
  const items = useRef<Array<HTMLButtonElement | null>>([]);
  const addButton = useRef<HTMLButtonElement>(null);
  /** The list entry to focus once drawn (after an add or a removal). */
  const focusNext = useRef<number | 'add' | null>(null);
  const at = selected !== null && selected < areas.length ? selected : null;
  const area = at !== null ? areas[at]! : null;

  useEffect(() => {
    const next = focusNext.current;
    if (next === null) return;
    focusNext.current = null;
    (next === 'add' ? addButton.current : items.current[next])?.focus();
  });

  const replace = (i: number, a: PageArea, words: string) => {
    onChange(areas.map((x, k) => (k === i ? a : x)));
    setSaid(`第 ${i + 1} 处${words}：${describe(a)}`);
  };

  const add = () => {
    const a = centred(area?.page ?? 1);
    onChange([...areas, a]);
    setSelected(areas.length);
    focusNext.current = areas.length;
    setSaid(`已添加第 ${areas.length + 1} 处删除区域：${describe(a)}。用方向键移动，Shift 加方向键调整大小，按删除键删除`);
  };

  const remove = (i: number) => {
    onChange(areas.filter((_, k) => k !== i));
    const rest = areas.length - 1;
    setSelected(rest > 0 ? Math.min(i, rest - 1) : null);
    focusNext.current = rest > 0 ? Math.min(i, rest - 1) : 'add';
    setSaid(`已删除第 ${i + 1} 处删除区域，还有 ${rest} 处`);
  };

  const onKey = (i: number) => (e: KeyboardEvent<HTMLButtonElement>) => {
    const a = areas[i]!;
    const step = e.altKey ? FINE_STEP : STEP;
    const delta: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const d = delta[e.key];
    if (d) {
      if (e.shiftKey) replace(i, resized(a, d[0], d[1]), '已调整大小');
      else replace(i, moved(a, d[0], d[1]), '已移动');
    } else if (e.key === 'Delete' || e.key === 'Backspace') remove(i);
    else if (e.key === 'PageDown' || e.key === 'PageUp') {
      const page = fitted({ ...a, page: a.page + (e.key === 'PageDown' ? 1 : -1) }, pages).page;
      replace(i, { ...a, page }, page === a.page ? '已在首页或末页' : '已换页');
    } else return;
    // The arrows also mean 下一处/上一处发现 on this page, and Alt+← means back: these keys are ours here.
    e.preventDefault();
    e.stopPropagation();
  };

  const setPage = (v: number | string) => {
    if (at === null || typeof v !== 'number') return;
    replace(at, fitted({ ...area!, page: v }, pages), '已换页');
  };
  const setSide = (side: Side) => (v: number | string) => {
    if (at === null || typeof v !== 'number') return;
    replace(at, withPercent(area!, side, v), '已修改');
  };

  return (
    <Stack gap={6} data-testid="area-keys">
      <Text size="xs" c="dimmed" id={helpId}>
        键盘操作：按“添加区域”在页面中部加一处，用 Tab 选择区域，方向键移动（每次 1%，按住 Alt 每次 0.2%），Shift 加方向键调整宽高，上下翻页键换页，删除键删除；也可以在下面的数字框中按页面的百分比填写位置和大小。
      </Text>
      <Group gap="xs">
        <Button ref={addButton} size="compact-xs" variant="light" onClick={add}>
          添加区域
        </Button>
      </Group>
      {areas.length > 0 && (
        <Group gap={4} role="group" aria-label="删除区域" data-testid="area-list">
          {areas.map((a, i) => (
            <Button
              key={i}
              ref={(el) => void (items.current[i] = el)}
              size="compact-xs"
              variant={i === at ? 'filled' : 'default'}
              aria-pressed={i === at}
              aria-describedby={helpId}
              aria-label={`第 ${i + 1} 处：${describe(a)}`}
              data-area-item={i + 1}
              onFocus={() => setSelected(i)}
              onClick={() => setSelected(i)}
              onKeyDown={onKey(i)}
            >
              第 {i + 1} 处（第 {a.page} 页）
            </Button>
          ))}
        </Group>
      )}
      {area && (
        <Group gap="xs" align="end" data-testid="area-fields">
          <AreaMap areas={areas} selected={area} ratio={ratioOf(area.page)} />
          <NumberInput size="xs" w={80} label={`第 ${at! + 1} 处：页`} min={1} max={pages ?? undefined} step={1} allowDecimal={false} value={area.page} onChange={setPage} />
          {SIDES.map(([side, label]) => (
            <NumberInput key={side} size="xs" w={90} label={`${label}（%）`} min={0} max={100} step={1} decimalScale={1} value={percent(area[side])} onChange={setSide(side)} />
          ))}
          <Button size="compact-xs" variant="subtle" color="red" onClick={() => remove(at!)}>
            删除这一处
          </Button>
        </Group>
      )}
      <Text size="xs" role="status" aria-live="polite" data-testid="area-said">
        {said}
      </Text>
    </Stack>
  );
}
