import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { HOSPITAL_SCOPE } from '../../api/identity-claims.js';
import { createLocalIssuer, type LocalIssuer } from '../../local/auth/issuer.js';
import { MAX_BODY_BYTES, startHttpApi, type HttpApi, type LambdaRoute } from '../../local/http/server.js';

/**
 * The local HTTP API against real handlers-shaped functions: what reaches the Lambda, what the
 * client gets back, and what the gateway refuses before any handler runs.
 */
type AnyEvent = APIGatewayProxyEventV2 | APIGatewayProxyEventV2WithJWTAuthorizer;
interface Invocation {
  readonly event: AnyEvent;
  readonly context: Context;
  readonly remainingMs: number;
}

let issuer: LocalIssuer;
let api: HttpApi;
let hospital: string;
let registrar: string;
const invocations = new Map<string, Invocation[]>();
const logged: Record<string, unknown>[] = [];
let nextResult: unknown;

/** A handler that records what it was given and returns `nextResult`. */
function recorder(name: string) {
  return async (event: AnyEvent, context: Context): Promise<unknown> => {
    const list = invocations.get(name) ?? [];
    list.push({ event, context, remainingMs: context.getRemainingTimeInMillis() });
    invocations.set(name, list);
    return nextResult;
  };
}
const calls = (name: string) => invocations.get(name) ?? [];
const lastEvent = (name: string) => calls(name).at(-1)?.event as APIGatewayProxyEventV2WithJWTAuthorizer;

const routes: LambdaRoute[] = [
  { method: 'POST', path: '/v1/births', handler: recorder('submit'), functionName: 'SubmitBirth' },
  { method: 'GET', path: '/v1/births/{registrationId}', handler: recorder('get') },
  { method: 'GET', path: '/v1/births/summary', handler: recorder('summary') },
  { method: 'GET', path: '/files/{path+}', handler: recorder('files'), public: true },
  { method: 'GET', path: '/public', handler: recorder('public'), public: true },
  { method: 'GET', path: '/hospital-only', handler: recorder('scoped'), authorizationScopes: [HOSPITAL_SCOPE] },
  {
    method: 'POST',
    path: '/boom',
    handler: async (event) => {
      throw new Error(`handler failed while reading ${event.body?.length ?? 0} bytes`, { cause: new Error('table unavailable') });
    },
  },
  {
    method: 'GET',
    path: '/slow',
    timeoutMs: 100,
    handler: () => new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200 }), 1_000)),
  },
];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lahir-http-'));
  issuer = await createLocalIssuer({ keyFile: join(dir, 'key.json'), issuer: 'http://127.0.0.1/local-issuer' });
  hospital = await issuer.signHospitalToken('rsud-blambangan');
  registrar = await issuer.signRegistrarToken('registrar.demo');
  api = await startHttpApi({
    port: 0,
    routes,
    verify: (token) => issuer.verify(token),
    log: (entry) => logged.push({ ...entry }),
    extraRoutes: [
      {
        method: 'GET',
        path: '/.well-known/jwks.json',
        handler: (_req, res) => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(issuer.jwks()));
        },
      },
    ],
  });
});

afterAll(async () => {
  await api?.close();
});

beforeEach(() => {
  invocations.clear();
  logged.length = 0;
  nextResult = { ok: true };
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('routing', () => {
  it('binds to 127.0.0.1 on a free port', () => {
    expect(api.url).toBe(`http://127.0.0.1:${api.port}`);
    expect(api.port).toBeGreaterThan(0);
  });

  it('answers unknown routes and known paths with another method 404, without calling anything', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['GET', '/v1/births'],
      ['DELETE', '/v1/births/abc'],
      ['GET', '/v1/births/abc/extra'],
      ['GET', '/v1/births/'],
    ] as const) {
      const response = await fetch(`${api.url}${path}`, { method, headers: bearer(hospital) });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await response.json()).toEqual({ message: 'Not Found' });
    }
    expect(invocations.size).toBe(0);
  });

  it('prefers a literal segment over a parameter, and decodes path parameters', async () => {
    await fetch(`${api.url}/v1/births/summary`, { headers: bearer(hospital) });
    expect(calls('summary')).toHaveLength(1);
    expect(calls('get')).toHaveLength(0);

    await fetch(`${api.url}/v1/births/LHR%2F2026%20x`, { headers: bearer(hospital) });
    expect(lastEvent('get').pathParameters).toEqual({ registrationId: 'LHR/2026 x' });
    expect(lastEvent('get').rawPath).toBe('/v1/births/LHR%2F2026%20x');

    await fetch(`${api.url}/files/a/b%20c/d.pdf`);
    expect(lastEvent('files').pathParameters).toEqual({ path: 'a/b c/d.pdf' });
  });

  it('answers a malformed escape in a path parameter 400', async () => {
    const response = await fetch(`${api.url}/v1/births/%E0%A4%A`, { headers: bearer(hospital) });
    expect(response.status).toBe(400);
    expect(calls('get')).toHaveLength(0);
  });

  it('serves extra routes as plain node handlers', async () => {
    const response = await fetch(`${api.url}/.well-known/jwks.json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(issuer.jwks());
  });

  it('refuses route tables API Gateway would refuse', async () => {
    const handler = recorder('unused');
    await expect(
      startHttpApi({ port: 0, verify: issuer.verify, routes: [{ method: 'GET', path: '/a/{x}', handler }, { method: 'GET', path: '/a/{y}', handler }] }),
    ).rejects.toThrow(/clashes/);
    await expect(startHttpApi({ port: 0, verify: issuer.verify, routes: [{ method: 'GET', path: '/{p+}/a', handler }] })).rejects.toThrow(/last segment/);
  });
});

describe('JWT authorizer', () => {
  it('answers 401 and never calls the handler without a valid token', async () => {
    const expired = await issuer.signHospitalToken('rsud-blambangan', { expiresInSeconds: -60 });
    const other = await createLocalIssuer({ keyFile: join(mkdtempSync(join(tmpdir(), 'lahir-http-')), 'k.json'), issuer: 'http://127.0.0.1/local-issuer' });
    const foreign = await other.signHospitalToken('rsud-blambangan');
    const wrongIssuer = await (await createLocalIssuer({ keyFile: join(mkdtempSync(join(tmpdir(), 'lahir-http-')), 'k.json'), issuer: 'http://elsewhere' })).signHospitalToken('x');
    const [h, p] = hospital.split('.');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${p}.`;
    const headerVariants: Record<string, string>[] = [
      {},
      { authorization: '' },
      { authorization: 'Bearer' },
      { authorization: 'Bearer ' },
      { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
      { authorization: 'Bearer not-a-jwt' },
      { authorization: `Bearer ${hospital} extra` },
      bearer(expired),
      bearer(foreign),
      bearer(wrongIssuer),
      bearer(none),
      bearer(`${h}.${p}.${'A'.repeat(86)}`),
    ];
    for (const headers of headerVariants) {
      const response = await fetch(`${api.url}/v1/births`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: '{"child":{"name":"Siti"}}',
      });
      expect(response.status, JSON.stringify(headers).slice(0, 60)).toBe(401);
      expect(await response.json()).toEqual({ message: 'Unauthorized' });
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect(calls('submit')).toHaveLength(0);
  });

  it('accepts "Bearer <jwt>" in any case, and the bare token as API Gateway does', async () => {
    for (const authorization of [`Bearer ${hospital}`, `bearer ${hospital}`, hospital]) {
      const response = await fetch(`${api.url}/v1/births/abc`, { headers: { authorization } });
      expect(response.status).toBe(200);
    }
    expect(calls('get')).toHaveLength(3);
  });

  it('passes claims as API Gateway does: every value a string, arrays bracketed', async () => {
    await fetch(`${api.url}/v1/births/abc`, { headers: bearer(registrar) });
    const { claims, scopes } = lastEvent('get').requestContext.authorizer.jwt;
    const raw = await issuer.verify(registrar);
    expect(claims).toEqual({
      iss: 'http://127.0.0.1/local-issuer',
      sub: raw['sub'],
      username: 'registrar.demo',
      'cognito:groups': '[registrars]',
      client_id: 'local-console',
      token_use: 'access',
      scope: 'openid',
      iat: String(raw['iat']),
      exp: String(raw['exp']),
      jti: raw['jti'],
    });
    expect(scopes).toEqual(['openid']);

    await fetch(`${api.url}/v1/births/abc`, { headers: bearer(hospital) });
    const hospitalJwt = lastEvent('get').requestContext.authorizer.jwt;
    expect(hospitalJwt.claims).toMatchObject({ client_id: 'rsud-blambangan', scope: HOSPITAL_SCOPE, version: '2' });
    expect(Object.values(hospitalJwt.claims).every((v) => typeof v === 'string')).toBe(true);
    expect(hospitalJwt.scopes).toEqual([HOSPITAL_SCOPE]);
  });

  it('flattens multi-valued and nested claims the API Gateway way; no scope claim gives null scopes', async () => {
    const local = await startHttpApi({
      port: 0,
      routes: [{ method: 'GET', path: '/x', handler: recorder('flat') }],
      verify: async () => ({ 'cognito:groups': ['registrars', 'supervisors'], flag: true, n: 1.5, nested: { b: 2, a: 'x' }, empty: [] }),
    });
    try {
      await fetch(`${local.url}/x`, { headers: bearer('anything') });
      expect(lastEvent('flat').requestContext.authorizer.jwt).toEqual({
        claims: { 'cognito:groups': '[registrars supervisors]', flag: 'true', n: '1.5', nested: 'map[a:x b:2]', empty: '[]' },
        scopes: null,
      });
    } finally {
      await local.close();
    }
  });

  it('enforces route authorization scopes with 403', async () => {
    const denied = await fetch(`${api.url}/hospital-only`, { headers: bearer(registrar) });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ message: 'Forbidden' });
    expect(calls('scoped')).toHaveLength(0);
    expect((await fetch(`${api.url}/hospital-only`, { headers: bearer(hospital) })).status).toBe(200);
  });

  it('lets public routes through without a token and without an authorizer in the event', async () => {
    const response = await fetch(`${api.url}/public`);
    expect(response.status).toBe(200);
    expect(lastEvent('public').requestContext).not.toHaveProperty('authorizer');
  });
});

describe('payload format 2.0 event', () => {
  it('carries method, route, path, query, headers, cookies and a text body', async () => {
    const body = JSON.stringify({ notificationId: 'n-1', child: { name: 'Siti Aminah' } });
    const response = await fetch(`${api.url}/v1/births?b=2&a=1&a=x%20y&flag&q=a+b`, {
      method: 'POST',
      headers: { ...bearer(hospital), 'content-type': 'application/json; charset=utf-8', 'x-trace': 'abc', 'user-agent': 'rs-client/1.0', cookie: 'a=1; b=2' },
      body,
    });
    expect(response.status).toBe(200);
    const [invocation] = calls('submit');
    const event = invocation?.event as APIGatewayProxyEventV2WithJWTAuthorizer;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /v1/births',
      rawPath: '/v1/births',
      rawQueryString: 'b=2&a=1&a=x%20y&flag&q=a+b',
      queryStringParameters: { a: '1,x y', b: '2', flag: '', q: 'a b' },
      cookies: ['a=1', 'b=2'],
      body,
      isBase64Encoded: false,
    });
    expect(event).not.toHaveProperty('pathParameters');
    expect(event.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'x-trace': 'abc',
      'user-agent': 'rs-client/1.0',
      host: `127.0.0.1:${api.port}`,
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': 'http',
      'content-length': String(Buffer.byteLength(body)),
    });
    expect(event.headers).not.toHaveProperty('cookie');
    expect(Object.keys(event.headers).every((name) => name === name.toLowerCase())).toBe(true);

    const context = event.requestContext;
    expect(context).toMatchObject({
      accountId: 'local',
      apiId: 'local',
      domainName: '127.0.0.1',
      domainPrefix: '127',
      http: { method: 'POST', path: '/v1/births', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'rs-client/1.0' },
      routeKey: 'POST /v1/births',
      stage: '$default',
    });
    expect(context.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(Math.abs(context.timeEpoch - Date.now())).toBeLessThan(5_000);
    expect(response.headers.get('apigw-requestid')).toBe(context.requestId);
    expect(response.headers.get('x-request-id')).toBe(context.requestId);
  });

  it('joins duplicate headers with commas', async () => {
    // fetch merges duplicates itself; node:http sends an array value as separate header lines.
    const status = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(`${api.url}/v1/births/abc`, { headers: { authorization: `Bearer ${hospital}`, 'x-dup': ['one', 'two'] } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
    expect(lastEvent('get').headers['x-dup']).toBe('one,two');
  });

  it('base64-encodes non-text bodies and leaves bodiless requests without body', async () => {
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255]);
    await fetch(`${api.url}/v1/births`, { method: 'POST', headers: { ...bearer(hospital), 'content-type': 'application/octet-stream' }, body: bytes });
    expect(lastEvent('submit')).toMatchObject({ isBase64Encoded: true, body: bytes.toString('base64') });

    await fetch(`${api.url}/v1/births`, { method: 'POST', headers: { ...bearer(hospital), 'content-type': 'text/plain' }, body: 'halo' });
    expect(lastEvent('submit')).toMatchObject({ isBase64Encoded: false, body: 'halo' });

    await fetch(`${api.url}/v1/births/abc`, { headers: bearer(hospital) });
    expect(lastEvent('get').isBase64Encoded).toBe(false);
    expect(lastEvent('get')).not.toHaveProperty('body');
    expect(lastEvent('get')).not.toHaveProperty('queryStringParameters');
    expect(lastEvent('get').rawQueryString).toBe('');
  });

  it('gives the handler a Lambda context with a request id and a time budget', async () => {
    await fetch(`${api.url}/v1/births`, { method: 'POST', headers: bearer(hospital) });
    await fetch(`${api.url}/v1/births/abc`, { headers: bearer(hospital) });
    const [submit] = calls('submit');
    const [get] = calls('get');
    expect(submit?.context).toMatchObject({
      functionName: 'SubmitBirth',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:SubmitBirth',
      memoryLimitInMB: expect.any(String),
      awsRequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      callbackWaitsForEmptyEventLoop: true,
    });
    expect(submit?.context.awsRequestId).not.toBe(submit?.event.requestContext.requestId);
    expect(get?.context.functionName).toBe('get-v1-births-registrationId');
    expect(submit?.remainingMs).toBeGreaterThan(25_000);
    expect(submit?.remainingMs).toBeLessThanOrEqual(30_000);
  });
});

describe('response mapping', () => {
  it('sends a structured result as it says, decoding base64 bodies and one set-cookie per cookie', async () => {
    nextResult = {
      statusCode: 201,
      headers: { 'Content-Type': 'application/pdf', 'x-count': 3 },
      cookies: ['session=abc; HttpOnly', 'theme=dark'],
      body: Buffer.from('%PDF-1.7 akta').toString('base64'),
      isBase64Encoded: true,
    };
    const response = await fetch(`${api.url}/v1/births/abc`, { headers: bearer(hospital) });
    expect(response.status).toBe(201);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('x-count')).toBe('3');
    expect(response.headers.getSetCookie()).toEqual(['session=abc; HttpOnly', 'theme=dark']);
    expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('%PDF-1.7 akta');
    expect(response.headers.get('apigw-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends a structured text body and an empty 204', async () => {
    nextResult = { statusCode: 202, headers: { 'content-type': 'application/json' }, body: '{"registrationId":"r-1"}' };
    const accepted = await fetch(`${api.url}/v1/births/abc`, { headers: bearer(hospital) });
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toEqual({ registrationId: 'r-1' });

    nextResult = { statusCode: 204 };
    const empty = await fetch(`${api.url}/v1/births/abc`, { headers: bearer(hospital) });
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe('');
  });

  it('sends any other value as a 200 JSON body', async () => {
    for (const value of [{ status: 'COMPLETED', items: [1, 2] }, [1, 'a'], 'halo', 42, null, undefined]) {
      nextResult = value;
      const response = await fetch(`${api.url}/v1/births/abc`, { headers: bearer(hospital) });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.text()).toBe(JSON.stringify(value ?? null));
    }
  });

  it('answers 500 for a structured result API Gateway could not send', async () => {
    for (const value of [{ statusCode: 'ok' }, { statusCode: 200, body: { a: 1 } }, { statusCode: 200, headers: { a: { b: 1 } } }]) {
      nextResult = value;
      const response = await fetch(`${api.url}/v1/births/abc`, { headers: bearer(hospital) });
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    }
    expect(logged.map((l) => l['message'])).toEqual(Array(3).fill('Malformed Lambda response'));
  });

  it('answers 500 with a generic body when the handler throws, and logs it once without the body', async () => {
    const secret = 'NIK 3510123456780001 Siti Aminah';
    const response = await fetch(`${api.url}/boom`, {
      method: 'POST',
      headers: { ...bearer(hospital), 'content-type': 'application/json' },
      body: JSON.stringify({ secret }),
    });
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    expect(logged).toHaveLength(1);
    const entry = logged[0] ?? {};
    expect(entry).toMatchObject({
      level: 'ERROR',
      message: 'Lambda invocation failed',
      routeKey: 'POST /boom',
      requestId: response.headers.get('apigw-requestid'),
      error: { name: 'Error', message: expect.stringContaining('handler failed'), cause: { message: 'table unavailable' } },
    });
    const text = JSON.stringify(entry);
    expect(text).not.toContain('3510123456780001');
    expect(text).not.toContain(hospital);
  });

  it('logs to stderr by default, one JSON line', async () => {
    const local = await startHttpApi({
      port: 0,
      routes: [{ method: 'POST', path: '/boom', public: true, handler: () => Promise.reject(new TypeError('nope')) }],
      verify: issuer.verify,
    });
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const response = await fetch(`${local.url}/boom`, { method: 'POST', body: 'Siti Aminah' });
      expect(response.status).toBe(500);
      const lines = write.mock.calls.map(([chunk]) => String(chunk));
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 'ERROR', error: { name: 'TypeError', message: 'nope' } });
      expect(lines[0]).not.toContain('Siti');
    } finally {
      write.mockRestore();
      await local.close();
    }
  });

  it('answers 503 when the function runs past the integration timeout', async () => {
    const response = await fetch(`${api.url}/slow`, { headers: bearer(hospital) });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ message: 'Service Unavailable' });
    expect(logged[0]?.['message']).toMatch(/within 100 ms/);
  });
});

describe('payload limit', () => {
  it('accepts exactly 10 MB and answers 413 past it, without calling the handler', async () => {
    const headers = { ...bearer(hospital), 'content-type': 'application/octet-stream' };
    const atLimit = await fetch(`${api.url}/v1/births`, { method: 'POST', headers, body: new Uint8Array(MAX_BODY_BYTES) });
    expect(atLimit.status).toBe(200);
    expect(Buffer.from(lastEvent('submit').body ?? '', 'base64').length).toBe(MAX_BODY_BYTES);
    invocations.clear();

    const over = await fetch(`${api.url}/v1/births`, { method: 'POST', headers, body: new Uint8Array(MAX_BODY_BYTES + 1) });
    expect(over.status).toBe(413);
    expect(await over.json()).toEqual({ message: 'Request Entity Too Large' });
    expect(calls('submit')).toHaveLength(0);
  });

  it('stops keeping a streamed body without content-length at the limit', async () => {
    const chunk = new Uint8Array(1024 * 1024);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 12; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const init: RequestInit & { duplex: 'half' } = {
      method: 'POST',
      headers: { ...bearer(hospital), 'content-type': 'application/octet-stream' },
      body,
      duplex: 'half',
    };
    const response = await fetch(`${api.url}/v1/births`, init);
    expect(response.status).toBe(413);
    expect(calls('submit')).toHaveLength(0);
    // The connection is still good for the next request.
    expect((await fetch(`${api.url}/public`)).status).toBe(200);
  });
});
