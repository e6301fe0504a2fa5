import { useCallback, useState } from 'react';
import { messageOf } from '../api';

/**
 * Busy flag and Chinese error message around one async action, so every form shows a
 * refusal the same way and can never be submitted twice at once.
 */
export function useAction() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (fn: () => Promise<void>) => {
    setError(null);
    setBusy(true);
    try {
      await fn();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }, []);
  return { error, setError, busy, run };
}
