import { createHash, randomUUID } from 'node:crypto';
import { chmod, link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, jwtVerify } from 'jose';
import type { CryptoKey, JWK, JWTPayload } from 'jose';
import * as z from 'zod';
import { HEAD_OF_OFFICE_GROUP, HOSPITAL_SCOPE, REGISTRARS_GROUP } from '../../api/identity-claims.js';

/**
 * The local stand-in for the Cognito user pool: it signs access tokens with the claims Cognito
 * puts in them (client-credentials tokens for hospitals, user tokens for registrars and heads of office) and verifies
 * them the way the API Gateway JWT authorizer does. One ES256 key, kept in a file so tokens handed
 * out survive a restart of the local stack.
 */
export interface LocalIssuer {
  readonly issuer: string;
  /** A hospital's token: one app client per facility, so the facility is `sub` and `client_id`. */
  signHospitalToken(facilityId: string, opts?: TokenOptions): Promise<string>;
  /** A registrar's token: a user pool user in the registrars group. */
  signRegistrarToken(username: string, opts?: TokenOptions): Promise<string>;
  /** A head of office's token: a user pool user in the head-of-office group only (that group alone grants everything a registrar may do). */
  signHeadOfOfficeToken(username: string, opts?: TokenOptions): Promise<string>;
  /** Signature (ES256 only), issuer, kid, exp (required), nbf and iat; throws on anything wrong. */
  verify(token: string): Promise<Record<string, unknown>>;
  /** The public key set, as a user pool publishes it at /.well-known/jwks.json. */
  jwks(): { keys: JWK[] };
}

export interface TokenOptions {
  /** Lifetime from now; negative gives an already expired token (tests). Default 12 h. */
  readonly expiresInSeconds?: number;
}

export interface LocalIssuerOptions {
  /** Where the private key lives; created (mode 0600) on first use. */
  readonly keyFile: string;
  /** The `iss` claim; Cognito's is https://cognito-idp.<region>.amazonaws.com/<pool id>. */
  readonly issuer: string;
}

export class TokenRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenRejectedError';
  }
}

const ALG = 'ES256';
const DEFAULT_LIFETIME_SECONDS = 12 * 60 * 60;
/** Client id of the registrar console's app client (Cognito names it; any stable value works here). */
export const CONSOLE_CLIENT_ID = 'local-console';
/** UUIDv5 namespace for registrar `sub` values: the same username always gets the same sub. */
const USER_SUB_NAMESPACE = '5f1c8a2e-3b7d-4e0a-9c61-2d8f4b7a1e93';

const PrivateJwkSchema = z.object({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().min(1),
  y: z.string().min(1),
  d: z.string().min(1),
});

export async function createLocalIssuer(options: LocalIssuerOptions): Promise<LocalIssuer> {
  const privateJwk = await loadOrCreateKey(options.keyFile);
  const { d: _private, ...publicJwk } = privateJwk;
  // RFC 7638 thumbprint: a kid that follows the key, stable across restarts.
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateKey = (await importJWK(privateJwk, ALG)) as CryptoKey;
  const publicKey = (await importJWK(publicJwk, ALG)) as CryptoKey;
  const issuer = options.issuer;

  function userClaims(username: string, group: string): JWTPayload {
    requireNonEmpty(username, 'username');
    return {
      iss: issuer,
      sub: uuidV5(username, USER_SUB_NAMESPACE),
      username,
      'cognito:groups': [group],
      client_id: CONSOLE_CLIENT_ID,
      token_use: 'access',
      scope: 'openid',
    };
  }

  async function sign(claims: JWTPayload, opts: TokenOptions = {}): Promise<string> {
    const lifetime = opts.expiresInSeconds ?? DEFAULT_LIFETIME_SECONDS;
    if (!Number.isFinite(lifetime)) throw new RangeError('expiresInSeconds must be a finite number');
    const now = Math.floor(Date.now() / 1000);
    // Same claim order as Cognito; header is {kid, alg} like Cognito's (no typ).
    return new SignJWT({ ...claims, iat: now, exp: now + Math.trunc(lifetime), jti: randomUUID() })
      .setProtectedHeader({ kid, alg: ALG })
      .sign(privateKey);
  }

  return {
    issuer,
    async signHospitalToken(facilityId, opts) {
      requireNonEmpty(facilityId, 'facilityId');
      return sign(
        { iss: issuer, sub: facilityId, client_id: facilityId, token_use: 'access', scope: HOSPITAL_SCOPE, version: 2 },
        opts,
      );
    },
    async signRegistrarToken(username, opts) {
      return sign(userClaims(username, REGISTRARS_GROUP), opts);
    },
    async signHeadOfOfficeToken(username, opts) {
      return sign(userClaims(username, HEAD_OF_OFFICE_GROUP), opts);
    },
    async verify(token) {
      // algorithms pins ES256: `alg: none` and HS256-with-the-public-key forgeries fail here.
      const { payload, protectedHeader } = await jwtVerify(token, publicKey, {
        issuer,
        algorithms: [ALG],
        requiredClaims: ['exp'],
      });
      // API Gateway requires a kid that names a key of the issuer, and an iat in the past.
      if (protectedHeader.kid !== kid) throw new TokenRejectedError('Unknown kid');
      if (typeof payload.iat === 'number' && payload.iat > Math.floor(Date.now() / 1000)) {
        throw new TokenRejectedError('iat is in the future');
      }
      return { ...payload };
    },
    jwks() {
      return { keys: [{ ...publicJwk, kid, alg: ALG, use: 'sig' }] };
    },
  };
}

function requireNonEmpty(value: string, name: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw new TypeError(`${name} must be a non-empty string`);
}

async function loadOrCreateKey(keyFile: string): Promise<z.infer<typeof PrivateJwkSchema>> {
  const existing = await readKey(keyFile);
  if (existing) return existing;

  await mkdir(dirname(keyFile), { recursive: true, mode: 0o700 });
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  const jwk = PrivateJwkSchema.parse(await exportJWK(privateKey));
  // Write aside, then link into place: link fails if the file exists, so two stacks starting
  // together end up with one key, and nobody ever reads a half-written file.
  const temp = `${keyFile}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temp, `${JSON.stringify(jwk)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await link(temp, keyFile);
    return jwk;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const winner = await readKey(keyFile);
    if (!winner) throw error;
    return winner;
  } finally {
    await unlink(temp);
  }
}

async function readKey(keyFile: string): Promise<z.infer<typeof PrivateJwkSchema> | undefined> {
  let text: string;
  try {
    text = await readFile(keyFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = PrivateJwkSchema.safeParse(safeJson(text));
  // Never replace an unreadable key silently: every token handed out so far would stop working.
  if (!parsed.success) throw new Error(`${keyFile} does not hold an ES256 (P-256) private JWK; move it away to create a new key`);
  // A private key readable by others is tightened rather than trusted as is.
  if (((await stat(keyFile)).mode & 0o077) !== 0) await chmod(keyFile, 0o600);
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** RFC 4122 name-based UUID (SHA-1, version 5). */
function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replaceAll('-', ''), 'hex')).update(name, 'utf8').digest();
  hash.writeUInt8((hash.readUInt8(6) & 0x0f) | 0x50, 6);
  hash.writeUInt8((hash.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
