import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { judge, loadAccepted, scan } from '../../../tools/electronegativity/run.mjs';

type Finding = { id: string; file: string; severity: string; line: number };

describe('electronegativity over electron/main, electron/preload and the page they load', () => {
  it('leaves no high or medium finding unanswered, and no answer without its finding', async () => {
    const accepted = loadAccepted();
    const started = Date.now();
    const result = await scan({ accepted });
    const verdict = judge(result.findings, accepted.accepted);
    expect(result.errors.filter((e: { tolerable: boolean }) => !e.tolerable)).toEqual([]);
    expect(result.checks).toBeGreaterThan(30);
    expect(verdict.open).toEqual([]);
    expect(verdict.stale).toEqual([]);
    // Every request the scanner tried was intercepted; none is its release-list download.
    expect(result.intercepted.filter((u: string) => !u.includes('electronegativity-i18n'))).toEqual([]);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('requires a reason for every answer and every excluded check', () => {
    const { accepted, excludedChecks } = loadAccepted();
    for (const a of [...accepted, ...excludedChecks]) expect(a.reason.length).toBeGreaterThan(40);
  });
});

describe('the gate can fail', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mishen-en-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports an unhardened window as an open high finding', async () => {
    mkdirSync(join(dir, 'electron/main'), { recursive: true });
    mkdirSync(join(dir, 'electron/preload'), { recursive: true });
    mkdirSync(join(dir, 'renderer'), { recursive: true });
    writeFileSync(
      join(dir, 'electron/main/window.ts'),
      "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { contextIsolation: false, nodeIntegration: true } });\n",
    );
    writeFileSync(join(dir, 'electron/preload/index.ts'), 'export {};\n');
    writeFileSync(join(dir, 'renderer/index.html'), '<!doctype html><html><head></head><body></body></html>\n');
    const accepted = loadAccepted();
    const result = await scan({ sources: dir, accepted });
    const verdict = judge(result.findings, accepted.accepted);
    const open = verdict.open.map((f: Finding) => `${f.severity} ${f.id} ${f.file}`);
    expect(open).toContain('HIGH CONTEXT_ISOLATION_JS_CHECK electron/main/window.ts');
    // Without the session and contents hardening of electron/main/security.ts:
    expect(open).toContain('HIGH LIMIT_NAVIGATION_GLOBAL_CHECK N/A');
    expect(open).toContain('MEDIUM PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK N/A');
  });

  it('judges by id and file, and lists answers left without a finding', () => {
    const findings: Finding[] = [
      { id: 'A', file: 'electron/main/index.ts', severity: 'HIGH', line: 1 },
      { id: 'A', file: 'electron/main/other.ts', severity: 'MEDIUM', line: 1 },
      { id: 'B', file: 'electron/main/index.ts', severity: 'LOW', line: 1 },
    ];
    const accepted = [
      { id: 'A', file: 'electron/main/index.ts', reason: 'x' },
      { id: 'C', file: 'electron/main/index.ts', reason: 'x' },
    ];
    const v = judge(findings, accepted);
    expect(v.gating).toHaveLength(2);
    expect(v.open).toEqual([findings[1]]);
    expect(v.stale).toEqual([accepted[1]]);
  });
});
