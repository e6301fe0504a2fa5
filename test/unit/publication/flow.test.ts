import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Services } from '../../../electron/app/services';
import { REGISTER_SUBJECT, registerPage } from '../../../electron/app/forms-wiring';
import { verifyBundleDir } from '../../../electron/export';
import type { Redactor } from '../../../electron/publication/public-versions';
import { fakeClock, NEW_PASSWORD, setUpCore } from '../../helpers/setup';
import { refusal } from '../../helpers/refusal';
import { residentId } from '../../helpers/synthetic';
import { tempDir } from '../../helpers/tmp';
import { as, fields, PLAIN, REASONED, staffUp } from '../../helpers/workflow';

// The publication flow on the real services, with a stand-in redaction engine for plain
// text (the real engine has its own tests): 部分公开 confirmed on its public version,
// queue, export, the bundle verifiers, the register, the website record, and a recall
// carried by the next bundle.

const textRedactor: Redactor = {
  async redact({ bytes, name, targets }) {
    let text = Buffer.from(bytes).toString('utf8');
    for (const t of targets) text = text.split(t.text).join('〔已删除〕');
    return { bytes: Buffer.from(text, 'utf8'), name, type: 'txt', removals: targets.map((t) => ({ kind: t.kind })), notes: [] };
  },
  async prove({ publicVersion, removed }) {
    const text = Buffer.from(publicVersion).toString('utf8');
    const problems = removed.filter((r) => text.includes(r)).map(() => '公开版本中仍含有已删除的内容');
    return { ok: problems.length === 0, problems, detail: null };
  },
};

let core: Services;
let cleanup: () => void;
afterEach(async () => {
  await core.close();
  cleanup();
});

const ID = residentId('150502', '19800101', '041');
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('publication', () => {
  it('部分公开 waits for its public version; the queue leaves as a verified bundle; the register, the website record and a recall follow', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const clock = fakeClock(new Date('2026-11-23T09:00:00+08:00'));
    core = (await setUpCore(join(t.dir, 'data'), clock, { redactor: textRedactor })).core;
    const wf = await staffUp(core, 'tongliao');
    await as(core, 'sysadm');
    await core.accounts.create({ username: 'wu', displayName: '吴发布', department: '信息中心', roles: ['publisher'], initialPassword: 'Initial-Pass-1' });
    await core.session.logout();
    await core.session.login('wu', 'Initial-Pass-1');
    await core.session.changePassword('Initial-Pass-1', NEW_PASSWORD);

    await as(core, 'liu');
    const full = await wf.register(fields({ title: '关于道路改造的公告' }));
    await core.documents.attach(full.id, '公告.txt', b64('关于道路改造的公告\n工期为三个月。\n'));
    const part = await wf.register(fields({ title: '低保对象公示' }));
    const doc = await core.documents.attach(part.id, '公示名单.txt', b64(`低保对象公示名单\n张小明 身份证号 ${ID}\n`));
    const found = (await core.documents.get(doc.id)).findings;
    await core.findings.decideMany(found.filter((f) => f.kind === 'ID_CARD').map((f) => f.id), 'confirmed', '身份证号码');
    const rest = found.filter((f) => f.kind !== 'ID_CARD').map((f) => f.id);
    if (rest.length) await core.findings.decideMany(rest, 'dismissed', '公示对象姓名依法公开');
    await wf.opinion({ itemId: full.id, stepId: 'initial', opinionId: 'active', ...PLAIN });
    await wf.opinion({ itemId: part.id, stepId: 'initial', opinionId: 'partial', ...REASONED });
    await as(core, 'zhao');
    await wf.opinion({ itemId: full.id, stepId: 'review', opinionId: 'active', ...PLAIN });
    await wf.opinion({ itemId: part.id, stepId: 'review', opinionId: 'partial', ...REASONED });
    await as(core, 'zhou');
    expect(await refusal(wf.opinion({ itemId: part.id, stepId: 'confirm', opinionId: 'confirm', ...PLAIN }))).toMatchObject({
      message: '须先为 1 个载体文件制作公开版本并通过核验，才能确认或批准部分公开',
    });
    const pv = await core.publicVersions.produce(doc.id);
    expect(pv.proof.ok).toBe(true);
    // Public versions are the reviewers' work: not for those outside the item, nor after the decision.
    await as(core, 'li');
    expect(await refusal(core.publicVersions.produce(doc.id))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(core.publicVersions.list(part.id))).toMatchObject({ code: 'FORBIDDEN' });
    await as(core, 'zhou');
    await wf.opinion({ itemId: part.id, stepId: 'confirm', opinionId: 'confirm', ...PLAIN });
    expect((await core.publicVersions.list(part.id))[0]!.status).toBe('confirmed');
    await as(core, 'sun');
    await wf.opinion({ itemId: full.id, stepId: 'approval', opinionId: 'approve', ...PLAIN });
    const item = await wf.opinion({ itemId: part.id, stepId: 'approval', opinionId: 'approve', ...PLAIN });
    expect(item.status).toBe('approved');
    expect(await refusal(core.publicVersions.produce(doc.id))).toMatchObject({ code: 'CONFLICT', message: '只能在审查过程中制作公开版本；审查结束后公开版本不能再改动' });

    await as(core, 'wu');
    const queue = await core.publication.queue();
    expect(queue.map((q) => [q.title, q.outcome, q.ready])).toEqual(
      expect.arrayContaining([
        ['关于道路改造的公告', 'PUBLISH', true],
        ['低保对象公示', 'PUBLISH_PART', true],
      ]),
    );
    const usb = join(t.dir, 'usb');
    mkdirSync(usb);
    const first = await core.publication.export(usb);
    expect(first).toMatchObject({ sequence: 1, items: 2, recalls: 0, skipped: [] });
    const org = core.vault.org().fingerprint;
    expect(await verifyBundleDir(first.path, org)).toMatchObject({ status: 'valid', failures: [] });
    const cli = spawnSync(process.execPath, ['tools/verify-bundle.mjs', first.path, '--trust', org], { encoding: 'utf8' });
    expect(cli.status, cli.stdout + cli.stderr).toBe(0);
    // Only the public version left: the ID number is nowhere in the bundle.
    const files = readdirSync(join(first.path, 'items', part.id));
    const published = readFileSync(join(first.path, 'items', part.id, files[0]!), 'utf8');
    expect(published).toContain('〔已删除〕');
    expect(published).not.toContain(ID);
    expect(await core.publication.queue()).toEqual([]);

    const register = await core.publication.register();
    expect(register.map((r) => [r.title, r.sequence])).toEqual(expect.arrayContaining([['低保对象公示', 1]]));
    // The 主动公开 limit (20 working days from 2026-11-20) counts until the website publication is recorded.
    clock.advance(30 * 86_400_000);
    const limit = async () => (await wf.get(part.id)).deadlines.find((d) => d.label.startsWith('主动公开期限'))!;
    expect(await limit()).toMatchObject({ label: '主动公开期限（形成之日起 20 个工作日，至网站发布为止）', overdue: true });
    expect((await limit()).remaining).toBeLessThan(0);
    await core.publication.recordPublished(part.id, '2026-11-24', 'http://www.example.gov.cn/gk/1.html');
    expect(await limit()).toMatchObject({ label: '主动公开期限（形成之日起 20 个工作日）', overdue: false });
    // The register as files for the agency's records.
    const csv = Buffer.from((await core.publication.registerFile('csv')).base64, 'base64').toString('utf8');
    expect(csv.startsWith('\uFEFF信息名称,文号,发布包,序号,导出时间,导出人,导出的文件,网站发布日期,网址\r\n')).toBe(true);
    expect(csv).toContain('低保对象公示');
    expect(csv).toContain('2026-11-24,http://www.example.gov.cn/gk/1.html');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from((await core.publication.registerFile('xlsx')).base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('政府信息公开登记')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('信息名称');
    expect(sheet.rowCount).toBe(1 + register.length);
    // The register printed: kept with no item, recorded, readable.
    const page = await core.forms.printData('register', await registerPage(core), [REGISTER_SUBJECT]);
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from(page.pdf) }).toString('utf8');
    expect(text).toContain('低保对象公示');
    expect(text).toContain('第 1 号');
    expect((await core.vault.db().selectFrom('forms').select(['item_id', 'kind']).where('sha256', '=', page.sha256).executeTakeFirst())).toEqual({ item_id: null, kind: 'register' });
    expect(await refusal(core.publication.recordPublished(part.id, '2026-11-25', 'x'))).toMatchObject({ message: '该事项已登记发布' });

    await wf.recall({ itemId: part.id, discoveredOn: '2026-11-25', description: '公示期满', measures: '已从网站撤下' });
    const second = await core.publication.export(usb);
    expect(second).toMatchObject({ sequence: 2, items: 0, recalls: 1 });
    const manifest = JSON.parse(readFileSync(join(second.path, 'manifest.json'), 'utf8'));
    expect(manifest.recalls).toEqual([expect.objectContaining({ itemId: part.id, bundleId: first.bundleId, reason: '公示期满' })]);
    expect(await verifyBundleDir(second.path, org)).toMatchObject({ status: 'valid', failures: [] });
  }, 60_000);
});
