import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/app/services';
import { mayCall } from '../../../shared/access';
import { contract } from '../../../shared/contract';
import { NO_ACCESS_MESSAGE, PUBLIC_ONLY_MESSAGE } from '../../../shared/visibility';
import { ADMINS, NEW_PASSWORD, setUpCore } from '../../helpers/setup';
import { refusal } from '../../helpers/refusal';
import { residentId } from '../../helpers/synthetic';
import { tempDir } from '../../helpers/tmp';
import { as, fields, outsiders, PLAIN, staffUp, type Workflow } from '../../helpers/workflow';

// Need-to-know (保密法 第三十八条 知悉范围): who reads which item, by role, person and state.
// Every read goes through the service, so each row of the matrix is asked of it directly.

let dir: string;
let cleanup: () => void;
let core: Services;
let wf: Workflow;
const b64 = (s: string) => Buffer.from(s).toString('base64');

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  core = (await setUpCore(dir)).core;
  wf = await staffUp(core, 'tongliao');
  await outsiders(core);
});
afterEach(async () => {
  await core.vault.close();
  cleanup();
});

/** What `who` can do with the item: list it, read it, read its file's findings and text. */
async function reach(who: string, itemId: string, documentId: string) {
  await as(core, who);
  const listed = (await wf.list('all')).some((i) => i.id === itemId);
  const item = await wf.get(itemId).then((d) => d.access, (e: Error) => e.message);
  const findings = await core.documents.get(documentId).then(() => 'read', (e: Error) => e.message);
  const text = await core.documents.text(documentId, 0, 100).then(() => 'read', (e: Error) => e.message);
  return { listed, item, findings, text };
}

const FULL = { listed: true, item: 'full', findings: 'read', text: 'read' };
const NONE = { listed: false, item: NO_ACCESS_MESSAGE, findings: NO_ACCESS_MESSAGE, text: NO_ACCESS_MESSAGE };
const METADATA = { listed: true, item: 'metadata', findings: PUBLIC_ONLY_MESSAGE, text: PUBLIC_ONLY_MESSAGE };

describe('need-to-know, role × state', () => {
  it('an item in review is read by its department and by the step that holds it, an approved one by the publisher without the originals', async () => {
    await as(core, 'liu');
    const item = await wf.register(fields());
    const doc = await core.documents.attach(item.id, '名单.txt', b64(`公示名单\n张三 ${residentId('110101', '19800101', '002')}`));
    const open = (await core.documents.get(doc.id)).findings.map((f) => f.id);
    await core.findings.decideMany(open, 'dismissed', '已征得本人书面同意');

    // At 初审 (handler): the registrant and the department; not the reviewer, approver, secrecy office,
    // a handler of another department or the publisher.
    expect(await reach('liu', item.id, doc.id)).toEqual(FULL);
    expect(await reach('wang', item.id, doc.id)).toEqual(FULL); // 部门负责人 of 办公室
    for (const who of ['zhao', 'sun', 'zhou', 'ma', 'pub']) expect({ who, ...(await reach(who, item.id, doc.id)) }).toEqual({ who, ...NONE });

    await as(core, 'liu');
    await wf.opinion({ itemId: item.id, stepId: 'initial', opinionId: 'active', ...PLAIN });
    // At 审查 (reviewer): every reviewer, still not the approver.
    expect(await reach('zhao', item.id, doc.id)).toEqual(FULL);
    expect(await reach('qian', item.id, doc.id)).toEqual(FULL);
    expect(await reach('sun', item.id, doc.id)).toEqual(NONE);

    await as(core, 'zhao');
    await wf.opinion({ itemId: item.id, stepId: 'review', opinionId: 'active', ...PLAIN });
    await as(core, 'sun');
    await wf.opinion({ itemId: item.id, stepId: 'approval', opinionId: 'approve', ...PLAIN });
    expect((await wf.get(item.id)).status).toBe('approved');

    // Signed once, readable after: the reviewer who signed and the approver who approved.
    expect(await reach('zhao', item.id, doc.id)).toEqual(FULL);
    expect(await reach('sun', item.id, doc.id)).toEqual(FULL);
    // The other approver never took part: no.
    expect(await reach('li', item.id, doc.id)).toEqual(NONE);
    // Approved: the publisher sees the item and its files' names, never their content.
    expect(await reach('pub', item.id, doc.id)).toEqual(METADATA);
    expect((await core.documents.list(item.id)).map((d) => d.name)).toEqual(['名单.txt']);
    expect(await reach('ma', item.id, doc.id)).toEqual(NONE);
    // The secrecy office keeps the records of finished items and may recall a published one (000 第二十五条).
    expect(await reach('zhou', item.id, doc.id)).toEqual(FULL);
    await as(core, 'zhou');
    expect((await wf.recall({ itemId: item.id, discoveredOn: '2026-11-21', description: '发现公示名单含身份证号码', measures: '已撤下' })).status).toBe('recalled');
  });

  it('a 秘密 item in review: its department and the review body read it, the secrecy office knows it exists, nobody else', async () => {
    await as(core, 'liu');
    const item = await wf.register(fields({ title: '涉密事项', classification: '秘密', classificationTerm: '2027年12月31日' }));
    const doc = await core.documents.attach(item.id, '正文.txt', b64('秘密★1年\n正文'));
    expect(await reach('zhao', item.id, doc.id)).toEqual(FULL);
    expect(await reach('zhou', item.id, doc.id)).toEqual(METADATA);
    for (const who of ['sun', 'li', 'ma', 'pub']) expect({ who, ...(await reach(who, item.id, doc.id)) }).toEqual({ who, ...NONE });
  });

  it('administrators read no item: the contract refuses them and so does the service', async () => {
    for (const role of ['sysAdmin', 'secAdmin', 'auditor'] as const) {
      for (const op of [contract.items.list, contract.items.get, contract.documents.get, contract.documents.text, contract.documents.list]) expect(mayCall(op.access, [role])).toBe(false);
    }
    await as(core, 'liu');
    const item = await wf.register(fields());
    await core.session.logout();
    await core.session.login(ADMINS.secAdmin.username, NEW_PASSWORD);
    expect(await refusal(wf.get(item.id)).then((e) => e.message)).toBe(NO_ACCESS_MESSAGE);
  });

  it('acts are refused to those outside the item: another department’s handler cannot attach, decide findings or sign', async () => {
    await as(core, 'liu');
    const item = await wf.register(fields());
    const doc = await core.documents.attach(item.id, '名单.txt', b64(`名单 ${residentId('110101', '19800101', '002')}`));
    const ids = (await core.documents.get(doc.id)).findings.map((f) => f.id);
    await as(core, 'ma');
    expect((await refusal(core.documents.attach(item.id, 'x.txt', b64('x')))).code).toBe('FORBIDDEN');
    expect((await refusal(core.findings.decideMany(ids, 'dismissed', '无'))).code).toBe('FORBIDDEN');
    expect((await refusal(wf.opinion({ itemId: item.id, stepId: 'initial', opinionId: 'active', ...PLAIN }))).code).toBe('FORBIDDEN');
  });
});
