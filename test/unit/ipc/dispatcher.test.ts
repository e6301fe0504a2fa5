import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineContract, op } from '../../../shared/define';
import { AppFailure } from '../../../shared/result';
import { contract } from '../../../shared/contract';
import { listOperations } from '../../../shared/define';
import { createDispatcher, type AuthView } from '../../../electron/ipc/dispatcher';

const testContract = defineContract({
  open: op<string>()({ input: z.undefined(), access: { kind: 'public' } }),
  echo: op<number>()({ input: z.object({ n: z.number().int().min(0) }),
    access: { kind: 'user' },
  }),
  admin: op<string>()({ input: z.undefined(),
    access: { kind: 'user', roles: ['sysAdmin'] },
  }),
  refuse: op<string>()({ input: z.undefined(), access: { kind: 'public' } }),
  crash: op<string>()({ input: z.undefined(), access: { kind: 'public' } }),
});

function make(auth: AuthView) {
  const handler = vi.fn((i: { n: number }) => i.n * 2);
  const onInternalError = vi.fn();
  const d = createDispatcher({
    contract: testContract,
    handlers: {
      open: () => 'ok',
      echo: handler,
      admin: () => 'admin',
      refuse: () => {
        throw new AppFailure('CONFLICT', '冲突');
      },
      crash: () => {
        throw new Error('secret document text must not leak');
      },
    },
    auth: () => auth,
    onInternalError,
  });
  return { d, handler, onInternalError };
}

const trusted = { trustedSender: true };
const guest: AuthView = { loggedIn: false, roles: [], mustChangePassword: false, locked: false };
const reviewer: AuthView = { loggedIn: true, roles: ['reviewer'], mustChangePassword: false, locked: false };

describe('dispatcher', () => {
  it('refuses unknown channels with a Chinese message', async () => {
    const { d } = make(reviewer);
    const r = await d.dispatch('mishen:nope', undefined, trusted);
    expect(r).toEqual({ ok: false, error: { code: 'UNKNOWN_OPERATION', message: '未知的操作，已拒绝' } });
  });

  it('refuses invalid input before the handler runs, in Chinese', async () => {
    const { d, handler } = make(reviewer);
    for (const bad of [undefined, { n: -1 }, { n: 'x' }, { n: 1.5 }, 'str']) {
      const r = await d.dispatch('mishen:echo', bad, trusted);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('INVALID_INPUT');
        expect(r.error.message).toMatch(/^输入无效：/);
        expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses an untrusted sender even for public operations', async () => {
    const { d } = make(reviewer);
    const r = await d.dispatch('mishen:open', undefined, { trustedSender: false });
    expect(r.ok || r.error.code).toBe('FORBIDDEN_SENDER');
  });

  it('authorizes by login state and role', async () => {
    expect((await make(guest).d.dispatch('mishen:open', undefined, trusted)).ok).toBe(true);
    const notLogged = await make(guest).d.dispatch('mishen:echo', { n: 1 }, trusted);
    expect(notLogged.ok || notLogged.error.code).toBe('NOT_LOGGED_IN');
    const wrongRole = await make(reviewer).d.dispatch('mishen:admin', undefined, trusted);
    expect(wrongRole.ok || wrongRole.error.message).toContain('系统管理员');
    const rightRole = await make({ ...reviewer, roles: ['sysAdmin'] }).d.dispatch('mishen:admin', undefined, trusted);
    expect(rightRole).toEqual({ ok: true, value: 'admin' });
    expect(await make(reviewer).d.dispatch('mishen:echo', { n: 21 }, trusted)).toEqual({ ok: true, value: 42 });
  });

  it('holds locked sessions and pending password changes', async () => {
    const locked = await make({ ...reviewer, locked: true }).d.dispatch('mishen:echo', { n: 1 }, trusted);
    expect(locked.ok || locked.error.code).toBe('SESSION_LOCKED');
    const pending = await make({ ...reviewer, mustChangePassword: true }).d.dispatch('mishen:echo', { n: 1 }, trusted);
    expect(pending.ok || pending.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('turns refusals into results and hides unexpected errors', async () => {
    const { d, onInternalError } = make(guest);
    expect(await d.dispatch('mishen:refuse', undefined, trusted)).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '冲突' },
    });
    const crash = await d.dispatch('mishen:crash', undefined, trusted);
    expect(crash.ok).toBe(false);
    expect(JSON.stringify(crash)).not.toContain('secret document text');
    expect(onInternalError).toHaveBeenCalledOnce();
  });

  it('fails fast when a contract operation has no handler', () => {
    expect(() =>
      createDispatcher({ contract: testContract, handlers: {} as never, auth: () => guest }),
    ).toThrow(/no handler/);
  });
});

describe('the real contract', () => {
  it('has unique mishen: channels', () => {
    const channels = listOperations(contract).map(([, d]) => d.channel);
    expect(new Set(channels).size).toBe(channels.length);
    for (const c of channels) expect(c).toMatch(/^mishen:[a-z][A-Za-z]*\.[A-Za-z]+$/);
  });
  it('admits only login, setup and read-only calls without a session', () => {
    const open = listOperations(contract)
      .filter(([, d]) => d.access.kind === 'public')
      .map(([p]) => p)
      .sort();
    expect(open).toEqual(['app.info', 'auth.login', 'auth.recover', 'auth.session', 'setup.run']);
  });
});
