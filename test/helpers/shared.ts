import { copyShared } from '../../electron/scanner/pool-protocol';

/** A text's UTF-16 units in a new SharedArrayBuffer, as the pool's caller copies them for its threads. */
export function toShared(text: string): SharedArrayBuffer {
  const sab = new SharedArrayBuffer(text.length * 2);
  copyShared(text, sab, 0, text.length);
  return sab;
}
