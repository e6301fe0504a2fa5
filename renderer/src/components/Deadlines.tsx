import { Badge, Group, Tooltip } from '@mantine/core';
import type { Deadline } from '../../../shared/types';
import { useUncoveredNotice } from '../pages/calendar/coverage';

/** The deadline's short name: its label up to the bracket that explains it. */
const shortLabel = (label: string) => label.replace(/（.*$/, '');

function days(d: Deadline): string {
  if (d.remaining === undefined) return '';
  if (d.overdue) return `，已超期 ${-d.remaining} 个工作日`;
  return d.remaining === 0 ? '，今天到期' : `，剩余 ${d.remaining} 个工作日`;
}

/** Each deadline as a badge with its name, date and working days left: red when overdue or outside the known calendar. */
export function Deadlines({ deadlines }: { deadlines: Deadline[] }) {
  // Which date the shipped and imported calendars reach, for the 日历未覆盖 badge's tooltip.
  const uncovered = useUncoveredNotice();
  const text = (d: Deadline) =>
    d.undated ? `${shortLabel(d.label)}：${d.basis || '无固定期限'}` : d.due === null ? `${shortLabel(d.label)}：日历未覆盖` : `${shortLabel(d.label)}：${d.overdue ? '已超期' : '期限'} ${d.due}${days(d)}`;
  const tip = (d: Deadline) => (d.due === null && !d.undated && uncovered ? `${d.label}：${uncovered}` : `${d.label}${d.basis ? `（${d.basis}）` : ''}`);
  return (
    <Group gap={4}>
      {deadlines.map((d) => (
        <Tooltip key={d.label} label={tip(d)} multiline w={320}>
          <Badge color={d.undated ? 'gray' : d.due === null || d.overdue ? 'red' : 'blue'} variant={d.overdue ? 'filled' : 'light'} data-testid="deadline" style={{ textTransform: 'none' }}>
            {text(d)}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}
