import type { MishenApi } from '../../shared/api';
import type { AppError, Result } from '../../shared/result';

// The renderer's only door to the main process. Its type comes from the contract
// (shared/), the object from the preload or the browser host's shim.
declare global {
  interface Window {
    mishen: MishenApi;
  }
}

export const api = (): MishenApi => {
  if (!window.mishen) throw new Error('window.mishen 不可用：请通过密审台桌面程序或浏览器宿主打开');
  return window.mishen;
};

export class ApiError extends Error {
  constructor(readonly error: AppError) {
    super(error.message);
  }
}

/** Unwraps a result, turning a refusal into an exception carrying its Chinese message. */
export async function call<T>(p: Promise<Result<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new ApiError(r.error);
  return r.value;
}

export const messageOf = (err: unknown): string =>
  err instanceof Error ? err.message : '操作失败，请重试';
