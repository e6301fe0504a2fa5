import { contract, events, type Contract, type Events } from './contract';
import { isOperation, type ApiOf, type EventsApi, type OperationTree } from './define';
import type { Result } from './result';

export type Invoke = (channel: string, input: unknown) => Promise<Result<unknown>>;
export type Subscribe = (channel: string, listener: (payload: unknown) => void) => () => void;

/** The renderer's whole view of the main process: named operations and events. */
export type MishenApi = ApiOf<Contract> & EventsApi<Events>;

function build(tree: OperationTree, invoke: Invoke): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, node] of Object.entries(tree)) {
    out[key] = isOperation(node)
      ? (input?: unknown) => invoke(node.channel, input)
      : build(node, invoke);
  }
  return Object.freeze(out);
}

/**
 * Builds window.mishen from the contract. The preload passes ipcRenderer-backed
 * functions; the browser host's shim passes HTTP-backed ones. Nothing outside the
 * contract's named operations is reachable.
 */
export function createApi(invoke: Invoke, subscribe: Subscribe): MishenApi {
  const api = build(contract, invoke);
  const channels = new Map(Object.entries(events).map(([name, def]) => [name, def.channel]));
  const on = (name: string, listener: (payload: unknown) => void) => {
    const channel = channels.get(name);
    if (!channel) throw new Error(`unknown event ${name}`);
    return subscribe(channel, listener);
  };
  return Object.freeze({ ...api, on }) as unknown as MishenApi;
}
