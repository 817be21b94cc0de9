import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { ForbiddenError, UnauthorizedError } from './errors.js';
import { FACILITY_CLAIM, HEAD_OF_OFFICE_GROUP, HOSPITAL_SCOPE, REGISTRARS_GROUP } from '../../api/identity-claims.js';

/**
 * Who is calling, read from the claims the JWT authorizer verified (the Cognito authorizer in AWS,
 * the local issuer in the local stack: same claims, same code).
 * Hospitals use the client-credentials grant, one app client per facility: the facility is the
 * token's `client_id`. Registrars are users in the `registrars` group.
 *
 * A head of office (group `head-of-office`) is a registrar with `headOfOffice: true`, not a kind of
 * its own: every route open to registrars (`httpHandler(['registrar'], ...)`) is open to heads without
 * naming them, and the few decisions only a head takes check the flag (`requireHeadOfOffice`).
 */
export type Caller =
  | { readonly kind: 'hospital'; readonly facilityId: string }
  | { readonly kind: 'registrar'; readonly username: string; readonly headOfOffice: boolean };

export type Role = Caller['kind'];
export type Officer = Extract<Caller, { kind: 'registrar' }>;
export type HeadOfOffice = Officer & { readonly headOfOffice: true };

/** API Gateway passes array claims as "[a b]" strings; the local adapter does the same. Accept both. */
function claimList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  return value.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter(Boolean);
}

export function callerOf(event: APIGatewayProxyEventV2WithJWTAuthorizer): Caller | undefined {
  const claims = event.requestContext?.authorizer?.jwt?.claims;
  if (!claims) return undefined;
  return callerFromClaims(claims, event.requestContext.authorizer.jwt.scopes ?? undefined);
}

/** The role a verified token's claims grant (from the gateway's authorizer or functions/shared/token-verifier.ts). */
export function callerFromClaims(claims: Record<string, unknown>, scopes?: readonly string[]): Caller | undefined {
  const groups = claimList(claims['cognito:groups']);
  const headOfOffice = groups.includes(HEAD_OF_OFFICE_GROUP);
  if (headOfOffice || groups.includes(REGISTRARS_GROUP)) {
    const username = claims['username'] ?? claims['cognito:username'] ?? claims['sub'];
    if (typeof username === 'string' && username) return { kind: 'registrar', username, headOfOffice };
  }
  const granted = scopes ?? claimList(claims['scope']);
  // Staff signed in to the console carry their facility in a claim; a hospital's system is its client.
  const facilityId = claims[FACILITY_CLAIM] ?? claims['client_id'];
  if (granted.includes(HOSPITAL_SCOPE) && typeof facilityId === 'string' && facilityId) {
    return { kind: 'hospital', facilityId };
  }
  return undefined;
}

export function requireCaller(event: APIGatewayProxyEventV2WithJWTAuthorizer, roles: readonly Role[]): Caller {
  if (!event.requestContext?.authorizer?.jwt?.claims) throw new UnauthorizedError();
  const caller = callerOf(event);
  if (!caller || !roles.includes(caller.kind)) throw new ForbiddenError();
  return caller;
}

/** The 403 a plain registrar gets, by what only a head may decide (api/messages.ts). */
export type HeadOfOfficeOnly = 'HEAD_OF_OFFICE_ONLY' | 'HEAD_OF_OFFICE_ONLY_LATE' | 'HEAD_OF_OFFICE_ONLY_AMENDMENT';

export const isHeadOfOffice = (caller: { readonly kind: string; readonly headOfOffice?: boolean }): caller is HeadOfOffice =>
  caller.kind === 'registrar' && caller.headOfOffice === true;

/**
 * 403 unless the caller is a head of office. `what` names the decision in the message
 * ("a late registration"), so a registrar learns why and whom to ask.
 */
export function requireHeadOfOffice(
  caller: { readonly kind: string; readonly headOfOffice?: boolean },
  what: HeadOfOfficeOnly = 'HEAD_OF_OFFICE_ONLY',
): asserts caller is HeadOfOffice {
  if (!isHeadOfOffice(caller)) {
    throw new ForbiddenError(what);
  }
}

/**
 * Four-eyes: whoever requested a decision (an amendment) may not take it, head of office or not.
 * `requestedBy` is the requester's username as stored with the request.
 */
export function requireFourEyes(caller: Officer, requestedBy: string | undefined): void {
  if (requestedBy !== undefined && caller.username === requestedBy) {
    throw new ForbiddenError('FOUR_EYES');
  }
}
