import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, UnsecuredJWT, createLocalJWKSet, decodeJwt, decodeProtectedHeader, exportSPKI, importJWK, jwtVerify } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { HEAD_OF_OFFICE_GROUP, HOSPITAL_SCOPE, REGISTRARS_GROUP } from '../../api/identity-claims.js';
import { createLocalIssuer, type LocalIssuer } from '../../local/auth/issuer.js';

const ISSUER = 'http://127.0.0.1/local-issuer';
const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const tempDir = () => mkdtempSync(join(tmpdir(), 'lahir-auth-'));

let dir: string;
let keyFile: string;
let issuer: LocalIssuer;

beforeAll(async () => {
  dir = tempDir();
  keyFile = join(dir, 'nested', 'keys', 'jwt-signing-key.json');
  issuer = await createLocalIssuer({ keyFile, issuer: ISSUER });
});

/** The issuer's own private key, to forge tokens that are well signed but wrong in another way. */
async function privateKey(): Promise<CryptoKey> {
  return (await importJWK(JSON.parse(readFileSync(keyFile, 'utf8')) as JWK, 'ES256')) as CryptoKey;
}

const kid = () => issuer.jwks().keys[0]?.kid ?? '';
const now = () => Math.floor(Date.now() / 1000);

describe('local issuer: key file', () => {
  it('creates the key file with its folders, readable by the owner only', () => {
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const jwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(typeof jwk.d).toBe('string');
  });

  it('reuses the key on restart, so tokens handed out stay valid', async () => {
    const token = await issuer.signHospitalToken('rsud-blambangan');
    const restarted = await createLocalIssuer({ keyFile, issuer: ISSUER });
    expect(restarted.jwks()).toEqual(issuer.jwks());
    await expect(restarted.verify(token)).resolves.toMatchObject({ sub: 'rsud-blambangan' });
  });

  it('ends up with one key when two issuers create the file at the same time', async () => {
    const shared = join(tempDir(), 'key.json');
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => createLocalIssuer({ keyFile: shared, issuer: ISSUER })));
    expect(b?.jwks()).toEqual(a?.jwks());
    expect(c?.jwks()).toEqual(a?.jwks());
  });

  it('refuses a key file it cannot read instead of replacing it', async () => {
    const broken = join(tempDir(), 'key.json');
    writeFileSync(broken, '{"kty":"oct","k":"abc"}');
    await expect(createLocalIssuer({ keyFile: broken, issuer: ISSUER })).rejects.toThrow(/ES256/);
    expect(readFileSync(broken, 'utf8')).toBe('{"kty":"oct","k":"abc"}');
  });

  it('tightens an existing key file that others could read', async () => {
    const loose = join(tempDir(), 'key.json');
    await createLocalIssuer({ keyFile: loose, issuer: ISSUER });
    chmodSync(loose, 0o644);
    await createLocalIssuer({ keyFile: loose, issuer: ISSUER });
    expect(statSync(loose).mode & 0o777).toBe(0o600);
  });
});

describe('local issuer: tokens', () => {
  it('signs a hospital token like a Cognito client-credentials access token', async () => {
    const token = await issuer.signHospitalToken('rsud-blambangan');
    expect(decodeProtectedHeader(token)).toEqual({ kid: kid(), alg: 'ES256' });
    const claims = await issuer.verify(token);
    expect(claims).toEqual({
      iss: ISSUER,
      sub: 'rsud-blambangan',
      client_id: 'rsud-blambangan',
      token_use: 'access',
      scope: HOSPITAL_SCOPE,
      version: 2,
      iat: expect.any(Number),
      exp: expect.any(Number),
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(Number(claims['exp']) - Number(claims['iat'])).toBe(12 * 60 * 60);
  });

  it('signs a registrar token like a Cognito user access token, with a stable uuid sub', async () => {
    const claims = await issuer.verify(await issuer.signRegistrarToken('registrar.demo'));
    expect(claims).toEqual({
      iss: ISSUER,
      sub: expect.stringMatching(UUID_V5),
      username: 'registrar.demo',
      'cognito:groups': [REGISTRARS_GROUP],
      client_id: 'local-console',
      token_use: 'access',
      scope: 'openid',
      iat: expect.any(Number),
      exp: expect.any(Number),
      jti: expect.any(String),
    });
    const again = await issuer.verify(await issuer.signRegistrarToken('registrar.demo'));
    const other = await issuer.verify(await issuer.signRegistrarToken('registrar.lain'));
    expect(again['sub']).toBe(claims['sub']);
    expect(again['jti']).not.toBe(claims['jti']);
    expect(other['sub']).not.toBe(claims['sub']);
  });

  it('signs a head of office token as a user of the head-of-office group, with the same kind of sub', async () => {
    const claims = await issuer.verify(await issuer.signHeadOfOfficeToken('kepala.dinas'));
    expect(claims).toMatchObject({ username: 'kepala.dinas', 'cognito:groups': [HEAD_OF_OFFICE_GROUP], client_id: 'local-console', token_use: 'access' });
    expect(claims['sub']).toMatch(UUID_V5);
    await expect(issuer.signHeadOfOfficeToken('')).rejects.toThrow(TypeError);
  });

  it('honours expiresInSeconds', async () => {
    const claims = decodeJwt(await issuer.signHospitalToken('rs-al-huda', { expiresInSeconds: 300 }));
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(300);
  });

  it('refuses to sign for an empty subject', async () => {
    await expect(issuer.signHospitalToken('')).rejects.toThrow(TypeError);
    await expect(issuer.signRegistrarToken('  ')).rejects.toThrow(TypeError);
  });

  it('publishes a public key set that verifies its tokens', async () => {
    const jwks = issuer.jwks();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: expect.any(String) });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const { payload } = await jwtVerify(await issuer.signRegistrarToken('registrar.demo'), createLocalJWKSet(jwks), { issuer: ISSUER });
    expect(payload['username']).toBe('registrar.demo');
  });
});

describe('local issuer: verify rejects', () => {
  it('an expired token', async () => {
    const expired = await issuer.signHospitalToken('rsud-blambangan', { expiresInSeconds: -60 });
    await expect(issuer.verify(expired)).rejects.toThrow(/exp/);
  });

  it('a token from another issuer name, even with the same key', async () => {
    const impostor = await createLocalIssuer({ keyFile, issuer: 'https://cognito-idp.ap-southeast-3.amazonaws.com/other' });
    await expect(issuer.verify(await impostor.signHospitalToken('rsud-blambangan'))).rejects.toThrow(/iss/);
  });

  it('a token signed by another key', async () => {
    const stranger = await createLocalIssuer({ keyFile: join(tempDir(), 'key.json'), issuer: ISSUER });
    await expect(issuer.verify(await stranger.signHospitalToken('rsud-blambangan'))).rejects.toThrow();
  });

  it('a tampered signature', async () => {
    const [header, payload, signature = ''] = (await issuer.signHospitalToken('rsud-blambangan')).split('.');
    const bytes = Buffer.from(signature, 'base64url');
    bytes.writeUInt8(bytes.readUInt8(10) ^ 0xff, 10);
    await expect(issuer.verify(`${header}.${payload}.${bytes.toString('base64url')}`)).rejects.toThrow(/signature/);
  });

  it('a tampered payload with the original signature', async () => {
    const [header, , signature] = (await issuer.signHospitalToken('rsud-blambangan')).split('.');
    const forged = Buffer.from(
      JSON.stringify({ iss: ISSUER, sub: 'x', client_id: 'rsud-blambangan', scope: HOSPITAL_SCOPE, exp: now() + 3600 }),
    ).toString('base64url');
    await expect(issuer.verify(`${header}.${forged}.${signature}`)).rejects.toThrow(/signature/);
  });

  it('an unsigned alg:none token', async () => {
    const unsigned = new UnsecuredJWT({ sub: 'rsud-blambangan', client_id: 'rsud-blambangan', scope: HOSPITAL_SCOPE })
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime('1h')
      .encode();
    expect(decodeProtectedHeader(unsigned).alg).toBe('none');
    await expect(issuer.verify(unsigned)).rejects.toThrow();
  });

  it('an HS256 token whose secret is the public key (JWK and PEM bytes)', async () => {
    const publicJwk = issuer.jwks().keys[0] as JWK;
    const pem = await exportSPKI((await importJWK(publicJwk, 'ES256')) as CryptoKey);
    for (const secret of [JSON.stringify(publicJwk), pem]) {
      const forged = await new SignJWT({ sub: 'rsud-blambangan', client_id: 'rsud-blambangan', scope: HOSPITAL_SCOPE })
        .setProtectedHeader({ alg: 'HS256', kid: kid() })
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(secret));
      await expect(issuer.verify(forged)).rejects.toThrow(/alg/);
    }
  });

  it('a well-signed token without exp', async () => {
    const forever = await new SignJWT({ sub: 'rsud-blambangan' })
      .setProtectedHeader({ alg: 'ES256', kid: kid() })
      .setIssuer(ISSUER)
      .setIssuedAt()
      .sign(await privateKey());
    await expect(issuer.verify(forever)).rejects.toThrow(/exp/);
  });

  it('a well-signed token with an unknown kid, or issued in the future', async () => {
    const sign = (kidValue: string, iat: number) =>
      privateKey().then((key) =>
        new SignJWT({ sub: 'rsud-blambangan' }).setProtectedHeader({ alg: 'ES256', kid: kidValue }).setIssuer(ISSUER).setIssuedAt(iat).setExpirationTime(now() + 3600).sign(key),
      );
    await expect(issuer.verify(await sign('other-kid', now()))).rejects.toThrow(/kid/);
    await expect(issuer.verify(await sign(kid(), now() + 600))).rejects.toThrow(/iat/);
    await expect(issuer.verify(await sign(kid(), now()))).resolves.toMatchObject({ sub: 'rsud-blambangan' });
  });

  it('garbage', async () => {
    for (const token of ['', 'not-a-jwt', 'a.b.c', `${'x'.repeat(20)}.${'y'.repeat(20)}`]) {
      await expect(issuer.verify(token)).rejects.toThrow();
    }
  });
});
