import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditCheck, auditExtract } from '../../../electron/cli/audit';
import { ADMINS, firstLogin, NEW_PASSWORD, setUpCore } from '../../helpers/setup';
import { tempDir } from '../../helpers/tmp';

// `mishen audit extract` writes the signed extract and its CSV as the auditor (and the
// trail records it); `mishen audit check` verifies such a file with nothing but the file.

vi.mock('../../../electron/cli/args', async (original) => ({
  ...(await original<typeof import('../../../electron/cli/args')>()),
  readStdin: async () => NEW_PASSWORD,
}));

let dir: string;
let out: string;
let cleanup: () => void;
const said: string[] = [];

beforeAll(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  dir = join(t.dir, 'data');
  out = t.dir;
  const { core } = await setUpCore(dir);
  await firstLogin(core, ADMINS.auditor);
  await core.session.logout();
  await firstLogin(core, ADMINS.sysAdmin);
  await core.close();
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (said.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (said.push(String(s)), true));
});
afterAll(() => {
  vi.restoreAllMocks();
  cleanup();
});

describe('mishen audit extract / check', () => {
  it('exports a range as the auditor and checks the file', async () => {
    expect(await auditExtract(['--data', dir, '--user', ADMINS.auditor.username, '--password-stdin', '--from-seq', '1', '--to-seq', '5', '--out', out])).toBe(0);
    expect(said.join('')).toContain('已导出审计记录第 1–5 条，共 5 条');
    const file = join(out, '审计记录-1-5.json');
    expect(readFileSync(join(out, '审计记录-1-5.csv'), 'utf8').startsWith('\uFEFF序号,')).toBe(true);
    said.length = 0;
    expect(await auditCheck([file])).toBe(0);
    expect(said.join('')).toContain('审计记录摘录验证通过：第 1–5 条，共 5 条');

    const tampered = join(out, 'tampered.json');
    writeFileSync(tampered, readFileSync(file, 'utf8').replace('"system.setup"', '"system.setuq"'));
    said.length = 0;
    expect(await auditCheck([tampered])).toBe(1);
    expect(said.join('')).toContain('第 1 条记录：内容被修改，哈希不符');
    expect(await auditCheck([file, '--trust', `sha256:${'0'.repeat(64)}`])).toBe(1);
  });

  it('refuses anyone but the auditor, and a missing range', async () => {
    said.length = 0;
    expect(await auditExtract(['--data', dir, '--user', ADMINS.sysAdmin.username, '--password-stdin', '--from-seq', '1', '--to-seq', '5', '--out', out])).toBe(2);
    expect(said.join('')).toContain('只有安全审计员可以执行此命令');
    expect(await auditExtract(['--data', dir, '--user', ADMINS.auditor.username, '--password-stdin', '--out', out])).toBe(2);
    expect(await auditCheck([join(out, 'missing.json')])).toBe(2);
  });
});
