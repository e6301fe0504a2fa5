import { appendAudit } from '../audit/append';
import { runAccountChange } from './account-change';
import { faultPoint } from './faults';
import { dropBridgesIfDone } from './rotation';
import type { Vault } from './vault';

// After a rotation, each user's slot still wraps the old data key until the password is
// at hand again: at login. The rewrap is an account change like a password change (the
// intent pattern of account-change.ts), recorded as keys.slotRewrapped; when it was the
// last slot on an old key, the bridges go (keys.bridgesRemoved).

export const BRIDGES_REMOVED_TEXT = '全部账号和恢复码均已按更换后的数据密钥重新封装，已移除过渡封装：原数据密钥不再能打开本数据目录';

/** Removes the bridges when no slot needs them, recording it under the organization key. */
export async function dropBridgesWhenDone(vault: Vault, now: Date): Promise<boolean> {
  const dropped = await dropBridgesIfDone(vault.slots(), vault.db(), vault.dataKey(), async () => {
    await appendAudit(vault.db(), { actor: 'system', role: 'system', action: 'keys.bridgesRemoved', subject: 'data', payload: { text: BRIDGES_REMOVED_TEXT } }, vault.org(), now);
  });
  if (dropped) faultPoint('rotation:bridgesDropped');
  return dropped;
}

/**
 * Rewraps the logged-in user's slot under the current data key if it still wraps an older
 * one. The signing key is sealed again under the same password, unchanged.
 */
export async function rewrapIfStale(vault: Vault, slotId: string, password: string, signingKey: Buffer | null, userId: string, now: Date): Promise<boolean> {
  const ks = vault.slots();
  const previous = ks.slot(slotId);
  if (!previous || !ks.isStale(previous) || ks.intent || ks.rotation) return false;
  const key = vault.dataKey();
  await runAccountChange(ks, vault.db(), key, {
    kind: 'rewrap',
    slotId,
    previous,
    applySlot: async (k) => void (await k.rewrap(slotId, password, key, signingKey)),
    writeStore: async (tx, intentId) => {
      await appendAudit(
        tx,
        { actor: 'system', role: 'system', action: 'keys.slotRewrapped', subject: userId, payload: { intentId, text: '登录时按更换后的数据密钥重新封装该账号的钥匙槽' } },
        vault.org(),
        now,
      );
    },
  });
  faultPoint('rotation:slotRewrapped');
  await dropBridgesWhenDone(vault, now);
  return true;
}
