import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import type { Services as Core } from '../../../electron/app/services';
import { workerAnalyzer } from '../../../electron/documents/analyzer';
import type { DocumentProgress } from '../../../shared/documents';
import { docx, xlsx } from '../../helpers/fixtures';
import { fakeClock, setUpCore } from '../../helpers/setup';
import { residentId } from '../../helpers/synthetic';
import { refusal as refused } from '../../helpers/refusal';
import { tempDir } from '../../helpers/tmp';
import { as, fields, staffUp, type Workflow } from '../../helpers/workflow';

let dir: string;
let cleanup: () => void;
let core: Core;
let wf: Workflow;
let docs: Core['documents'];
const progress: DocumentProgress[] = [];
const ID = residentId('510104', '19790615', '777');
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

const refusal = async (p: Promise<unknown>) => (await refused(p)).message;

async function counts() {
  const db = core.vault.db();
  const n = async (t: 'documents' | 'blobs' | 'findings') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { documents: await n('documents'), blobs: await n('blobs'), findings: await n('findings') };
}

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  // The real worker thread, on the TypeScript entry, as the browser host runs it.
  const analyzer = workerAnalyzer(join(process.cwd(), 'electron/documents/worker.ts'));
  core = (await setUpCore(dir, fakeClock(new Date('2026-11-23T09:00:00+08:00')), { analyzer, onDocumentProgress: (p) => progress.push(p) })).core;
  wf = await staffUp(core, 'tongliao');
  docs = core.documents;
  await as(core, 'liu');
});
afterEach(async () => {
  await core.close();
  cleanup();
});

describe('attaching carrier files', () => {
  it('stores the file once, its text and findings, and reports progress', async () => {
    const item = await wf.register(fields());
    const file = docx({ body: [`申请人王小明，身份证号码：${ID}`], comment: { author: '张审核', text: '内部资料' } });
    const doc = await docs.attach(item.id, '名单.docx', b64(file));
    expect(doc).toMatchObject({ name: '名单.docx', type: 'docx', size: file.length, open: 3 });
    expect(doc.counts).toMatchObject({ ID_CARD: 1, PERSON_NAME: 1, CLASSIFICATION_MARK: 1 });
    expect(progress.some((p) => p.phase === 'scan' && p.fraction === 1)).toBe(true);
    await docs.attach(item.id, '名单（副本）.docx', b64(file));
    expect(await counts()).toMatchObject({ documents: 2, blobs: 1 });
    const history = (await wf.get(item.id)).history.map((h) => h.text);
    expect(history).toContain('附加载体文件“名单.docx”（Word 文档（docx）），扫描发现 3 处');
  });

  it('refuses bad files and leaves nothing behind', async () => {
    const item = await wf.register(fields());
    const before = await counts();
    const auditBefore = (await core.vault.db().selectFrom('audit_log').select('seq').execute()).length;
    const good = docx({ body: ['正文'.repeat(500)] });
    expect(await refusal(docs.attach(item.id, '截断.docx', b64(good.subarray(0, good.length >> 1))))).toMatch(/损坏或不完整/);
    // Named .docx, but its bytes are no document at all: refused by content.
    expect(await refusal(docs.attach(item.id, '通知.docx', b64(Uint8Array.from([1, 2, 3, 4, 5]))))).toMatch(/无法识别文件类型/);
    const bomb = zipSync({ 'word/document.xml': new Uint8Array(60 * 1024 * 1024) }, { level: 9 });
    expect(await refusal(docs.attach(item.id, '炸弹.docx', b64(bomb)))).toMatch(/压缩炸弹/);
    expect(await counts()).toEqual(before);
    expect((await core.vault.db().selectFrom('audit_log').select('seq').execute()).length).toBe(auditBefore);
  });

  it('the handler decides findings at 初审, the reviewer may change them, and the grounds reach the opinion form', async () => {
    const item = await wf.register(fields());
    const book = xlsx([{ name: '公示', cells: [['A1', '姓名', 's'], ['A2', '李小红', 's'], ['B2', ID, 's'], ['C2', '备用联系人赵四', 's']] }]);
    const doc = await docs.attach(item.id, '公示.xlsx', b64(book));
    const detail = await docs.get(doc.id);
    const id = detail.findings.find((f) => f.kind === 'ID_CARD')!;
    const name = detail.findings.find((f) => f.kind === 'PERSON_NAME')!;
    // Not the reviewer while the item is at the handler's 初审 (000 第十八条第（一）项).
    await as(core, 'zhao');
    expect(await refusal(core.findings.decide(id.id, 'confirmed', ''))).toMatch(/^只有正在办理“初审”环节的人员可以处理扫描发现/);
    await as(core, 'liu');
    expect(await refusal(core.findings.decide(name.id, 'dismissed', ''))).toBe('排除一处发现须说明理由');
    expect(await core.findings.decide(id.id, 'confirmed', '')).toMatchObject({ status: 'confirmed', decidedBy: '刘承办' });
    expect(await core.findings.decide(name.id, 'dismissed', '公示对象姓名依法应当公开')).toMatchObject({ status: 'dismissed', reason: '公示对象姓名依法应当公开' });
    const page = await docs.text(doc.id, 0, 20_000);
    const at = page.text.indexOf('赵四');
    const marked = await core.findings.mark(doc.id, at, at + 2, 'PERSON_NAME', '扫描未识别的姓名');
    expect(marked).toMatchObject({ text: '赵四', location: '公示!C2', status: 'confirmed', manual: true });
    expect((await wf.get(item.id)).suggestedGrounds).toEqual(['PERSONAL_PRIVACY']);
    const open = (await docs.get(doc.id)).findings.filter((f) => f.status === 'open').map((f) => f.id);
    if (open.length) await core.findings.decideMany(open, 'dismissed', '表头文字，不是个人信息');
    await wf.opinion({ itemId: item.id, stepId: 'initial', opinionId: 'partial', grounds: ['PERSONAL_PRIVACY'], bases: ['law-bmf'], reason: '公示名单含身份证号码，删除后公开' });
    // At 复审 the reviewer may change the handler's decision; the change is recorded.
    await as(core, 'zhao');
    expect(await core.findings.decide(name.id, 'confirmed', '')).toMatchObject({ status: 'confirmed', decidedBy: '赵审查' });
    const history = (await wf.get(item.id)).history;
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['finding.confirmed', 'finding.dismissed', 'finding.marked']));
    expect(history.at(-1)!.text).toContain('改变了此前 1 处的决定');
  });

  it('only participants attach, and not after the decision', async () => {
    const item = await wf.register(fields());
    await as(core, 'wang');
    expect(await refusal(docs.attach(item.id, 'a.docx', b64(docx({}))))).toMatch(/只有登记人或参与审查的人员/);
  });
});
