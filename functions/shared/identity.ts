import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { ForbiddenError, UnauthorizedError } from './errors.js';
import { FACILITY_CLAIM, HOSPITAL_SCOPE, REGISTRARS_GROUP } from '../../api/identity-claims.js';

/**
 * Who is calling, read from the claims the JWT authorizer verified (the Cognito authorizer in AWS,
 * the local issuer in the local stack: same claims, same code).
 * Hospitals use the client-credentials grant, one app client per facility: the facility is the
 * token's `client_id`. Registrars are users in the `registrars` group.
 */
export type Caller =
  | { readonly kind: 'hospital'; readonly facilityId: string }
  | { readonly kind: 'registrar'; readonly username: string };

export type Role = Caller['kind'];

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
  if (claimList(claims['cognito:groups']).includes(REGISTRARS_GROUP)) {
    const username = claims['username'] ?? claims['cognito:username'] ?? claims['sub'];
    if (typeof username === 'string' && username) return { kind: 'registrar', username };
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
