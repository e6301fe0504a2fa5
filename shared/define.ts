import type { z } from 'zod';
import type { Role } from './roles';
import type { Result } from './result';

/**
 * Who may call an operation. The main process enforces it on every call; the
 * renderer reads it only to decide what to show.
 * - public: anyone, before login (setup, login, version).
 * - user: a logged-in, unlocked user whose password is not pending change; `roles`
 *   narrows it further. `whilePasswordChange` / `whileLocked` admit the two
 *   half-logged-in states for the few calls that resolve them.
 */
export type Access =
  | { kind: 'public' }
  | {
      kind: 'user';
      roles?: readonly Role[];
      whilePasswordChange?: boolean;
      whileLocked?: boolean;
    };

declare const outputBrand: unique symbol;

export interface OperationDef<I extends z.ZodType = z.ZodType, O = unknown> {
  /** `mishen:<path>`, derived from the operation's place in the contract by `defineContract`. */
  readonly channel: `mishen:${string}`;
  readonly input: I;
  readonly access: Access;
  /** Phantom: the output type exists only for the type checker. */
  readonly [outputBrand]?: O;
}

export interface EventDef<P = unknown> {
  readonly channel: `mishen:event:${string}`;
  readonly [outputBrand]?: P;
}

/**
 * `op<Output>()({ input, access })`: output given, input inferred. The channel is
 * filled in by `defineContract` from the operation's path, so a name is written once.
 */
export const op =
  <O>() =>
  <I extends z.ZodType>(def: { input: I; access: Access }) =>
    ({ channel: 'mishen:', ...def }) as OperationDef<I, O>;

/** Gives every operation of a tree its channel, `mishen:<dotted path>`, and freezes it. */
export function defineContract<T extends OperationTree>(tree: T, prefix = ''): T {
  for (const [key, node] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isOperation(node)) {
      (node as { channel: string }).channel = `mishen:${path}`;
      Object.freeze(node);
    } else defineContract(node, path);
  }
  return Object.freeze(tree);
}

export const event = <P>(channel: `mishen:event:${string}`) => ({ channel }) as EventDef<P>;

export type InputOf<D> = D extends OperationDef<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<D> = D extends OperationDef<infer I, unknown> ? z.output<I> : never;
export type OutputOf<D> = D extends OperationDef<z.ZodType, infer O> ? O : never;

export type OperationTree = { readonly [k: string]: OperationDef | OperationTree };
export type EventMap = { readonly [k: string]: EventDef };

type Call<D> = undefined extends InputOf<D>
  ? (input?: InputOf<D>) => Promise<Result<OutputOf<D>>>
  : (input: InputOf<D>) => Promise<Result<OutputOf<D>>>;

export type ApiOf<T extends OperationTree> = {
  readonly [K in keyof T]: T[K] extends OperationDef ? Call<T[K]> : T[K] extends OperationTree ? ApiOf<T[K]> : never;
};

export type PayloadOf<E> = E extends EventDef<infer P> ? P : never;

export type EventsApi<E extends EventMap> = {
  /** Subscribe; the returned function unsubscribes. */
  on<K extends keyof E & string>(name: K, listener: (payload: PayloadOf<E[K]>) => void): () => void;
};

export function isOperation(x: OperationDef | OperationTree): x is OperationDef {
  return typeof (x as OperationDef).channel === 'string';
}

/** Every operation of a tree, flattened, with its dotted path. */
export function listOperations(tree: OperationTree, prefix = ''): Array<[string, OperationDef]> {
  const out: Array<[string, OperationDef]> = [];
  for (const [key, node] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isOperation(node)) out.push([path, node]);
    else out.push(...listOperations(node, path));
  }
  return out;
}
