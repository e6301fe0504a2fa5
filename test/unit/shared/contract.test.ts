import { describe, expect, it } from 'vitest';
import { contract } from '../../../shared/contract';
import { listOperations } from '../../../shared/define';
import { FIELD_LABELS, issuesByField } from '../../../shared/messages';
import { date, itemFieldsSchema } from '../../../shared/schemas';
import { authorize, mayCall } from '../../../shared/access';
import { fields } from '../../helpers/workflow';

// The contract is the one source: channels come from the operation's path, inputs
// refuse what cannot be a real value, and messages speak of fields as people know them.

describe('the contract', () => {
  it('derives every channel from the operation path, once and uniquely', () => {
    const ops = listOperations(contract);
    expect(ops.length).toBeGreaterThan(40);
    for (const [path, def] of ops) expect(def.channel).toBe(`mishen:${path}`);
    expect(new Set(ops.map(([, d]) => d.channel)).size).toBe(ops.length);
    expect(Object.isFrozen(contract.items.get)).toBe(true);
  });

  it('accepts only real calendar dates', () => {
    for (const ok of ['2026-02-28', '2028-02-29', '2026-12-31']) expect(date.safeParse(ok).success).toBe(true);
    for (const bad of ['2026-13-45', '2026-02-30', '2027-02-29', '2026-00-10', '26-1-1']) expect(date.safeParse(bad).success).toBe(false);
  });

  it('refuses lone surrogates in text', () => {
    const r = itemFieldsSchema.safeParse(fields({ title: `通知\uD800` }));
    expect(r.success).toBe(false);
    expect(itemFieldsSchema.safeParse(fields({ title: '通知𠀀' })).success).toBe(true);
  });

  it('says what is wrong in Chinese, by the field’s Chinese name, never by its key', () => {
    const r = itemFieldsSchema.safeParse(fields({ title: '', summary: 'x'.repeat(2001), formedOn: '2026-13-45' }));
    expect(r.success).toBe(false);
    const byField = issuesByField(r.success ? [] : r.error.issues);
    expect(byField['title']).toBe('请填写信息名称');
    expect(byField['summary']).toBe('内容摘要不得超过 2000 个字');
    expect(byField['formedOn']).toBe('不是有效的日期');
    for (const m of Object.values(byField)) {
      expect(m).toMatch(/[\u4e00-\u9fff]/);
      expect(m).not.toMatch(/[A-Za-z]{3,}/);
    }
  });

  it('has a Chinese label for every field of every input object', () => {
    const keys = new Set<string>();
    const walk = (schema: unknown) => {
      const def = (schema as { _zod?: { def?: { type?: string; shape?: Record<string, unknown>; innerType?: unknown; in?: unknown; element?: unknown } } })._zod?.def;
      if (!def) return;
      if (def.type === 'object' && def.shape)
        for (const [k, v] of Object.entries(def.shape)) {
          keys.add(k);
          walk(v);
        }
      for (const inner of [def.innerType, def.in, def.element]) if (inner) walk(inner);
    };
    for (const [, d] of listOperations(contract)) walk(d.input);
    const technical = new Set(['itemId', 'id', 'stepId', 'opinionId', 'documentId', 'findingId', 'escalationId', 'consultationId', 'offset', 'limit', 'length', 'start', 'end', 'view', 'kind', 'reply', 'disabled', 'version', 'content', 'sysAdmin', 'secAdmin', 'auditor', 'minPasswordLength', 'minCharClasses', 'maxFailedLogins', 'lockoutMinutes', 'idleLockMinutes']);
    const missing = [...keys].filter((k) => !FIELD_LABELS[k] && !technical.has(k));
    expect(missing).toEqual([]);
  });

  it('uses one access rule on both sides', () => {
    const access = contract.users.create.access;
    expect(mayCall(access, ['sysAdmin'])).toBe(true);
    expect(mayCall(access, ['handler'])).toBe(false);
    expect(authorize(access, { loggedIn: true, roles: ['sysAdmin'], mustChangePassword: true, locked: false })).toMatchObject({ ok: false, error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
  });
});
