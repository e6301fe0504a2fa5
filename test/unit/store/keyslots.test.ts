import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PASSWORD_KDF, randomKey } from '../../../electron/keys/crypto';
import {
  generateRecoveryCode,
  KeyslotFile,
  LastSlotError,
  normalizeRecoveryCode,
} from '../../../electron/store/keyslots';
import { TEST_KDF, tempDir } from '../../helpers/tmp';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function fresh(kdf = TEST_KDF) {
  const t = tempDir();
  cleanup = t.cleanup;
  const path = join(t.dir, 'keyslots.json');
  return { dir: t.dir, path, ks: KeyslotFile.create(path, kdf) };
}

describe('keyslots', () => {
  it('wraps the data key per user and opens it only with the right password', async () => {
    const { path, ks } = fresh();
    const dataKey = randomKey();
    const slot = await ks.addUserSlot('Alice', 'pw-Alice-1', dataKey);
    ks.save();
    const loaded = KeyslotFile.load(path, TEST_KDF);
    const found = await loaded.findByUsername(' alice ');
    expect(found?.id).toBe(slot.id);
    expect((await loaded.unwrap(found!, 'pw-Alice-1'))!.dataKey.equals(dataKey)).toBe(true);
    expect(await loaded.unwrap(found!, 'wrong')).toBeNull();
    expect(await loaded.findByUsername('bob')).toBeUndefined();
  });

  it('uses scrypt N=2^17, r=8, p=1 by default', async () => {
    const { path } = fresh();
    const ks = KeyslotFile.create(path);
    await ks.addUserSlot('u', 'pw', randomKey());
    ks.save();
    const slot = JSON.parse(readFileSync(path, 'utf8')).slots[0];
    expect(slot.kdf).toMatchObject({ alg: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
    expect(PASSWORD_KDF).toEqual({ N: 131072, r: 8, p: 1 });
  });

  it('a wrong password changes nothing in the file', async () => {
    const { path, ks } = fresh();
    await ks.addUserSlot('u', 'right', randomKey());
    ks.save();
    const before = readFileSync(path);
    const loaded = KeyslotFile.load(path, TEST_KDF);
    expect(await loaded.unwrap(loaded.slots[0]!, 'wrong')).toBeNull();
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('rewrapping one slot leaves the others untouched', async () => {
    const { ks } = fresh();
    const dataKey = randomKey();
    const a = await ks.addUserSlot('a', 'pa', dataKey);
    const b = await ks.addUserSlot('b', 'pb', dataKey);
    const bBefore = JSON.stringify(ks.slot(b.id));
    const signing = randomKey();
    await ks.rewrap(a.id, 'pa2', dataKey, signing);
    expect(JSON.stringify(ks.slot(b.id))).toBe(bBefore);
    expect(await ks.unwrap(ks.slot(a.id)!, 'pa')).toBeNull();
    const opened = await ks.unwrap(ks.slot(a.id)!, 'pa2');
    expect(opened!.dataKey.equals(dataKey)).toBe(true);
    expect(opened!.signingKey!.equals(signing)).toBe(true);
  });

  it('refuses to remove the last usable slot', async () => {
    const { ks } = fresh();
    const a = await ks.addUserSlot('a', 'pa', randomKey());
    expect(() => ks.removeSlot(a.id)).toThrow(LastSlotError);
    await ks.setRecoverySlot(generateRecoveryCode(), randomKey());
    ks.removeSlot(a.id);
    expect(() => ks.removeSlot(ks.recoverySlot()!.id)).toThrow(LastSlotError);
  });

  it('opens the recovery slot with the code however it is typed', async () => {
    const { ks } = fresh();
    const dataKey = randomKey();
    const code = generateRecoveryCode();
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){6}[0-9A-HJKMNP-TV-Z]{2}$/);
    await ks.setRecoverySlot(code, dataKey);
    const typed = code.toLowerCase().replace(/-/g, ' ');
    expect(normalizeRecoveryCode(typed)).toBe(normalizeRecoveryCode(code));
    expect((await ks.unwrap(ks.recoverySlot()!, typed))!.dataKey.equals(dataKey)).toBe(true);
  });

  it('writes atomically and leaves no temp file', async () => {
    const { dir, ks } = fresh();
    await ks.addUserSlot('a', 'pa', randomKey());
    for (let i = 0; i < 5; i++) ks.save();
    expect(readdirSync(dir)).toEqual(['keyslots.json']);
  });

  it('locks a slot after the configured failures and records them for the audit', async () => {
    const { ks } = fresh();
    const a = await ks.addUserSlot('a', 'pa', randomKey());
    ks.setLockout(3, 30);
    const now = new Date('2026-01-05T09:00:00Z');
    expect(ks.recordFailure(a.id, now)).toBe(false);
    expect(ks.recordFailure(a.id, now)).toBe(false);
    expect(ks.recordFailure(a.id, now)).toBe(true);
    expect(ks.lockedUntil(ks.slot(a.id)!, now)?.toISOString()).toBe('2026-01-05T09:30:00.000Z');
    expect(ks.lockedUntil(ks.slot(a.id)!, new Date('2026-01-05T09:31:00Z'))).toBeNull();
    const pending = ks.takePending();
    expect(pending.map((p) => p.action)).toEqual(['auth.loginFailed', 'auth.loginFailed', 'auth.loginFailed', 'auth.accountLocked']);
    expect(ks.takePending()).toEqual([]);
  });
});
