import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY_EVENTS } from '../../../electron/audit/verify';
import { ACTION_GROUPS, ACTION_LABELS, actionGroup, auditDetails, roleLabel } from '../../../shared/audit';

// Every action the main process records has a Chinese label and a filter group. The
// actions are read from the source: `action: 'x.y'` (also both sides of a conditional),
// the audit key events, the lockout events of the keyslot file, and the action
// argument of the applications' change helper.

const ROOT = join(__dirname, '../../../electron');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.(ts|mjs)$/.test(name) ? [p] : [];
  });
}

const ACTION = /'([a-z]+[A-Za-z]*\.[a-z][A-Za-z]+)'/g;

function recordedActions(): Set<string> {
  const found = new Set<string>(Object.values(KEY_EVENTS));
  for (const file of sources(ROOT)) {
    const text = readFileSync(file, 'utf8');
    // `action: 'x'` and `action: cond ? 'x' : 'y'` (up to the end of the property).
    for (const m of text.matchAll(/\baction:\s*([^,}\n]+)/g)) for (const a of m[1]!.matchAll(ACTION)) found.add(a[1]!);
    // Helpers that take the action as an argument: change(id, 'application.x', …).
    for (const m of text.matchAll(/\bchange\(\s*[\w.]+,\s*'([a-z]+\.[A-Za-z]+)'/g)) found.add(m[1]!);
    // Events queued outside the database (failed logins, lockouts) and appended later.
    for (const m of text.matchAll(/action:\s*z\.enum\(\[([^\]]+)\]/g)) for (const a of m[1]!.matchAll(ACTION)) found.add(a[1]!);
  }
  return found;
}

describe('action labels', () => {
  it('finds the actions the code records (the scan itself works)', () => {
    const found = recordedActions();
    for (const a of ['item.opinion', 'user.enabled', 'user.disabled', 'basis.updated', 'application.replied', 'auth.loginFailed', 'user.keyRegistered', 'form.printed'])
      expect(found, a).toContain(a);
    expect(found.size).toBeGreaterThan(50);
  });

  it('labels every recorded action in Chinese and places it in a filter group', () => {
    const missing = [...recordedActions()].filter((a) => !ACTION_LABELS[a]);
    expect(missing, `actions recorded without a label in shared/audit.ts: ${missing.join(', ')}`).toEqual([]);
    for (const [a, label] of Object.entries(ACTION_LABELS)) {
      expect(label, a).toMatch(/^[\u4e00-\u9fff（）、]+$/);
      expect(actionGroup(a), a).not.toBe('其他');
    }
    const groups = ACTION_GROUPS.map((g) => g.label);
    expect(new Set(groups).size).toBe(groups.length);
  });

  it('names roles and renders recorded details in words, hashes marked for shortening', () => {
    expect(roleLabel('handler,reviewer')).toBe('承办人、保密审查机构');
    expect(roleLabel('system')).toBe('系统');
    const d = auditDetails({
      text: '保密审查：不同意公开',
      step: { id: 'review', name: '保密审查' },
      opinion: { id: 'no', label: '不同意公开', effect: 'refuse' },
      grounds: ['PERSONAL_PRIVACY'],
      bases: ['《中华人民共和国保守国家秘密法》'],
      reason: '附件含有个人身份信息',
      sha256: 'a'.repeat(64),
    });
    expect(d).toEqual([
      { label: '内容', value: '保密审查：不同意公开' },
      { label: '环节', value: '保密审查' },
      { label: '意见', value: '不同意公开' },
      { label: '情形', value: '个人隐私' },
      { label: '依据', value: '《中华人民共和国保守国家秘密法》' },
      { label: '理由', value: '附件含有个人身份信息' },
      { label: 'SHA-256', value: 'a'.repeat(64), hash: true },
    ]);
    expect(auditDetails({ findings: [{ kind: 'ID_CARD' }, { kind: 'MOBILE' }, { kind: 'ID_CARD' }] })).toEqual([{ label: '发现', value: '3 处（身份证号码、手机号码）' }]);
    expect(auditDetails(null)).toEqual([]);
  });
});
