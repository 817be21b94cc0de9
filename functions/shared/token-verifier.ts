import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import * as z from 'zod';
import { UnauthorizedError } from './errors.js';

/**
 * Verifies a Bearer token in the handler, for routes the gateway lets through unauthenticated because
 * parents (who have no token) use them too. The checks are the gateway's: signature against the
 * issuer's published keys (Cognito's JWKS in AWS, the local issuer's locally), issuer, expiry, an
 * iat not in the future (beyond MAX_CLOCK_SKEW_SECONDS), an access token, and a client id the deployment knows. Asymmetric algorithms only: `alg: none` and
 * HS256-with-the-public-key forgeries fail.
 */
const VerifierConfigSchema = z.object({
  JWT_ISSUER: z.url(),
  /** Default: `${JWT_ISSUER}/.well-known/jwks.json` (where Cognito publishes its keys). */
  JWT_JWKS_URL: z.url().optional(),
  /** Comma-separated app client ids (Cognito access tokens carry client_id, not aud). Empty: any. */
  JWT_CLIENT_IDS: z.string().optional(),
});

/**
 * How far ahead of this clock a token's `iat` may be: clocks differ a little, a token "issued" later
 * than that is refused (API Gateway's JWT authorizer refuses any future iat). A token must carry an iat.
 */
export const MAX_CLOCK_SKEW_SECONDS = 60;

let verifier: { readonly configKey: string; readonly verify: (token: string) => Promise<JWTPayload> } | undefined;

/**
 * Built on first use (the local stack learns its JWKS URL only once its HTTP server listens) and
 * rebuilt only if the configuration changes (a local stack restarted on another port).
 */
function getVerifier(): (token: string) => Promise<JWTPayload> {
  const config = VerifierConfigSchema.parse(process.env);
  const configKey = JSON.stringify(config);
  if (verifier?.configKey === configKey) return verifier.verify;
  const jwks = createRemoteJWKSet(new URL(config.JWT_JWKS_URL ?? `${config.JWT_ISSUER}/.well-known/jwks.json`), {
    cooldownDuration: 30_000,
    cacheMaxAge: 3_600_000,
  });
  const clientIds = new Set((config.JWT_CLIENT_IDS ?? '').split(',').filter(Boolean));
  const verify = async (token: string) => {
    const { payload } = await jwtVerify(token, jwks, { issuer: config.JWT_ISSUER, algorithms: ['RS256', 'ES256'], requiredClaims: ['exp', 'iat'] });
    if (typeof payload.iat !== 'number' || payload.iat > Date.now() / 1000 + MAX_CLOCK_SKEW_SECONDS) throw new Error('issued in the future');
    if (payload['token_use'] !== 'access') throw new Error('not an access token');
    const clientId = payload['client_id'];
    if (clientIds.size > 0 && (typeof clientId !== 'string' || !clientIds.has(clientId))) throw new Error('unknown client');
    return payload;
  };
  verifier = { configKey, verify };
  return verify;
}

/** The verified claims of `Authorization: Bearer <token>`; 401 for anything wrong (reason not echoed). */
export async function verifyBearerToken(token: string): Promise<Record<string, unknown>> {
  const verify = getVerifier(); // a configuration error is a 500, not a 401
  try {
    return await verify(token);
  } catch {
    throw new UnauthorizedError();
  }
}
