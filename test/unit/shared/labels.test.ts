import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_LABELS } from '../../../shared/audit';

// Every action the main process writes to the audit trail has a Chinese name, so no
// code word ever reaches the auditor's screen.

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('audit action labels', () => {
  it('cover every action written by electron/', () => {
    const actions = new Set<string>();
    for (const file of sources('electron')) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/action: ['`]([a-z]+\.[A-Za-z]+)['`]/g)) actions.add(m[1]!);
      for (const m of text.matchAll(/action: [^,}\n]*\? '([a-z]+\.[A-Za-z]+)' : '([a-z]+\.[A-Za-z]+)'/g)) {
        actions.add(m[1]!);
        actions.add(m[2]!);
      }
      for (const m of text.matchAll(/(?:setup|keyRegistered|keyRevoked): '([a-z]+\.[A-Za-z]+)'/g)) actions.add(m[1]!);
      for (const m of text.matchAll(/action: 'auth\.(loginFailed|accountLocked)'/g)) actions.add(`auth.${m[1]}`);
    }
    actions.add('auth.loginFailed');
    actions.add('auth.accountLocked');
    expect(actions.size).toBeGreaterThan(30);
    const missing = [...actions].filter((a) => !ACTION_LABELS[a]);
    expect(missing).toEqual([]);
    for (const label of Object.values(ACTION_LABELS)) expect(label).toMatch(/^[\u4e00-\u9fa5]/);
  });
});
