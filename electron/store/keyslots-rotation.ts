import { z } from 'zod';
import { macWith, open, seal, type Sealed } from '../keys/crypto';

// The data key's generations, as the keyslot file records them (electron/vault/rotation.ts
// explains the scheme). A slot's wrapped key may be an older generation: a bridge (the
// newer key sealed under the older one) leads from it to the key that opens the store,
// until every slot has been rewrapped and the bridges are dropped.

export const sealedSchema = z.object({ iv: z.string(), ct: z.string(), tag: z.string() });

const bridgeSchema = z.object({ from: z.string(), to: z.string(), sealed: sealedSchema });
export type Bridge = z.infer<typeof bridgeSchema>;

export const keysSchema = z.object({
  /** Key id of the data key the store is encrypted under. */
  current: z.string(),
  /** When the current key replaced the previous one. */
  rotatedAt: z.string(),
  bridges: z.array(bridgeSchema),
});
export type KeyGenerations = z.infer<typeof keysSchema>;

/** A rotation whose store half (the rename) may or may not have happened. */
export const rotationIntentSchema = z.object({
  id: z.string(),
  at: z.string(),
  /** The re-encrypted copy, by file name in the data folder. */
  temp: z.string(),
  bridge: bridgeSchema,
});
export type RotationIntent = z.infer<typeof rotationIntentSchema>;

/**
 * Names a data key without revealing it: HMAC under a key derived from the data key
 * for this one purpose, so it says only "same key or not".
 */
export const keyIdOf = (dataKey: Buffer): string => macWith(dataKey, 'mishen-key-id/1', '').slice(0, 32);

const bridgeContext = (from: string, to: string) => `mishen-key-bridge/1:${from}:${to}`;

export function makeBridge(oldKey: Buffer, newKey: Buffer): Bridge {
  const from = keyIdOf(oldKey);
  const to = keyIdOf(newKey);
  return { from, to, sealed: seal(oldKey, newKey, bridgeContext(from, to)) };
}

/** The newer key a bridge leads to; null when the key or the bridge does not match. */
export function crossBridge(key: Buffer, bridge: Bridge): Buffer | null {
  if (keyIdOf(key) !== bridge.from) return null;
  const next = open(key, bridge.sealed as Sealed, bridgeContext(bridge.from, bridge.to));
  return next && keyIdOf(next) === bridge.to ? next : null;
}

/**
 * Follows bridges from a slot's key to the newest generation. `stale` says a bridge was
 * needed (the slot waits to be rewrapped); `broken` that a bridge from this key exists
 * but does not open (a damaged file).
 */
export function followBridges(key: Buffer, bridges: readonly Bridge[]): { key: Buffer; stale: boolean; broken: boolean } {
  let current = key;
  let stale = false;
  for (let hops = 0; hops < bridges.length; hops++) {
    const id = keyIdOf(current);
    const bridge = bridges.find((b) => b.from === id);
    if (!bridge) break;
    const next = crossBridge(current, bridge);
    if (!next) return { key: current, stale, broken: true };
    if (stale) current.fill(0);
    current = next;
    stale = true;
  }
  return { key: current, stale, broken: false };
}
