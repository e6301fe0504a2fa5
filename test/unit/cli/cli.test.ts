import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Services as Core } from '../../../electron/app/services';
import { openRaw } from '../../../electron/store/database';
import { KeyslotFile } from '../../../electron/store/keyslots';
import { ADMINS, firstLogin, NEW_PASSWORD, setUpCore } from '../../helpers/setup';
import { TEST_KDF, tempDir } from '../../helpers/tmp';

function mishen(args: string[], stdin = '') {
  const r = spawnSync(process.execPath, ['bin/mishen.mjs', ...args], { input: stdin, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let dir: string;
let cleanup: () => void;
let core: Core;
let recoveryCode: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir());
  const made = await setUpCore(dir);
  core = made.core;
  recoveryCode = made.result.recoveryCode;
  await firstLogin(core, ADMINS.auditor);
  await core.session.logout();
  await firstLogin(core, ADMINS.sysAdmin);
  await core.session.logout();
  await core.close();
});
afterAll(() => cleanup());

describe('mishen CLI', () => {
  it('prints its version and help', () => {
    const version = JSON.parse(readFileSync('package.json', 'utf8')).version;
    expect(mishen(['--version'])).toMatchObject({ code: 0, out: `${version}\n` });
    expect(mishen(['--help']).out).toContain('mishen audit verify');
    expect(mishen(['frobnicate']).code).toBe(2);
  });

  it('audit verify: 0 when the trail verifies, against a checkpoint too', () => {
    const ok = mishen(['audit', 'verify', '--data', dir, '--user', ADMINS.auditor.username, '--password-stdin'], `${NEW_PASSWORD}\n`);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    const m = /末条 (\d+:[0-9a-f]{64})/.exec(ok.out);
    expect(m).not.toBeNull();
    const withCp = mishen(['audit', 'verify', '--data', dir, '--user', ADMINS.auditor.username, '--password-stdin', '--checkpoint', m![1]!], NEW_PASSWORD);
    expect(withCp.code).toBe(0);
  });

  it('audit verify: 2 when the store cannot be opened or the user may not', () => {
    expect(mishen(['audit', 'verify', '--data', dir, '--user', ADMINS.auditor.username, '--password-stdin'], 'Wrong-Pass-1').code).toBe(2);
    const notAuditor = mishen(['audit', 'verify', '--data', dir, '--user', ADMINS.sysAdmin.username, '--password-stdin'], NEW_PASSWORD);
    expect(notAuditor.code).toBe(2);
    expect(notAuditor.err).toContain('只有安全审计员');
    expect(mishen(['audit', 'verify', '--data', join(dir, 'missing'), '--user', 'x', '--password-stdin'], 'x').code).toBe(2);
  });

  it('audit verify: 1 naming the first bad entry after tampering', async () => {
    const ks = KeyslotFile.load(join(dir, 'keyslots.json'), TEST_KDF);
    const opened = await ks.unwrap(ks.recoverySlot()!, recoveryCode);
    const raw = openRaw(join(dir, 'mishen.db'), opened!.dataKey);
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare("UPDATE audit_log SET subject = 'forged' WHERE seq = 3").run();
    raw.close();
    const bad = mishen(['audit', 'verify', '--data', dir, '--user', ADMINS.auditor.username, '--password-stdin'], NEW_PASSWORD);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('第 3 条记录');
  });
});

describe('mishen scan', () => {
  it('prints the findings as JSON with the agreed fields, exit 0 either way', async () => {
    const { writeFileSync } = await import('node:fs');
    const { docx } = await import('../../helpers/fixtures');
    const { residentId } = await import('../../helpers/synthetic');
    const t = tempDir();
    try {
      const id = residentId('440305', '19920101', '321');
      const file = join(t.dir, '名单.docx');
      writeFileSync(file, docx({ body: [`身份证号：${id}`], footer: '内部资料' }));
      const r = mishen(['scan', file, '--json']);
      expect(r.code).toBe(0);
      const out = JSON.parse(r.out) as { file: string; findings: Array<Record<string, unknown>> };
      expect(out.file).toBe(file);
      expect(out.findings).toEqual(
        expect.arrayContaining([
          { kind: 'ID_CARD', text: id, start: 5, end: 23, location: '正文 第1段', confidence: 0.99, ground: 'PERSONAL_PRIVACY' },
          expect.objectContaining({ kind: 'CLASSIFICATION_MARK', text: '内部资料', location: '页脚1 第1段', ground: 'INTERNAL_AFFAIRS' }),
        ]),
      );
      const clean = join(t.dir, 'clean.txt');
      writeFileSync(clean, '本通知自印发之日起施行。');
      expect(JSON.parse(mishen(['scan', clean, '--json']).out)).toEqual({ file: clean, findings: [] });
      const bad = join(t.dir, 'bad.docx');
      writeFileSync(bad, Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8]));
      const refused = mishen(['scan', bad, '--json']);
      expect(refused.code).toBe(2);
      expect(refused.err).toMatch(/^无法读取文件：无法识别文件类型/);
      expect(mishen(['scan', join(t.dir, 'missing.pdf')]).code).toBe(2);
    } finally {
      t.cleanup();
    }
  });
});
