import { useEffect } from 'react';
import { api } from '../api';

/**
 * Tells the main process the user is still here, at most every 30 seconds. The main
 * process decides when the session locks; this only reports input.
 */
export function useActivity(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let last = 0;
    const onInput = () => {
      const now = Date.now();
      if (now - last < 30_000) return;
      last = now;
      void api().auth.touch();
    };
    const kinds = ['keydown', 'mousedown', 'wheel', 'touchstart'] as const;
    for (const k of kinds) window.addEventListener(k, onInput, { passive: true });
    return () => {
      for (const k of kinds) window.removeEventListener(k, onInput);
    };
  }, [active]);
}
