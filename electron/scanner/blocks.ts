// How a long text is cut into blocks (each scanned on its own, on any thread), and the
// progress reported as they are done.

/** Progress that never goes back: a scan that starts over reports only what lies beyond the first attempt's. */
export function forward(onProgress?: (fraction: number) => void): ((fraction: number) => void) | undefined {
  let last = -Infinity;
  return (
    onProgress &&
    ((f) => {
      if (f <= last) return;
      last = f;
      onProgress(f);
    })
  );
}

/** Where a text is cut into blocks of about `size` characters: at line ends where one is near. */
export function cutBlocks(text: string, size = 1 << 20): number[] {
  const cuts = [0];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const nl = text.lastIndexOf('\n', end);
      if (nl > start + size / 2) end = nl + 1;
    }
    cuts.push(end);
    start = end;
  }
  return cuts;
}
