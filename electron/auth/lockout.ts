import { AppFailure } from '../../shared/result';
import type { KeyslotFile, LockTarget, Slot } from '../store/keyslots';

// One lockout policy for every way a password is tried (login, unlock, password change,
// the CLI): counters live in the keyslot file, for accounts and for unknown names alike,
// so a restart forgets nothing and a locked name looks the same whether it exists or not.

function hhmm(d: Date): string {
  return d.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });
}

export const lockedFailure = (until: Date) =>
  new AppFailure('ACCOUNT_LOCKED', `连续登录失败次数过多，账号已被锁定，请于 ${hhmm(until)} 后再试，或联系系统管理员解锁`);

export const targetOf = (slot: Slot | undefined, lookup: string): LockTarget => (slot ? { slotId: slot.id } : { lookup });

/** Throws while the target is locked out. */
export function refuseIfLocked(ks: KeyslotFile, target: LockTarget, now: Date): void {
  const until = ks.lockedUntil(target, now);
  if (until) throw lockedFailure(until);
}

/** Counts a failed attempt; throws the lockout message when this one locked the target. */
export function countFailure(ks: KeyslotFile, target: LockTarget, now: Date): void {
  if (ks.recordFailure(target, now)) throw lockedFailure(ks.lockedUntil(target, now)!);
}
