// Synthetic personal data with valid check digits. Never real people: the sequence
// numbers and dates are made up, and every test builds its own.

const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

export function residentId(region = '110101', birth = '19900307', seq = '123'): string {
  const body = `${region}${birth}${seq}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * W[i]!, 0);
  return body + '10X98765432'[sum % 11];
}

/** The same number with its check digit deliberately wrong. */
export function badCheckId(): string {
  const id = residentId();
  const last = id[17] === '0' ? '1' : '0';
  return id.slice(0, 17) + last;
}

export function luhnCard(prefix = '622202', length = 19): string {
  let body = prefix;
  while (body.length < length - 1) body += String((body.length * 7) % 10);
  for (let d = 0; d <= 9; d++) {
    const n = body + d;
    let sum = 0;
    for (let i = 0; i < n.length; i++) {
      let x = Number(n[n.length - 1 - i]);
      if (i % 2 === 1) x = x * 2 > 9 ? x * 2 - 9 : x * 2;
      sum += x;
    }
    if (sum % 10 === 0) return n;
  }
  throw new Error('unreachable');
}

export const MOBILE = '13912345678';

/** A repeatable stream of numbers in [0, 1) from a seed (xorshift32): generated texts that a failing seed reproduces. */
export function seededRandom(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}
