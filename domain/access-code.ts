import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The parents' access code: derived from the registration id with a server secret (HMAC-SHA256),
 * so a hospital that retries the same notification gets the same code back without the code ever
 * being stored; the table keeps only its SHA-256 hash. 12 Crockford base32 characters = 60 bits,
 * grouped for reading aloud: "7K2Q-M9XD-4TRV".
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function deriveAccessCode(secret: string, registrationId: string, generation = 0): string {
  // Generation 0 is the code given at intake; a registrar's re-issue makes the next one.
  const message = generation === 0 ? `access-code:${registrationId}` : `access-code:${registrationId}:${generation}`;
  const mac = createHmac('sha256', secret).update(message).digest();
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
 * How long after intake the hospital's list (GET /v1/births) still shows the parents' code, to
 * print the slip again: 24 hours. After that, or once a registrar re-issued the code, it is shown
 * to nobody again (a registrar re-issues a lost one).
 */
export const ACCESS_CODE_SHOWN_HOURS = 24;

export function accessCodeShownToHospital(registration: { readonly createdAt: string; readonly accessCodeGeneration?: number }, now = Date.now()): boolean {
  const since = Date.parse(registration.createdAt);
  return !registration.accessCodeGeneration && Number.isFinite(since) && now - since < ACCESS_CODE_SHOWN_HOURS * 3600_000;
}

/**
 * How many wrong access codes may be tried, counted before the code is compared (so concurrent
 * guesses are counted one by one). Each window opens at the first attempt counted in it; past `max`
 * wrong codes every attempt, the right one included, answers 429 until it ends, so:
 * - one registration: 5 wrong codes per minute (≤ 7,200 a day against a 60-bit code), and a
 *   lockout ends at most 1 minute after it began;
 * - one network (the /24 of an IPv4 address, the /56 of an IPv6 one, so that rotating addresses
 *   inside one allocation does not help): 30 wrong codes per 15 minutes, so one network keeps one
 *   family waiting at most 6 minutes in 15. Right codes are given back and never use up a limit
 *   (many parents share one carrier-NAT address).
 */
export const ACCESS_CODE_LIMITS = {
  perRegistration: { scope: 'access-code:registration', max: 5, windowSeconds: 60 },
  perNetwork: { scope: 'access-code:network', max: 30, windowSeconds: 15 * 60 },
} as const;

/** The network an address's wrong codes are counted against: its /24 (IPv4) or /56 (IPv6). */
export function sourceNetwork(address: string): string {
  const v4 = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.\d{1,3}$/i.exec(address);
  if (v4) return `${v4[1]}.${v4[2]}.${v4[3]}.0/24`;
  if (!address.includes(':')) return 'unknown';
  const [head = '', tail = ''] = address.toLowerCase().split('::', 2) as [string, string?] as [string, string];
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  const hex = groups.slice(0, 4).map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? g.padStart(4, '0') : '0000'));
  while (hex.length < 4) hex.push('0000');
  return `${hex.join(':').slice(0, 17)}00::/56`;
}
