import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/app/services';
import { analyze } from '../../../electron/documents/analyze';
import { compilePattern } from '../../../electron/scanner/patterns';
import { defaultRules } from '../../../electron/scanner/rules';
import { ADMINS, firstLogin, setUpCore } from '../../helpers/setup';
import { refusal } from '../../helpers/refusal';
import { tempDir } from '../../helpers/tmp';

// Patterns saved by the 安全保密管理员 run on RE2 semantics: a catastrophic-backtracking
// pattern is harmless, and what RE2 cannot run is refused when saved, in Chinese.

const entry = (patterns: string[]) => ({ id: null, kind: 'OTHER' as never, title: '测试依据', documentNumber: '', scope: '', keywords: [], patterns, disabled: false });

describe('negative-list and basis patterns', () => {
  let dir: string;
  let cleanup: () => void;
  let core: Services;
  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    core = (await setUpCore(dir)).core;
    await firstLogin(core, ADMINS.secAdmin);
  });
  afterEach(async () => {
    await core.vault.close();
    cleanup();
  });

  it('refuses a backreference or lookaround when saved, naming the pattern', async () => {
    const kind = (await core.bases.list())[0]!.kind;
    for (const p of ['(a)\\1', '(?<=密)码', '(?!x)y']) {
      const e = await refusal(core.bases.save({ ...entry([p]), kind }));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toContain(p);
      expect(e.message).toMatch(/不支持反向引用/);
    }
  });

  it('accepts (a+)+$ and the analysis of a 47-byte file ends (RE2 runs in linear time)', async () => {
    const kind = (await core.bases.list())[0]!.kind;
    const saved = await core.bases.save({ ...entry(['(a+)+$']), kind });
    expect(saved.patterns).toEqual(['(a+)+$']);
    const file = new TextEncoder().encode(`${'a'.repeat(46)}!`);
    // With backtracking this takes minutes; the test would time out rather than pass.
    const a = await analyze(file, 'a.txt', defaultRules(), await core.bases.terms());
    expect(a.findings.filter((f) => f.kind === 'NEGATIVE_LIST')).toEqual([]);
    const hit = await analyze(new TextEncoder().encode('aaaa'), 'b.txt', defaultRules(), await core.bases.terms());
    expect(hit.findings.filter((f) => f.kind === 'NEGATIVE_LIST').map((f) => f.text)).toEqual(['aaaa']);
  });
});

describe('compilePattern', () => {
  it('refuses empty and overlong patterns in Chinese', () => {
    expect(compilePattern(' ')).toEqual({ ok: false, message: '规则表达式不能为空' });
    expect(compilePattern('a'.repeat(1001))).toMatchObject({ ok: false, message: expect.stringMatching(/过长/) });
    expect(compilePattern('\\d{17}[\\dX]')).toEqual({ ok: true });
  });
});
