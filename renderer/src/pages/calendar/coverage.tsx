import { Alert } from '@mantine/core';
import { useOp } from '../../query';

/** The sentence saying from which date deadlines cannot be counted (for wherever 日历未覆盖 shows). */
export function useUncoveredNotice(): string | null {
  return useOp('calendar', 'status', undefined).data?.uncoveredNotice ?? null;
}

export function CoverageNotice() {
  const notice = useUncoveredNotice();
  if (!notice) return null;
  return (
    <Alert color="orange" data-testid="calendar-uncovered">
      {notice}
    </Alert>
  );
}
