import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemo } from '../../../electron/app/demo';
import { createServices } from '../../../electron/app/services';
import { shippedProfiles } from '../../../electron/workflow/profiles';
import { tempDir, TEST_KDF } from '../../helpers/tmp';
import { flat, fonts, layoutText, pageImages, readQr, withoutStamps } from './pdf-tools';

// `mishen form` on the demonstration data: the command as a user runs it, password on
// standard input.

function mishenForm(args: string[], stdin: string) {
  const r = spawnSync(process.execPath, ['bin/mishen.mjs', 'form', ...args], { input: stdin, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let root: string;
let cleanup: () => void;
let pw: Map<string, string>;
const ids = new Map<string, string>();
const data = () => join(root, 'demo');

beforeAll(async () => {
  ({ dir: root, cleanup } = tempDir());
  const demo = await buildDemo(data(), { kdf: TEST_KDF });
  pw = new Map(demo.accounts.map((a) => [a.username, a.password]));
  const s = createServices({ dataDir: data() });
  await s.session.login('liu', pw.get('liu')!);
  for (const i of await s.queries.list('all')) ids.set(i.title, i.id);
  await s.close();
}, 300_000);
afterAll(() => cleanup());

describe('mishen form', () => {
  it('prints the 保密审查记录 of a demo item, and records the printing', async () => {
    const out = join(root, 'record.pdf');
    const id = ids.get('通辽：已批准公开的通知')!;
    const r = mishenForm(['record', '--data', data(), '--item', id, '--user', 'liu', '--password-stdin', '--out', out], pw.get('liu')!);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^已生成保密审查记录：.*record\.pdf（共 \d+ 页）/);
    const pdf = new Uint8Array(readFileSync(out));
    const text = flat(withoutStamps(layoutText(pdf)));
    for (const p of ['保密审查记录', '单位：演示单位', '通辽：已批准公开的通知', '初审审查人：刘承办', '复审审查人：赵审查', '机关分管领导或被授权人：孙领导', '已批准公开']) expect(text, p).toContain(flat(p));
    expect(fonts(pdf).every((f) => f.emb === 'yes')).toBe(true);
    const sha = /PDF SHA-256：([0-9a-f]{64})/.exec(r.out)![1]!;
    const content = /内容 SHA-256（二维码）：([0-9a-f]{64})/.exec(r.out)![1]!;
    const [seq, head] = /审计检查点：(\d+):([0-9a-f]{64})/.exec(r.out)!.slice(1);
    expect(sha).not.toBe(content);
    const qr = await readQr(pageImages(pdf, 100, 1)[0]!);
    expect(JSON.parse(qr!)).toEqual({ item: id, seq: Number(seq), head, sha256: content });
    // The printing is on the trail, with the PDF's hash, after the checkpoint it printed.
    const s = createServices({ dataDir: data() });
    await s.session.login('auditor', pw.get('auditor')!);
    const page = await s.audit.list({ offset: 0, limit: 50, action: 'form.printed', subject: id } as Parameters<typeof s.audit.list>[0]);
    // The PDF is kept with the item, encrypted in the store, under its hash.
    const kept = await s.vault.db().selectFrom('forms').innerJoin('blobs', 'blobs.sha256', 'forms.sha256').select(['forms.item_id', 'forms.kind', 'blobs.content']).where('forms.sha256', '=', sha).executeTakeFirst();
    await s.close();
    expect(kept).toMatchObject({ item_id: id, kind: 'record' });
    expect(Buffer.compare(Buffer.from(kept!.content), Buffer.from(pdf))).toBe(0);
    const entry = page.entries.find((e) => e.action === 'form.printed' && e.subject === id);
    expect(entry?.seq).toBeGreaterThan(Number(seq));
    expect(entry?.payload).toMatchObject({ kind: 'record', sha256: sha, contentSha256: content, checkpoint: { seq: Number(seq), head } });
  });

  it('prints a letter and a sheet of several items', () => {
    const esc = mishenForm(['escalation', '--data', data(), '--item', ids.get('通辽：报审待复的事项')!, '--user', 'zhao', '--password-stdin', '--out', join(root, 'esc.pdf')], pw.get('zhao')!);
    expect(esc.err).toBe('');
    expect(flat(withoutStamps(layoutText(new Uint8Array(readFileSync(join(root, 'esc.pdf'))))))).toContain(flat('演示县国家保密局：'));
    const sheet = mishenForm(
      ['review-table', '--data', data(), '--item', ids.get('台儿庄：已批准公开的通知')!, '--item', ids.get('台儿庄：不予公开的事项')!, '--date', '2026-11-25', '--user', 'liu', '--password-stdin', '--out', join(root, 'sheet.pdf')],
      pw.get('liu')!,
    );
    expect(sheet.err).toBe('');
    const text = flat(withoutStamps(layoutText(new Uint8Array(readFileSync(join(root, 'sheet.pdf'))))));
    expect(text).toContain('2026年11月25日');
    // Published: website + 同意 + 同意; withheld: website + 不同意 + the leader's 同意; the note's √.
    expect(text.match(/√/g)).toHaveLength(3 + 3 + 1);
  });

  it('prints the 保密审查记录 under each of the five profiles, in its own words', async () => {
    const s = createServices({ dataDir: data() });
    try {
      await s.session.login('liu', pw.get('liu')!);
      const forms = s.forms;
      for (const p of shippedProfiles()) {
        const id = ids.get(`${p.shortName}：已批准公开的通知`)!;
        const text = flat(withoutStamps(layoutText((await forms.print('record', id)).pdf)));
        expect(text, p.id).toContain(flat(`执行制度：${p.name}`));
        const signed = (await s.queries.get(id)).opinions;
        expect(signed.length, p.id).toBeGreaterThanOrEqual(2);
        for (const o of signed) {
          const step = p.steps.find((x) => x.id === o.stepId)!;
          expect(text, `${p.id} ${step.id}`).toContain(flat(`${step.name}（${step.article}）`));
          expect(text, `${p.id} ${step.id}`).toContain(flat(`${step.signer}：${o.userName}`));
          expect(text, `${p.id} ${step.id}`).toContain(flat(`${step.signer}签字：`));
          expect(text, `${p.id} ${step.id}`).toContain(flat(o.label));
        }
      }
    } finally {
      await s.close();
    }
  });

  it('refuses what cannot be printed, with exit code 2', () => {
    const args = (kind: string, item: string) => [kind, '--data', data(), '--item', item, '--user', 'liu', '--password-stdin', '--out', join(root, 'x.pdf')];
    expect(mishenForm(['nonsense'], '')).toMatchObject({ code: 2 });
    expect(mishenForm(args('declassification', ids.get('通辽：待初审的通知')!), pw.get('liu')!)).toMatchObject({ code: 2, err: '无法生成：该事项没有解密记录\n' });
    expect(mishenForm(args('record', ids.get('通辽：待初审的通知')!), 'wrong-password')).toMatchObject({ code: 2 });
    expect(mishenForm([...args('record', ids.get('通辽：待初审的通知')!).slice(0, 5), '--user', 'auditor', '--password-stdin', '--out', join(root, 'x.pdf')], pw.get('auditor')!)).toMatchObject({ code: 2 });
  });
});
