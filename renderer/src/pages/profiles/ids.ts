/** A step or opinion id the schema accepts and nobody sees: `${prefix}${n}`, unused so far. */
export function freshId(prefix: string, taken: readonly string[]): string {
  let n = taken.length + 1;
  while (taken.includes(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}
