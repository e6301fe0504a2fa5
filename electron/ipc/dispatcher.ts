import { z } from 'zod';
import {
  listOperations,
  type OperationDef,
  type OperationTree,
  type OutputOf,
  type ParsedInputOf,
} from '../../shared/define';
import { authorize, type AuthView } from '../../shared/access';
import { issueMessage } from '../../shared/messages';
import { AppFailure, fail, ok, type Result } from '../../shared/result';

z.config(z.locales.zhCN());

/** What the dispatcher needs to know about the caller, asked fresh on every call. */
export interface Caller {
  /** The transport's verdict: IPC sender frame is the app's own, or the host token matched. */
  trustedSender: boolean;
}

export type { AuthView };

export type Handler<D> = (input: ParsedInputOf<D>) => Promise<OutputOf<D>> | OutputOf<D>;

export type Handlers<T extends OperationTree> = {
  [K in keyof T]: T[K] extends OperationDef ? Handler<T[K]> : T[K] extends OperationTree ? Handlers<T[K]> : never;
};

export interface Dispatcher {
  readonly channels: readonly string[];
  dispatch(channel: string, rawInput: unknown, caller: Caller): Promise<Result<unknown>>;
}

export interface DispatcherOptions<T extends OperationTree> {
  contract: T;
  handlers: Handlers<T>;
  /** Current authentication state; also where idle locking is applied. */
  auth: () => AuthView;
  /** Called once a call passed authorization, before its handler runs. */
  onAuthorized?: (def: OperationDef) => void;
  /** Called for unexpected errors; must not log inputs (they may hold document text). */
  onInternalError?: (channel: string, err: unknown) => void;
}

function lookup(handlers: unknown, path: string): ((input: unknown) => unknown) | undefined {
  let node: unknown = handlers;
  for (const key of path.split('.')) node = (node as Record<string, unknown> | undefined)?.[key];
  return typeof node === 'function' ? (node as (input: unknown) => unknown) : undefined;
}

function describeIssues(error: z.ZodError): string {
  return `输入无效：${[...new Set(error.issues.slice(0, 3).map((i) => issueMessage(i)))].join('；')}`;
}

/**
 * The single path every call takes: find → check sender → parse → authorize → call →
 * {ok,value} | {ok:false,error}. Handlers never see unparsed input and never run for
 * a caller the access rule refuses.
 */
export function createDispatcher<T extends OperationTree>(opts: DispatcherOptions<T>): Dispatcher {
  const table = new Map<string, { def: OperationDef; fn: (input: unknown) => unknown }>();
  for (const [path, def] of listOperations(opts.contract)) {
    const fn = lookup(opts.handlers, path);
    if (!fn) throw new Error(`no handler for ${path}`);
    table.set(def.channel, { def, fn });
  }
  return {
    channels: [...table.keys()],
    async dispatch(channel, rawInput, caller) {
      const entry = table.get(channel);
      if (!entry) return fail('UNKNOWN_OPERATION', '未知的操作，已拒绝');
      if (!caller.trustedSender) return fail('FORBIDDEN_SENDER', '调用来源不受信任，已拒绝');
      const parsed = entry.def.input.safeParse(rawInput);
      if (!parsed.success) return fail('INVALID_INPUT', describeIssues(parsed.error));
      const allowed = authorize(entry.def.access, opts.auth());
      if (!allowed.ok) return allowed;
      opts.onAuthorized?.(entry.def);
      try {
        return ok(await entry.fn(parsed.data));
      } catch (err) {
        if (err instanceof AppFailure) return fail(err.code, err.message);
        opts.onInternalError?.(channel, err);
        return fail('INTERNAL', '内部错误，操作未完成。请联系系统管理员查看日志');
      }
    },
  };
}
