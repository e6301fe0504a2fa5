import { Badge, Group, Tooltip } from '@mantine/core';
import type { Deadline } from '../../../shared/types';

/** Each deadline as a badge: red when overdue or outside the known calendar. */
export function Deadlines({ deadlines }: { deadlines: Deadline[] }) {
  return (
    <Group gap={4}>
      {deadlines.map((d) => (
        <Tooltip key={d.label} label={`${d.label}${d.basis ? `（${d.basis}）` : ''}`} multiline w={320}>
          <Badge color={d.due === null || d.overdue ? 'red' : 'blue'} variant={d.overdue ? 'filled' : 'light'} data-testid="deadline">
            {d.due === null ? '日历未覆盖' : d.overdue ? `已超期 ${d.due}` : `期限 ${d.due}`}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}
