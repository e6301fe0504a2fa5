import { existsSync, readFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import canonicalize from 'canonicalize';
import { macWith, open, PASSWORD_KDF, scrypt, seal, sha256Hex, type ScryptParams } from '../keys/crypto';
import { writeFileAtomic } from './atomic';
import { followBridges, keyIdOf, keysSchema, rotationIntentSchema, sealedSchema as sealed, type KeyGenerations, type RotationIntent } from './keyslots-rotation';
import { normalizeRecoveryCode } from './recovery-code';

export { generateRecoveryCode, normalizeRecoveryCode } from './recovery-code';

// LUKS-like keyslots: the random data key that opens the database is wrapped once
// per user (by a key derived from the password) and once for the recovery code. The
// file holds no name and no plaintext: slots are found by a salted hash of the user
// name, and lockout counters live here because they must work before the database
// can be opened.

/** Bounded so that a crafted file cannot make a login spend hours or gigabytes. */
const kdfSchema = z.object({
  alg: z.literal('scrypt'),
  N: z.number().int().min(2 ** 10).max(2 ** 20).refine((n) => (n & (n - 1)) === 0),
  r: z.number().int().min(1).max(16),
  p: z.number().int().min(1).max(4),
  salt: z.string().max(64),
});
const slotSchema = z.object({
  id: z.string(),
  kind: z.enum(['user', 'recovery']),
  lookup: z.string().nullable(),
  kdf: kdfSchema,
  wrapped: sealed,
  /** The user's Ed25519 key (PKCS#8), sealed under the same password-derived key. */
  signingKey: sealed.nullable(),
  failures: z.number().int().min(0),
  lockedUntil: z.string().nullable(),
  /**
   * SHA-256 of the slot's sealed fields: a flipped bit is reported as a damaged file,
   * not taken for a wrong password (which would count towards the lockout).
   */
  digest: z.string().optional(),
  /** Which data key generation the slot wraps (keyslots-rotation.ts); absent before the first rotation. */
  keyId: z.string().optional(),
});
const pendingSchema = z.object({
  at: z.string(),
  action: z.enum(['auth.loginFailed', 'auth.accountLocked']),
  slotId: z.string().nullable(),
});
const counterSchema = z.object({ failures: z.number().int().min(0), lockedUntil: z.string().nullable() });
const fileSchema = z.object({
  format: z.literal('mishen-keyslots/1'),
  lookupSalt: z.string(),
  lockout: z.object({ maxFailed: z.number().int().min(1), minutes: z.number().int().min(1) }),
  slots: z.array(slotSchema),
  pending: z.array(pendingSchema),
  /**
   * Lockout counters of user names that have no slot, by lookup hash, kept across
   * restarts so that locking out reveals nothing about which names exist.
   */
  unknown: z.record(z.string(), counterSchema).default({}),
  /**
   * What the store must be at least as new as: a counter of account changes and the
   * audit head after the last one, under a MAC keyed from the data key (so only the
   * holder of the data key can write it). An older database, or an older copy of this
   * file, is caught at open.
   */
  anchor: z.object({ counter: z.number().int().min(0), head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(), mac: z.string() }).nullable().default(null),
  /** An account change written here whose database half may not have committed. */
  intent: z
    .object({ id: z.string(), kind: z.enum(['create', 'reset', 'password', 'recovery', 'rewrap']), slotId: z.string(), previous: slotSchema.nullable() })
    .nullable()
    .default(null),
  /** Data key generations and the bridges from older ones (vault/rotation.ts). */
  keys: keysSchema.nullable().default(null),
  /** A data-key rotation whose store half may not have happened. */
  rotation: rotationIntentSchema.nullable().default(null),
});
export type Intent = NonNullable<z.infer<typeof fileSchema>['intent']>;
export type Anchor = NonNullable<z.infer<typeof fileSchema>['anchor']>;

export class KeyslotCorrupt extends Error {
  constructor() {
    super('keyslot file damaged');
    this.name = 'KeyslotCorrupt';
  }
}

const ANCHOR_PURPOSE = 'mishen-keyslot-anchor/1';
const slotDigest = (s: Slot) =>
  sha256Hex(canonicalize({ id: s.id, kind: s.kind, lookup: s.lookup, kdf: s.kdf, wrapped: s.wrapped, signingKey: s.signingKey, ...(s.keyId ? { keyId: s.keyId } : {}) })!);

/** Who a failed attempt counts against: an account's slot, or a name with none. */
export type LockTarget = { slotId: string } | { lookup: string };
/** Unknown-name counters kept at most; the oldest unlocked ones go first. */
const MAX_UNKNOWN = 2000;

export type Slot = z.infer<typeof slotSchema>;
export type PendingEvent = z.infer<typeof pendingSchema>;
type KeyslotFileData = z.infer<typeof fileSchema>;

/** Cheap on purpose: it only finds a slot; the password KDF is the expensive step. */
const LOOKUP_KDF: ScryptParams = { N: 2 ** 14, r: 8, p: 1 };

export const normalizeUsername = (name: string): string => name.normalize('NFC').trim().toLowerCase();

const slotContext = (id: string) => `mishen-keyslot/1:${id}`;
const signingContext = (id: string) => `mishen-signing/1:${id}`;

export interface Unwrapped {
  slot: Slot;
  dataKey: Buffer;
  /** The user's signing key (PKCS#8), once the user has chosen a password of their own. */
  signingKey: Buffer | null;
  /** The slot wraps an older data key, reached through a rotation bridge: rewrap it. */
  stale: boolean;
}

export class KeyslotFile {
  private constructor(
    readonly path: string,
    private data: KeyslotFileData,
    private readonly kdf: ScryptParams,
  ) {}

  static exists(path: string): boolean {
    return existsSync(path);
  }

  static create(path: string, kdf: ScryptParams = PASSWORD_KDF): KeyslotFile {
    const data: KeyslotFileData = {
      format: 'mishen-keyslots/1',
      lookupSalt: randomBytes(16).toString('base64'),
      lockout: { maxFailed: 5, minutes: 30 },
      ...{ slots: [], pending: [], unknown: {} },
      ...{ anchor: null, intent: null, keys: null, rotation: null },
    };
    return new KeyslotFile(path, data, kdf);
  }

  static load(path: string, kdf: ScryptParams = PASSWORD_KDF): KeyslotFile {
    const parsed = fileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
    return new KeyslotFile(path, parsed, kdf);
  }

  save(): void {
    writeFileAtomic(this.path, JSON.stringify(this.data, null, 1));
  }

  get slots(): readonly Slot[] {
    return this.data.slots;
  }

  get lockout() {
    return { ...this.data.lockout };
  }

  setLockout(maxFailed: number, minutes: number): void {
    this.data.lockout = { maxFailed, minutes };
    this.save();
  }

  async lookupOf(username: string): Promise<string> {
    const key = await scrypt(normalizeUsername(username), Buffer.from(this.data.lookupSalt, 'base64'), LOOKUP_KDF);
    return key.toString('base64');
  }

  async findByUsername(username: string): Promise<Slot | undefined> {
    const lookup = await this.lookupOf(username);
    return this.data.slots.find((s) => s.kind === 'user' && s.lookup === lookup);
  }

  slot(id: string): Slot | undefined {
    return this.data.slots.find((s) => s.id === id);
  }

  private async newSlot(
    kind: Slot['kind'],
    secret: string,
    dataKey: Buffer,
    lookup: string | null,
    signingKey: Buffer | null,
    id: string = randomUUID(),
  ): Promise<Slot> {
    const salt = randomBytes(16);
    const kek = await scrypt(secret, salt, this.kdf);
    const slot: Slot = {
      id,
      kind,
      lookup,
      kdf: { alg: 'scrypt', ...this.kdf, salt: salt.toString('base64') },
      wrapped: seal(kek, dataKey, slotContext(id)),
      signingKey: signingKey ? seal(kek, signingKey, signingContext(id)) : null,
      failures: 0,
      lockedUntil: null,
      keyId: keyIdOf(dataKey),
    };
    return { ...slot, digest: slotDigest(slot) };
  }

  /** Adds a slot; the caller saves (so several changes land in one atomic write). */
  async addUserSlot(username: string, password: string, dataKey: Buffer, id: string = randomUUID()): Promise<Slot> {
    if (await this.findByUsername(username)) throw new Error('a slot for this user exists');
    const slot = await this.newSlot('user', password, dataKey, await this.lookupOf(username), null, id);
    this.data.slots.push(slot);
    return slot;
  }

  async setRecoverySlot(code: string, dataKey: Buffer): Promise<void> {
    const slot = await this.newSlot('recovery', normalizeRecoveryCode(code), dataKey, null, null);
    this.data.slots = [...this.data.slots.filter((s) => s.kind !== 'recovery'), slot];
  }

  /**
   * Rewraps one slot under a new secret, keeping its id: a password change (with the
   * user's signing key) or a reset by the administrator (without: the administrator
   * knows the new password, so the user gets a fresh key at the next change).
   */
  async rewrap(slotId: string, secret: string, dataKey: Buffer, signingKey: Buffer | null): Promise<Slot> {
    const index = this.data.slots.findIndex((s) => s.id === slotId);
    const old = this.data.slots[index];
    if (!old) throw new Error('no such slot');
    const slot = await this.newSlot(old.kind, secret, dataKey, old.lookup, signingKey, old.id);
    this.data.slots[index] = slot;
    return slot;
  }

  removeSlot(slotId: string): void {
    const remaining = this.data.slots.filter((s) => s.id !== slotId);
    if (remaining.length === this.data.slots.length) throw new Error('no such slot');
    if (remaining.length === 0) throw new LastSlotError();
    this.data.slots = remaining;
  }

  /** Derives the slot's key from the secret and opens it; null when the secret is wrong. */
  async unwrap(slot: Slot, secret: string): Promise<Unwrapped | null> {
    if (slot.digest && slot.digest !== slotDigest(slot)) throw new KeyslotCorrupt();
    const input = slot.kind === 'recovery' ? normalizeRecoveryCode(secret) : secret;
    const kek = await scrypt(input, Buffer.from(slot.kdf.salt, 'base64'), slot.kdf);
    const wrappedKey = open(kek, slot.wrapped, slotContext(slot.id));
    if (!wrappedKey) return null;
    const signingKey = slot.signingKey ? open(kek, slot.signingKey, signingContext(slot.id)) : null;
    const { key, stale, broken } = followBridges(wrappedKey, this.data.keys?.bridges ?? []);
    if (broken) throw new KeyslotCorrupt();
    if (stale) wrappedKey.fill(0);
    return { slot, dataKey: key, signingKey, stale };
  }

  // --- data key generations (vault/rotation.ts) ------------------------------------

  get keys(): KeyGenerations | null {
    return this.data.keys;
  }

  get rotation(): RotationIntent | null {
    return this.data.rotation;
  }

  /** Rotation bookkeeping; the caller saves (and settles the anchor under the key that opens the store). */
  setGenerations(keys: KeyGenerations | null, rotation: RotationIntent | null): void {
    this.data.keys = keys;
    this.data.rotation = rotation;
  }

  /** Whether the slot still wraps a data key older than the store's (known without the password). */
  isStale(slot: Slot): boolean {
    const current = this.data.keys?.current;
    return !!current && slot.keyId !== current;
  }

  /** Spends the same time as a real attempt when there is no slot to try. */
  async dummyAttempt(secret: string): Promise<void> {
    await scrypt(secret, Buffer.alloc(16), this.kdf);
  }

  recoverySlot(): Slot | undefined {
    return this.data.slots.find((s) => s.kind === 'recovery');
  }

  private counter(target: LockTarget, create: boolean): { failures: number; lockedUntil: string | null } | undefined {
    if ('slotId' in target) return this.slot(target.slotId);
    let c = this.data.unknown[target.lookup];
    if (!c && create) {
      const keys = Object.keys(this.data.unknown);
      if (keys.length >= MAX_UNKNOWN) delete this.data.unknown[keys.find((k) => !this.data.unknown[k]!.lockedUntil) ?? keys[0]!];
      c = this.data.unknown[target.lookup] = { failures: 0, lockedUntil: null };
    }
    return c;
  }

  lockedUntil(target: Slot | LockTarget, now: Date): Date | null {
    const c = 'kind' in target ? target : this.counter(target, false);
    if (!c?.lockedUntil) return null;
    const until = new Date(c.lockedUntil);
    return until > now ? until : null;
  }

  /** Counts a failure (against a slot or an unknown name); returns whether it is now locked. Saves. */
  recordFailure(target: string | LockTarget | null, now: Date): boolean {
    let locked = false;
    const t: LockTarget | null = typeof target === 'string' ? { slotId: target } : target;
    const c = t ? this.counter(t, true) : undefined;
    if (c) {
      c.failures += 1;
      if (c.failures >= this.data.lockout.maxFailed) {
        c.lockedUntil = new Date(now.getTime() + this.data.lockout.minutes * 60_000).toISOString();
        c.failures = 0;
        locked = true;
      }
    }
    const slotId = t && 'slotId' in t ? t.slotId : null;
    this.data.pending.push({ at: now.toISOString(), action: 'auth.loginFailed', slotId });
    if (locked) this.data.pending.push({ at: now.toISOString(), action: 'auth.accountLocked', slotId });
    this.save();
    return locked;
  }

  /** Clears a slot's lockout; saves unless the caller saves with other changes. */
  clearFailures(slotId: string, save = true): void {
    const slot = this.slot(slotId);
    if (slot && (slot.failures !== 0 || slot.lockedUntil)) {
      slot.failures = 0;
      slot.lockedUntil = null;
      if (save) this.save();
    }
  }

  // --- account changes and the anchor ----------------------------------------------

  get intent(): Intent | null {
    return this.data.intent;
  }

  get anchor(): Anchor | null {
    return this.data.anchor;
  }

  /** Records what is about to change, with the slot as it was, before the caller saves. */
  beginIntent(intent: Omit<Intent, 'previous'>, previous: Slot | null): void {
    if (this.data.intent) throw new Error('an account change is already pending');
    this.data.intent = { ...intent, previous: previous ? structuredClone(previous) : null };
    const counter = (this.data.anchor?.counter ?? 0) + 1;
    this.data.anchor = { counter, head: this.data.anchor?.head ?? null, mac: '' };
  }

  /** Undoes the slot change of a pending intent whose database half never committed. */
  rollBackIntent(): void {
    const intent = this.data.intent;
    if (!intent) return;
    if (intent.previous) this.data.slots = this.data.slots.map((s) => (s.id === intent.slotId ? intent.previous! : s));
    else this.data.slots = this.data.slots.filter((s) => s.id !== intent.slotId);
    this.data.intent = null;
  }

  /** The database half committed (or the intent was rolled back): seal the anchor. */
  settle(dataKey: Buffer, head: { seq: number; hash: string } | null): void {
    this.data.intent = null;
    const counter = this.data.anchor?.counter ?? 0;
    this.data.anchor = { counter, head, mac: this.anchorMac(dataKey, counter, head) };
  }

  private anchorMac(dataKey: Buffer, counter: number, head: { seq: number; hash: string } | null): string {
    const slots = this.data.slots.map((s) => ({ id: s.id, digest: s.digest ?? slotDigest(s) }));
    // The generations are covered once there are any, so files from before rotation keep their MAC.
    const k = this.data.keys;
    const keys = k ? { keys: { current: k.current, rotatedAt: k.rotatedAt, bridges: k.bridges.map((b) => `${b.from}>${b.to}`) } } : {};
    return macWith(dataKey, ANCHOR_PURPOSE, canonicalize({ counter, head, slots, ...keys })!);
  }

  /** Whether the anchor was written by a holder of the data key and still matches the slots. */
  anchorValid(dataKey: Buffer): boolean {
    const a = this.data.anchor;
    return !a || a.mac === this.anchorMac(dataKey, a.counter, a.head);
  }

  /** Hands over the events recorded while the database was closed, and forgets them. */
  takePending(): PendingEvent[] {
    const events = this.data.pending;
    if (events.length) {
      this.data.pending = [];
      this.save();
    }
    return events;
  }

  /** Puts events back when the database write that was to hold them failed. */
  restorePending(events: PendingEvent[]): void {
    if (events.length === 0) return;
    this.data.pending = [...events, ...this.data.pending];
    this.save();
  }
}

export class LastSlotError extends Error {
  constructor() {
    super('the last usable keyslot cannot be removed');
    this.name = 'LastSlotError';
  }
}
