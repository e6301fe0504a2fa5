// The one shape every operation returns across the process boundary. Errors carry a
// stable code for programs and a Chinese message for people.
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'UNKNOWN_OPERATION'
  | 'FORBIDDEN_SENDER'
  | 'NOT_LOGGED_IN'
  | 'FORBIDDEN'
  | 'SESSION_LOCKED'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'LOGIN_FAILED'
  | 'ACCOUNT_LOCKED'
  | 'ACCOUNT_DISABLED'
  | 'WEAK_PASSWORD'
  | 'CONFLICT'
  | 'NOT_FOUND'
  | 'NOT_SET_UP'
  | 'ALREADY_SET_UP'
  | 'ROLE_CONFLICT'
  | 'STORE_ERROR'
  | 'INTERNAL';

export interface AppError {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string): { ok: false; error: AppError } => ({
  ok: false,
  error: { code, message },
});

/** Thrown by main-process code to refuse a call with a code and a Chinese message. */
export class AppFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppFailure';
  }
}
