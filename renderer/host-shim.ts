// The browser host's stand-in for the preload: the same window.mishen, built from the
// same contract, carried over loopback HTTP with the host's token. Built separately
// (out/host-shim/) and never part of the packaged app.
import { createApi } from '../shared/api';
import { fail, type Result } from '../shared/result';

const params = new URLSearchParams(window.location.search);
const token = params.get('token') ?? sessionStorage.getItem('mishen-host-token') ?? '';
sessionStorage.setItem('mishen-host-token', token);
// Keep the token out of the address bar and history.
if (params.has('token')) window.history.replaceState(null, '', window.location.pathname);

async function invoke(channel: string, input: unknown): Promise<Result<unknown>> {
  try {
    const res = await fetch(`/ipc/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-mishen-token': token },
      body: JSON.stringify({ input }),
    });
    return (await res.json()) as Result<unknown>;
  } catch {
    return fail('INTERNAL', '无法连接到本机服务');
  }
}

let source: EventSource | null = null;
const listeners = new Map<string, Set<(payload: unknown) => void>>();

function subscribe(channel: string, listener: (payload: unknown) => void): () => void {
  if (!source) {
    source = new EventSource(`/events?token=${encodeURIComponent(token)}`);
    source.onmessage = (msg: MessageEvent<string>) => {
      const { channel: ch, payload } = JSON.parse(msg.data) as { channel: string; payload: unknown };
      for (const l of listeners.get(ch) ?? []) l(payload);
    };
  }
  const set = listeners.get(channel) ?? new Set();
  set.add(listener);
  listeners.set(channel, set);
  return () => set.delete(listener);
}

Object.defineProperty(window, 'mishen', { value: createApi(invoke, subscribe), writable: false, configurable: false });
