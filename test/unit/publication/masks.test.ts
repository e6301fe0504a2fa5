import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/app/services';
import { setUpCore } from '../../helpers/setup';
import { residentId } from '../../helpers/synthetic';
import { tempDir } from '../../helpers/tmp';
import { as, fields, REASONED, staffUp } from '../../helpers/workflow';

// Masks are chosen per kind of finding, and per finding where one must differ: on the
// real redaction engine, through the public-version service.

let core: Services;
let cleanup: () => void;
afterEach(async () => {
  await core.close();
  cleanup();
});

const A = residentId('150502', '19800101', '041');
const B = residentId('150502', '19900202', '052');

describe('masks per kind and per finding', () => {
  it('the finding’s own mask wins over its kind’s; the rest follow the kind', async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    core = (await setUpCore(t.dir)).core;
    const wf = await staffUp(core, 'tongliao');
    await as(core, 'liu');
    const item = await wf.register(fields({ title: '公示名单' }));
    const doc = await core.documents.attach(item.id, '名单.txt', Buffer.from(`公示名单\n甲 ${A}\n乙 ${B}\n`).toString('base64'));
    const found = (await core.documents.get(doc.id)).findings;
    await core.findings.decideMany(found.filter((f) => f.kind === 'ID_CARD').map((f) => f.id), 'confirmed', '身份证号码');
    const rest = found.filter((f) => f.kind !== 'ID_CARD').map((f) => f.id);
    if (rest.length) await core.findings.decideMany(rest, 'dismissed', '公示对象姓名依法公开');
    await wf.opinion({ itemId: item.id, stepId: 'initial', opinionId: 'partial', ...REASONED });
    const first = found.find((f) => f.text === A)!;
    const pv = await core.publicVersions.produce(doc.id, { ID_CARD: 'full' }, [], { [String(first.id)]: 'id-region-last' });
    expect(pv.proof.ok).toBe(true);
    const text = (await core.publicVersions.text(pv.id)).text;
    expect(text).toContain(`甲 ${A.slice(0, 6)}***********${A.slice(-1)}`);
    expect(text).toContain('乙 〔已删除〕');
    expect(text).not.toContain(A);
    expect(text).not.toContain(B);
  });
});
