import { ACCESS_CODE_LIMITS, accessCodeMatches, hashAccessCode } from '../../domain/access-code.js';
import { audit, registrationAuditPartition, type AuditEvent } from './audit.js';
import { ForbiddenError, NotFoundError, TooManyRequestsError, UnauthorizedError } from './errors.js';
import type { HttpEvent } from './http.js';
import { callerFromClaims, callerOf, type Caller } from './identity.js';
import { registrationKey } from './keys.js';
import { logger } from './logger.js';
import { assertBelowLimit, countAgainst, counterKey } from './rate-limit.js';
import type { Registration } from './registration.js';
import { verifyBearerToken } from './token-verifier.js';
import { batchGetItems, type ItemKey } from './batch-get.js';

/**
 * Who may open one registration: the hospital that submitted it, any registrar, and the parents with
 * the access code the hospital handed them (header `X-Access-Code`). A code opens only the
 * registration it was derived for; it is compared by hash in constant time. Wrong codes are counted
 * per registration and per source address; past the limit every attempt is refused for the rest of
 * the window (429), right code included, and each wrong code is audited on the case.
 */
export type RegistrationCaller = Caller | { readonly kind: 'parent' };

const ACCESS_CODE_HEADER = 'x-access-code';
/** Any well-formed hash: compared against when the registration does not exist, so timing says nothing. */
const ABSENT_HASH = hashAccessCode('0000-0000-0000');

function bearerOf(event: HttpEvent): string | undefined {
  const header = event.headers?.['authorization'];
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

export async function resolveCaller(event: HttpEvent): Promise<RegistrationCaller | 'access-code' | undefined> {
  // A jwt route: the gateway verified the token.
  if (event.requestContext?.authorizer?.jwt?.claims) return callerOf(event);
  const token = bearerOf(event);
  if (token) {
    const caller = callerFromClaims(await verifyBearerToken(token));
    if (!caller) throw new ForbiddenError();
    return caller;
  }
  if (event.headers?.[ACCESS_CODE_HEADER]) return 'access-code';
  return undefined;
}

/**
 * Loads the registration for `caller`, or throws 401/403/404/429. Hospitals see only their own
 * (another hospital's is 404, as if it did not exist); parents only the one their code opens.
 */
export async function openRegistration(
  tableName: string,
  event: HttpEvent,
  registrationId: string,
  roles: readonly RegistrationCaller['kind'][] = ['hospital', 'registrar', 'parent'],
): Promise<{ caller: RegistrationCaller; registration: Registration }> {
  const resolved = await resolveCaller(event);
  if (resolved === undefined) throw new UnauthorizedError();
  if (resolved === 'access-code') {
    if (!roles.includes('parent')) throw new ForbiddenError();
    return { caller: { kind: 'parent' }, registration: await openWithAccessCode(tableName, event, registrationId) };
  }
  if (!roles.includes(resolved.kind)) throw new ForbiddenError();
  const registration = await readRegistration(tableName, registrationId);
  if (!registration || (resolved.kind === 'hospital' && registration.facilityId !== resolved.facilityId)) {
    throw new NotFoundError('No such registration');
  }
  return { caller: resolved, registration };
}

async function readRegistration(tableName: string, registrationId: string): Promise<Registration | undefined> {
  const [registration] = await batchGet(tableName, [registrationKey(registrationId)]);
  return registration as Registration | undefined;
}

const batchGet = (tableName: string, keys: readonly ItemKey[]) => batchGetItems(tableName, keys, { consistentRead: true });

async function openWithAccessCode(tableName: string, event: HttpEvent, registrationId: string): Promise<Registration> {
  const code = event.headers?.[ACCESS_CODE_HEADER] ?? '';
  const sourceIp = event.requestContext?.http?.sourceIp ?? 'unknown';
  const now = Date.now();
  const { perRegistration, perSource } = ACCESS_CODE_LIMITS;
  // One read: the registration and both failure counters of the current windows.
  const [registration, registrationFailures, sourceFailures] = await batchGet(tableName, [
    registrationKey(registrationId),
    counterKey(perRegistration, registrationId, now),
    counterKey(perSource, sourceIp, now),
  ]);
  assertBelowLimit(perRegistration, registrationFailures, now);
  assertBelowLimit(perSource, sourceFailures, now);
  const stored = registration as Registration | undefined;
  const matches = accessCodeMatches(code, stored?.accessCodeHash ?? ABSENT_HASH) && stored !== undefined;
  if (matches) return stored;

  logger.warn('Access code rejected', { registrationId });
  await Promise.all([
    audit(tableName, registrationAuditPartition(registrationId), {
      action: 'ACCESS_CODE_REJECTED',
      actor: { kind: 'parent' },
      sourceIp,
      outcome: 'DENIED',
    }),
    // Counting may itself cross the limit: the answer is still 401 for this attempt.
    countAgainst(tableName, perRegistration, registrationId, now).catch(ignoreLimit),
    countAgainst(tableName, perSource, sourceIp, now).catch(ignoreLimit),
  ]);
  throw new UnauthorizedError();
}

function ignoreLimit(error: unknown): void {
  if (!(error instanceof TooManyRequestsError)) throw error;
}

/** The audit trail's actor for a caller: the facility or registrar by id, parents without one. */
export function auditActor(caller: RegistrationCaller): AuditEvent['actor'] {
  if (caller.kind === 'hospital') return { kind: 'hospital', id: caller.facilityId };
  if (caller.kind === 'registrar') return { kind: 'registrar', id: caller.username };
  return { kind: 'parent' };
}
