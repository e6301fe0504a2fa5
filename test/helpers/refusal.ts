import { AppFailure } from '../../shared/result';

/** Awaits a call that must be refused and returns the refusal; any other outcome fails. */
export async function refusal(p: Promise<unknown>): Promise<AppFailure> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppFailure) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}
