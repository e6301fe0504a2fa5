// Named points where tests kill the process on purpose (fault injection in code, not
// timing): `MISHEN_FAULT=<point>` makes the process SIGKILL itself when it gets there.
// Inert unless that variable is set.

export type FaultPoint =
  | 'account:keyslotsWritten'
  | 'account:storeCommitted'
  | 'backup:beforeRename'
  | 'rotation:tempCopied'
  | 'rotation:rekeyed'
  | 'rotation:intentWritten'
  | 'rotation:renamed'
  | 'rotation:recorded'
  | 'rotation:keyslotsUpdated'
  | 'rotation:slotRewrapped'
  | 'rotation:bridgesDropped';

export function faultPoint(point: FaultPoint): void {
  if (process.env['MISHEN_FAULT'] === point) process.kill(process.pid, 'SIGKILL');
}
