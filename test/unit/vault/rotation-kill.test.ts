import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { generateRecoveryCode } from '../../../electron/store/keyslots';
import { ADMINS, NEW_PASSWORD } from '../../helpers/setup';
import { tempDir } from '../../helpers/tmp';
import { auditActions, checkFolder, leftovers, open, prepareFolder } from './rotation-helpers';

// A rotation killed at every stage (the process SIGKILLs itself at a named point of
// electron/vault/faults.ts), on one folder in sequence so that damage would accumulate.
// After each kill a fresh process opens the folder: every password and the valid recovery
// code open it, all data is there, the chain verifies, no copy is left beside mishen.db,
// and a retried rotation finishes. Then the same for the rewraps at login.

const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((c) => c()));

function killChild(dir: string, op: 'rotate' | 'login', point: string, args: object): void {
  const r = spawnSync(process.execPath, ['test/unit/vault/rotation-child.mjs', dir, op, JSON.stringify(args)], {
    env: { ...process.env, MISHEN_FAULT: point },
    encoding: 'utf8',
  });
  expect(r.signal, `${point}: ${r.stderr.slice(-600)}`).toBe('SIGKILL');
}

async function rotateNow(dir: string): Promise<string> {
  const s = open(dir);
  try {
    await s.session.login(ADMINS.secAdmin.username, NEW_PASSWORD);
    const r = await s.keys.rotate(NEW_PASSWORD);
    await s.session.logout();
    return r.recoveryCode;
  } finally {
    await s.close();
  }
}

const INTACT = { refused: [], recovery: true, items: 2, documents: 2, chainOk: true, leftovers: [] };

describe('a data-key rotation killed at each stage', () => {
  it('before the intent, at the intent, after the rename, after the trail entry and after the keyslot update', async () => {
    const t = tempDir('mishen-rotkill-');
    cleanups.push(t.cleanup);
    let { recoveryCode } = await prepareFolder(t.dir);
    // Which recovery code must work after the kill: the rotation's only once its keyslot half is saved.
    const stages: Array<{ point: string; newCodeValid: boolean; notice?: RegExp; copyLeft?: boolean }> = [
      { point: 'rotation:tempCopied', newCodeValid: false, copyLeft: true },
      { point: 'rotation:rekeyed', newCodeValid: false, copyLeft: true },
      { point: 'rotation:intentWritten', newCodeValid: false, copyLeft: true, notice: /数据密钥更换因程序中断未完成，已撤销/ },
      { point: 'rotation:renamed', newCodeValid: false, notice: /已在本次打开时完成/ },
      { point: 'rotation:recorded', newCodeValid: false, notice: /已在本次打开时完成/ },
      { point: 'rotation:keyslotsUpdated', newCodeValid: true },
    ];
    const problems: string[] = [];
    for (const stage of stages) {
      const code = generateRecoveryCode();
      killChild(t.dir, 'rotate', stage.point, { username: ADMINS.secAdmin.username, password: NEW_PASSWORD, code });
      // The copy only ever sits beside mishen.db, under its own name, until the next open clears it.
      if (!!stage.copyLeft !== leftovers(t.dir).length > 0) problems.push(`${stage.point}: copy left ${leftovers(t.dir).join(',')}`);
      for (const f of leftovers(t.dir)) if ((statSync(join(t.dir, f)).mode & 0o777) !== 0o600) problems.push(`${stage.point}: ${f} readable by others`);
      if (stage.newCodeValid) recoveryCode = code;
      const after = await checkFolder(t.dir, recoveryCode);
      try {
        expect(after).toMatchObject(INTACT);
        if (stage.notice) expect(after.notices.some((n) => stage.notice!.test(n)), after.notices.join(' | ')).toBe(true);
        expect(after.notices.filter((n) => /完整性校验失败|比钥匙槽文件记录的审计位置|比数据库旧/.test(n))).toEqual([]);
      } catch (err) {
        problems.push(`${stage.point}: ${(err as Error).message.slice(0, 300)} ${JSON.stringify(after)}`);
      }
      // A retried rotation finishes, and everything still opens afterwards.
      recoveryCode = await rotateNow(t.dir);
      const retried = await checkFolder(t.dir, recoveryCode);
      if (JSON.stringify({ ...retried, notices: [] }) !== JSON.stringify({ ...INTACT, notices: [] }))
        problems.push(`${stage.point} then retried: ${JSON.stringify(retried)}`);
    }
    expect(problems).toEqual([]);
    const s = open(t.dir);
    const actions = await auditActions(s);
    await s.close();
    // One entry per rotation that reached the rename (5 killed after it or at the end, 6 retries), one undo.
    expect(actions.filter((a) => a.action === 'keys.rotated')).toHaveLength(3 + 6);
    expect(actions.filter((a) => a.action === 'keys.rotationUndone')).toHaveLength(1);
  }, 600_000);

  it('inside the rewrap at login: between its two files, after it, and after the bridges are dropped', async () => {
    const t = tempDir('mishen-rotkill-');
    cleanups.push(t.cleanup);
    await prepareFolder(t.dir);
    const problems: string[] = [];
    for (const point of ['account:keyslotsWritten', 'account:storeCommitted', 'rotation:slotRewrapped', 'rotation:bridgesDropped']) {
      const code = await rotateNow(t.dir);
      if (point === 'rotation:bridgesDropped') {
        // liu must be the last account on the old key for the bridges to go at his login.
        const s = open(t.dir);
        for (const u of [ADMINS.sysAdmin.username, ADMINS.auditor.username]) {
          await s.session.login(u, NEW_PASSWORD);
          await s.session.logout();
        }
        await s.close();
      }
      killChild(t.dir, 'login', point, { username: 'liu', password: NEW_PASSWORD });
      const after = await checkFolder(t.dir, code);
      if (JSON.stringify({ ...after, notices: [] }) !== JSON.stringify({ ...INTACT, notices: [] })) problems.push(`${point}: ${JSON.stringify(after)}`);
      const s = open(t.dir);
      await s.session.login(ADMINS.secAdmin.username, NEW_PASSWORD);
      const status = await s.keys.status();
      await s.session.logout();
      await s.close();
      // checkFolder logged everyone in: nobody waits, the bridges are gone.
      if (status.waiting.length || status.bridgeActive) problems.push(`${point}: status ${JSON.stringify(status)}`);
    }
    expect(problems).toEqual([]);
  }, 600_000);
});
