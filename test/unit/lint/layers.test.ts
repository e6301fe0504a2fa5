import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The fixtures live outside the linted tree; each is linted as if it stood at the
// path given, which is where the layering rule looks.
const eslint = new ESLint({ cwd: process.cwd() });

async function lintAs(fixture: string, filePath: string) {
  const code = readFileSync(`test/fixtures/lint/${fixture}`, 'utf8');
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.severity === 2);
}

describe('layering rule', () => {
  it("rejects 'electron' imported in a domain folder", async () => {
    const errors = await lintAs('imports-electron.ts', 'electron/store/fixture.ts');
    expect(errors.map((e) => e.ruleId)).toEqual(expect.arrayContaining(['mishen/layers', 'no-restricted-imports']));
  });

  it('rejects a domain folder importing electron/main', async () => {
    const errors = await lintAs('imports-main.ts', 'electron/audit/fixture.ts');
    expect(errors.some((e) => e.ruleId === 'mishen/layers' && /electron\/main/.test(e.message))).toBe(true);
  });

  it('rejects renderer/ importing from electron/', async () => {
    const errors = await lintAs('renderer-imports-electron-folder.ts', 'renderer/src/fixture.ts');
    expect(errors.some((e) => e.ruleId === 'mishen/layers')).toBe(true);
  });

  it('rejects shared/ importing anything but zod and itself', async () => {
    const errors = await lintAs('shared-imports-node.ts', 'shared/fixture.ts');
    expect(errors.filter((e) => e.ruleId === 'mishen/layers')).toHaveLength(1);
  });

  it("allows 'electron' in electron/main and electron/preload", async () => {
    expect(await lintAs('imports-electron.ts', 'electron/main/fixture.ts')).toEqual([]);
    expect(await lintAs('imports-electron.ts', 'electron/preload/fixture.ts')).toEqual([]);
  });

  it('accepts a clean domain module', async () => {
    expect(await lintAs('clean-domain.ts', 'electron/store/fixture.ts')).toEqual([]);
  });

  it('rejects a file the allowlist cannot place', async () => {
    const errors = await lintAs('clean-domain.ts', 'electron/newfolder/fixture.ts');
    expect(errors.some((e) => e.ruleId === 'mishen/layers' && /in no layer/.test(e.message))).toBe(true);
  });

  it('rejects an import between domains the allowlist does not list', async () => {
    const errors = await lintAs('workflow-imports-documents.ts', 'electron/workflow/fixture.ts');
    expect(errors.some((e) => e.ruleId === 'mishen/layers' && /workflow may not import documents/.test(e.message))).toBe(true);
    // The same import is allowed where the table lists it.
    expect(await lintAs('workflow-imports-documents.ts', 'electron/redaction/fixture.ts')).toEqual([]);
  });

  it("rejects a domain importing another domain's service, even where the folder is allowed", async () => {
    const errors = await lintAs('imports-other-service.ts', 'electron/workflow/fixture.ts');
    expect(errors.some((e) => e.ruleId === 'mishen/layers' && /another domain's service/.test(e.message))).toBe(true);
    expect(await lintAs('imports-other-service.ts', 'electron/app/fixture.ts')).toEqual([]);
  });
});
