import { randomBytes } from 'node:crypto';

// Recovery codes: 26 characters of Crockford's base32 (130 bits), printed in groups.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function generateRecoveryCode(): string {
  const bytes = randomBytes(26);
  const chars = [...bytes].map((b) => CROCKFORD[b & 31]).join('');
  return chars.match(/.{1,4}/g)!.join('-');
}

export function normalizeRecoveryCode(code: string): string {
  return code
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
}
