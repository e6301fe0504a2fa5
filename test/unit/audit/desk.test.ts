import { afterEach, describe, expect, it } from 'vitest';
import { createPublicKey, verify } from 'node:crypto';
import type { Services } from '../../../electron/app/services';
import { ADMINS, firstLogin, setUpCore } from '../../helpers/setup';
import { tempDir } from '../../helpers/tmp';
import { as, fields, staffUp } from '../../helpers/workflow';

// The auditor's desk: names and words instead of ids, filters, checkpoints, and a
// signed extract that anyone can check with the auditor's public key.

let core: Services;
let cleanup: () => void;
afterEach(async () => {
  await core.close();
  cleanup();
});

describe('the auditor’s desk', () => {
  it('filters the trail by person, action and item, names them, and exports a signed extract', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    core = (await setUpCore(t.dir)).core;
    const wf = await staffUp(core, 'tongliao');
    await as(core, 'liu');
    const item = await wf.register(fields({ title: '关于道路改造的公告' }));
    const liu = core.session.info().user!.id;
    await core.session.logout();
    await firstLogin(core, ADMINS.auditor);

    const byItem = await core.audit.list({ offset: 0, limit: 50, subject: item.id });
    expect(byItem.total).toBe(1);
    expect(byItem.entries[0]).toMatchObject({ actorName: '刘承办', action: 'item.registered', actionLabel: '登记事项', subjectName: '关于道路改造的公告' });
    expect(byItem.entries[0]!.text).toMatch(/^登记“关于道路改造的公告”/);
    const byPerson = await core.audit.list({ offset: 0, limit: 50, actor: liu, action: 'auth.login' });
    expect(byPerson.entries.every((e) => e.actorName === '刘承办' && e.actionLabel === '登录')).toBe(true);
    expect(byPerson.total).toBeGreaterThan(0);
    expect((await core.audit.list({ offset: 0, limit: 5, from: '2030-01-01' })).total).toBe(0);

    const head = await core.audit.countersign();
    expect(await core.audit.checkpoints()).toEqual([expect.objectContaining({ seq: head.seq, hash: head.hash, by: ADMINS.auditor.displayName })]);

    const x = await core.audit.extract(1, head.seq);
    const parsed = JSON.parse(x.json) as { entries: Array<{ seq: number }> };
    expect(parsed.entries.map((e) => e.seq)).toEqual(Array.from({ length: head.seq }, (_, i) => i + 1));
    expect(x.csv.startsWith('\uFEFF序号,时间,操作人,角色,操作,对象,内容,哈希')).toBe(true);
    expect(x.csv).toContain('刘承办');
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(x.signature.publicKey, 'base64').toString('base64url') }, format: 'jwk' });
    expect(verify(null, Buffer.from(x.json, 'utf8'), key, Buffer.from(x.signature.signature, 'base64'))).toBe(true);
    expect(verify(null, Buffer.from(x.json.replace('刘承办', '刘某'), 'utf8'), key, Buffer.from(x.signature.signature, 'base64'))).toBe(false);
  });
});
