import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Services } from '../../../electron/app/services';
import type { Redactor as PublicationRedactor } from '../../../electron/publication/public-versions';
import { createRedactor } from '../../../electron/redaction';
import { fakeClock, NEW_PASSWORD, setUpCore } from '../../helpers/setup';
import { residentId } from '../../helpers/synthetic';
import { tempDir } from '../../helpers/tmp';
import { as, fields, PLAIN, REASONED, staffUp } from '../../helpers/workflow';
import { docx } from '../../helpers/fixtures';
import { unzipGrep } from './tools';

// The engine is what the publication side expects (checked by the compiler here), and
// it carries a 部分公开 item with a .docx 公示名单 through the real services to a bundle
// that does not contain the ID number.

const engine: PublicationRedactor = createRedactor();
const ID = residentId('150502', '19800101', '041');

let core: Services | null = null;
let cleanup = () => {};
afterEach(async () => {
  await core?.close();
  core = null;
  cleanup();
});

describe('the engine in the publication flow', () => {
  it('部分公开 with a docx: produce, prove, confirm, approve, export', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    core = (await setUpCore(join(t.dir, 'data'), fakeClock(new Date('2026-11-23T09:00:00+08:00')), { redactor: engine })).core;
    const wf = await staffUp(core, 'tongliao');
    await as(core, 'sysadm');
    await core.accounts.create({ username: 'wu', displayName: '吴发布', department: '信息中心', roles: ['publisher'], initialPassword: 'Initial-Pass-1' });
    await core.session.logout();
    await core.session.login('wu', 'Initial-Pass-1');
    await core.session.changePassword('Initial-Pass-1', NEW_PASSWORD);

    await as(core, 'liu');
    const part = await wf.register(fields({ title: '低保对象公示' }));
    const file = docx({ body: ['低保对象公示名单', `张小明 身份证号 ${ID}`], comment: { author: '刘承办', text: '已核对' } });
    const doc = await core.documents.attach(part.id, '公示名单.docx', Buffer.from(file).toString('base64'));
    const found = (await core.documents.get(doc.id)).findings;
    await core.findings.decideMany(found.filter((f) => f.kind === 'ID_CARD').map((f) => f.id), 'confirmed', '身份证号码');
    const rest = found.filter((f) => f.kind !== 'ID_CARD').map((f) => f.id);
    if (rest.length) await core.findings.decideMany(rest, 'dismissed', '公示对象姓名依法公开');
    await wf.opinion({ itemId: part.id, stepId: 'initial', opinionId: 'partial', ...REASONED });
    await as(core, 'zhao');
    await wf.opinion({ itemId: part.id, stepId: 'review', opinionId: 'partial', ...REASONED });
    await as(core, 'zhou');
    const pv = await core.publicVersions.produce(doc.id, { ID_CARD: 'id-region-last' });
    expect(pv.proof).toMatchObject({ ok: true, problems: [] });
    expect(pv.type).toBe('docx');
    expect(pv.notes.join('\n')).toMatch(/批注/);
    await wf.opinion({ itemId: part.id, stepId: 'confirm', opinionId: 'confirm', ...PLAIN });
    await as(core, 'sun');
    expect((await wf.opinion({ itemId: part.id, stepId: 'approval', opinionId: 'approve', ...PLAIN })).status).toBe('approved');

    await as(core, 'wu');
    const usb = join(t.dir, 'usb');
    mkdirSync(usb);
    const bundle = await core.publication.export(usb);
    const files = readdirSync(join(bundle.path, 'items', part.id));
    expect(files).toHaveLength(1);
    const published = readFileSync(join(bundle.path, 'items', part.id, files[0]!));
    expect(unzipGrep(published, ID)).toEqual([]);
    expect(unzipGrep(published, '刘承办')).toEqual([]);
    expect(unzipGrep(published, `150502${'*'.repeat(11)}${ID.at(-1)}`).length).toBeGreaterThan(0);
  }, 120_000);
});
