import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditPrinting } from '../../../electron/app/forms-wiring';
import type { Services } from '../../../electron/app/services';
import { ADMINS, firstLogin, setUpCore } from '../../helpers/setup';
import { tempDir } from '../../helpers/tmp';
import { containsWrapped, flat, layoutText } from '../forms/pdf-tools';

// The auditor's printed forms: an extract of a range (请打印留存 with something to print)
// and a countersigned checkpoint — PDFs in the auditor's words, kept and recorded.

let core: Services;
let cleanup: () => void;

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  core = (await setUpCore(t.dir)).core;
  await firstLogin(core, ADMINS.auditor);
});
afterAll(async () => {
  await core.close();
  cleanup();
});

describe('printed audit forms', () => {
  it('prints a range as 安全审计记录摘录, keeps it and records the printing', async () => {
    const printing = createAuditPrinting(core.session.context(), core.vault, core.audit);
    const form = await printing.extract({ fromSeq: 1, toSeq: 4 });
    expect(form.pages).toBe(1);
    const text = flat(layoutText(form.pdf));
    expect(text).toContain('安全审计记录摘录');
    expect(text).toContain('摘录范围：第1条至第4条，共4条');
    expect(containsWrapped(text, '系统初始化')).toBe(true);
    expect(text).toContain(`摘录人：${ADMINS.auditor.displayName}`);
    const last = (await core.audit.page({ page: 1, pageSize: 5 })).entries[0]!;
    expect(last).toMatchObject({ action: 'form.printed', actionLabel: '打印表单', subjectName: '审计日志', text: '打印《安全审计记录摘录》（共 1 页）' });
    const kept = await core.session.context().db().selectFrom('forms').selectAll().where('kind', '=', 'audit-extract').execute();
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ item_id: null, sha256: form.sha256 });
  });

  it('prints a countersigned checkpoint with its signature', async () => {
    const head = await core.audit.countersign();
    const [cp] = await core.audit.checkpointList();
    const form = await createAuditPrinting(core.session.context(), core.vault, core.audit).checkpoint(cp!.entrySeq);
    const text = flat(layoutText(form.pdf));
    expect(text).toContain('审计日志检查点');
    expect(text).toContain(`检查点序号：第${head.seq}条`);
    expect(text).toContain(head.hash);
    expect(text).toContain(flat(cp!.signature!).slice(0, 40));
    await expect(createAuditPrinting(core.session.context(), core.vault, core.audit).checkpoint(1)).rejects.toThrow('找不到该检查点');
  });
});
