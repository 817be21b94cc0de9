import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The parents' access code: derived from the registration id with a server secret (HMAC-SHA256),
 * so a hospital that retries the same notification gets the same code back without the code ever
 * being stored; the table keeps only its SHA-256 hash. 12 Crockford base32 characters = 60 bits,
 * grouped for reading aloud: "7K2Q-M9XD-4TRV".
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function deriveAccessCode(secret: string, registrationId: string): string {
  const mac = createHmac('sha256', secret).update(`access-code:${registrationId}`).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of mac) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 12) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    if (out.length === 12) break;
  }
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}`;
}

/** Accepts what people type: lower case, spaces, no dashes, O for 0, I/L for 1. */
export function normalizeAccessCode(input: string): string {
  const cleaned = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return cleaned.length === 12 ? `${cleaned.slice(0, 4)}-${cleaned.slice(4, 8)}-${cleaned.slice(8, 12)}` : cleaned;
}

export const hashAccessCode = (code: string): string =>
  createHash('sha256').update(normalizeAccessCode(code)).digest('hex');

export function accessCodeMatches(candidate: string, storedHash: string): boolean {
  const a = Buffer.from(hashAccessCode(candidate), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * How many wrong access codes lock further attempts for the rest of a window (every attempt then
 * answers 429, the right code included): per registration, and per source address.
 */
export const ACCESS_CODE_LIMITS = {
  perRegistration: { scope: 'access-code:registration', max: 5, windowSeconds: 15 * 60 },
  perSource: { scope: 'access-code:source', max: 20, windowSeconds: 15 * 60 },
} as const;
