import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_CLOCK_SKEW_SECONDS, verifyBearerToken } from '../../functions/shared/token-verifier.js';

/**
 * The handlers' own Bearer check against tokens shaped as Cognito issues them: RS256, a `kid` in the
 * user pool's JWKS, `token_use: access` and `client_id` (the local issuer signs ES256, so this is
 * the path only AWS would otherwise exercise).
 */
const ISSUER = 'https://cognito-idp.ap-southeast-3.amazonaws.com/ap-southeast-3_Example';
const CLIENT_ID = 'hospital-client-1';
let server: Server;
let privateKey: CryptoKey;
let otherKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'cognito-key-1', alg: 'RS256', use: 'sig' };
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  vi.stubEnv('JWT_ISSUER', ISSUER);
  vi.stubEnv('JWT_JWKS_URL', `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`);
  vi.stubEnv('JWT_CLIENT_IDS', `${CLIENT_ID},hospital-client-2`);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await new Promise((resolve) => server.close(resolve));
});

const cognitoToken = (claims: Record<string, unknown> = {}, options: { key?: CryptoKey; expires?: string; issuer?: string; issuedAt?: string | null } = {}) => {
  const jwt = new SignJWT({ token_use: 'access', client_id: CLIENT_ID, scope: 'lahir/births.write', ...claims })
    .setProtectedHeader({ alg: 'RS256', kid: 'cognito-key-1' })
    .setIssuer(options.issuer ?? ISSUER)
    .setSubject(CLIENT_ID)
    .setExpirationTime(options.expires ?? '5m');
  if (options.issuedAt !== null) jwt.setIssuedAt(options.issuedAt ?? undefined);
  return jwt.sign(options.key ?? privateKey);
};

describe('Bearer tokens as Cognito issues them (RS256)', () => {
  it('accepts an access token of a known app client and answers its claims', async () => {
    await expect(verifyBearerToken(await cognitoToken())).resolves.toMatchObject({ client_id: CLIENT_ID, scope: 'lahir/births.write', iss: ISSUER });
  });

  it('accepts an iat a few seconds ahead (clocks differ a little)', async () => {
    await expect(verifyBearerToken(await cognitoToken({}, { issuedAt: '10s' }))).resolves.toMatchObject({ client_id: CLIENT_ID });
  });

  it.each([
    ['an ID token', () => cognitoToken({ token_use: 'id' })],
    ['an unknown app client', () => cognitoToken({ client_id: 'someone-else' })],
    ['an expired token', () => cognitoToken({}, { expires: '-1m' })],
    ['a token signed by another key under the same kid', () => cognitoToken({}, { key: otherKey })],
    ['another issuer', () => cognitoToken({}, { issuer: 'https://cognito-idp.ap-southeast-3.amazonaws.com/ap-southeast-3_Other' })],
    // A token "issued" in the future (a skewed or forged issuer clock) is refused, as the gateway refuses it.
    ['an iat an hour in the future', () => cognitoToken({}, { issuedAt: '1h', expires: '2h' })],
    ['an iat beyond the clock skew', () => cognitoToken({}, { issuedAt: `${MAX_CLOCK_SKEW_SECONDS + 30}s` })],
    ['a token without iat', () => cognitoToken({}, { issuedAt: null })],
  ])('refuses %s with 401', async (_, token) => {
    await expect(verifyBearerToken(await token())).rejects.toMatchObject({ name: 'UnauthorizedError', statusCode: 401 });
  });
});
