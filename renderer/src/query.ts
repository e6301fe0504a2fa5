import { QueryClient, useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import type { MishenApi } from '../../shared/api';
import type { Result } from '../../shared/result';
import { api, call } from './api';

// Every read goes through TanStack Query, keyed by [group, operation, input]: a stale
// request is never shown over a newer one, and a change invalidates what it changes.
// The cache holds document text, so it is dropped on logout and on the idle lock.

export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 } },
});

type Group = Exclude<keyof MishenApi, 'on'>;
type Fn<G extends Group, O extends keyof MishenApi[G]> = MishenApi[G][O] extends (...args: infer A) => Promise<Result<infer R>> ? { args: A; result: R } : never;

export const opKey = (group: string, op: string, input?: unknown) => (input === undefined ? [group, op] : [group, op, input]);

export function useOp<G extends Group, O extends keyof MishenApi[G] & string>(
  group: G,
  op: O,
  input: Fn<G, O>['args'][0],
  options: Omit<UseQueryOptions<Fn<G, O>['result']>, 'queryKey' | 'queryFn'> = {},
) {
  return useQuery<Fn<G, O>['result']>({
    queryKey: opKey(group, op, input),
    queryFn: () => call((api()[group][op] as (i: unknown) => Promise<Result<Fn<G, O>['result']>>)(input)),
    ...options,
  });
}

/**
 * A change through the contract. On success the cache is refreshed for the groups it
 * touches (an item change refreshes the item lists and that item).
 */
export function useChange<I, R>(fn: (input: I) => Promise<Result<R>>, touches: readonly string[]) {
  const client = useQueryClient();
  return useMutation<R, Error, I>({
    mutationFn: (input) => call(fn(input)),
    onSuccess: () => Promise.all(touches.map((group) => client.invalidateQueries({ queryKey: [group] }))).then(() => undefined),
  });
}

/** Forget everything read in a session that has ended or locked. */
export function dropCache(): void {
  queryClient.cancelQueries();
  queryClient.clear();
}
