import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services as Core } from '../../../electron/app/services';
import { verifyAudit } from '../../../electron/audit/verify';
import { fakeClock, setUpCore } from '../../helpers/setup';
import { refusal } from '../../helpers/refusal';
import { tempDir } from '../../helpers/tmp';
import { as, fields, staffUp, type Workflow } from '../../helpers/workflow';

// profiles.delete: only a trial copy that no item ever used goes; the check is the
// service's, so a call that skips the page is refused the same way.

let cleanup: () => void;
let core: Core;
let wf: Workflow;

beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  core = (await setUpCore(t.dir, fakeClock(new Date('2026-11-23T09:00:00+08:00')))).core;
  wf = await staffUp(core, 'tongliao');
  await as(core, 'secadm');
});
afterEach(async () => {
  await core.close();
  cleanup();
});

async function trialCopy(name: string) {
  const copy = structuredClone((await wf.listProfiles()).find((p) => p.id === 'tongliao')!.definition);
  copy.name = name;
  return wf.saveProfile(JSON.stringify(copy));
}

describe('deleting a procedure', () => {
  it('deletes an unused trial copy, and records it in the audit trail', async () => {
    const saved = await trialCopy('试用流程');
    await core.profiles.delete(saved.id, saved.version);
    expect((await wf.listProfiles()).some((p) => p.id === saved.id)).toBe(false);
    const entry = await core.vault.db().selectFrom('audit_log').selectAll().where('action', '=', 'profile.deleted').executeTakeFirstOrThrow();
    expect(entry.subject).toBe(`profile:${saved.id}`);
    expect((await verifyAudit(core.vault.db())).ok).toBe(true);
    // The trail names the deleted copy: a later copy never takes its id.
    expect((await trialCopy('再试')).id).toBe('tongliao-custom2');
  });

  it('refuses, in Chinese, a version an item was registered under', async () => {
    const saved = await trialCopy('某某县试行办法');
    await wf.activateProfile(saved.id, saved.version);
    await as(core, 'liu');
    await wf.register(fields());
    await as(core, 'secadm');
    expect((await refusal(core.profiles.delete(saved.id, saved.version))).message).toContain('现行');
    await wf.activateProfile('tongliao', 2);
    const used = await refusal(core.profiles.delete(saved.id, saved.version));
    expect(used.code).toBe('CONFLICT');
    expect(used.message).toBe('已有 1 个事项按“某某县试行办法”第 1 版办理，不能删除');
    expect((await wf.listProfiles()).some((p) => p.id === saved.id)).toBe(true);
  });

  it('refuses the shipped procedures and versions that do not exist', async () => {
    expect((await refusal(core.profiles.delete('tongliao', 2))).message).toBe('程序自带的审查制度不能删除');
    expect((await refusal(core.profiles.delete('nothing-custom1', 1))).code).toBe('NOT_FOUND');
  });
});
