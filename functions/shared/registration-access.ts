import { ACCESS_CODE_LIMITS, accessCodeMatches, hashAccessCode, sourceNetwork } from '../../domain/access-code.js';
import { audit, officerActor, registrationAuditPartition, type AuditEvent } from './audit.js';
import { ForbiddenError, NotFoundError, UnauthorizedError } from './errors.js';
import type { HttpEvent } from './http.js';
import { callerFromClaims, callerOf, type Caller } from './identity.js';
import { registrationKey } from './keys.js';
import { logger } from './logger.js';
import { countEvent } from './metrics.js';
import { LimitReached, reserve } from './rate-limit.js';
import type { Registration } from './registration.js';
import { verifyBearerToken } from './token-verifier.js';
import { batchGetItems, type ItemKey } from './batch-get.js';

/**
 * Who may open one registration: the hospital that submitted it, any registrar, and the parents with
 * the access code the hospital handed them (header `X-Access-Code`). A code opens only the
 * registration it was derived for; it is compared by hash in constant time. Every attempt is counted
 * per registration and per source network before the comparison, and given back if the code was
 * right (ACCESS_CODE_LIMITS); past a limit every attempt is refused until its window ends (429),
 * right code included. Each wrong code for an existing registration is audited on the case; a code
 * for a registration that does not exist writes nothing.
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
    throw new NotFoundError('REGISTRATION_NOT_FOUND');
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
  const { perRegistration, perNetwork } = ACCESS_CODE_LIMITS;
  const registration = await readRegistration(tableName, registrationId);
  if (!registration) {
    // A made-up id: nothing to guess and nothing to protect, so nothing is written (no audit item,
    // no counter); compared all the same so the answer takes as long.
    accessCodeMatches(code, ABSENT_HASH);
    throw new UnauthorizedError();
  }
  // Count first, atomically, then compare: concurrent guesses cannot all pass a check made before
  // any of them was counted. The network is counted only for attempts the registration admits.
  const forRegistration = await reserve(tableName, perRegistration, registrationId, now).catch(lockedOut('registration', registrationId));
  const network = sourceNetwork(sourceIp);
  const forNetwork = await reserve(tableName, perNetwork, network, now).catch(async (error: unknown) => {
    await forRegistration.release();
    return lockedOut('network', registrationId)(error);
  });
  if (accessCodeMatches(code, registration.accessCodeHash ?? ABSENT_HASH)) {
    // Right codes never use up a limit.
    await Promise.all([forRegistration.release(), forNetwork.release()]);
    return registration;
  }
  logger.warn('Access code rejected', { registrationId });
  await audit(tableName, registrationAuditPartition(registrationId), {
    action: 'ACCESS_CODE_REJECTED',
    actor: { kind: 'parent' },
    sourceIp,
    outcome: 'DENIED',
  });
  throw new UnauthorizedError();
}

/** Rethrows a refusal; the first refusal of a window (a lockout begins) is logged and counted (metric AccessCodeLockouts, alarmed). */
function lockedOut(limit: 'registration' | 'network', registrationId: string) {
  return (error: unknown): never => {
    if (error instanceof LimitReached && error.firstRefusal) {
      logger.warn('Access code lockout', { limit, registrationId });
      countEvent('AccessCodeLockouts');
    }
    throw error;
  };
}

/** The audit trail's actor for a caller: the facility or registrar by id, parents without one. */
export function auditActor(caller: RegistrationCaller): AuditEvent['actor'] {
  if (caller.kind === 'hospital') return { kind: 'hospital', id: caller.facilityId };
  if (caller.kind === 'registrar') return officerActor(caller);
  return { kind: 'parent' };
}
