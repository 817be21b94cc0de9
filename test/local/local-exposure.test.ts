import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HEADS_OF_OFFICE, MAX_SIGN_IN_BYTES } from '../../local/console.js';
import { startDynamoDbLocal } from '../../local/dynamodb/server.js';
import type { LocalStack } from '../../local/stack.js';
import { startTestStack } from '../support/local-stack.js';

/**
 * Issue 14, item 8: the local stack driven from a web page. A page that rebinds its own name to
 * 127.0.0.1 (DNS rebinding) reaches the stack with its own name as `Host`; the stack answers only its
 * own names. The local sign-in takes JSON only, from its own origin, at most 4 KB. The data folder
 * and DynamoDB Local's files are the owner's only.
 */
let stack: LocalStack;
const dataDir = mkdtempSync(join(tmpdir(), 'lahir-exposure-'));

beforeAll(async () => {
  // A folder as an older version (or a loose umask) left it: readable by everyone, a stale file too.
  chmodSync(dataDir, 0o755);
  writeFileSync(join(dataDir, 'endpoints.json'), '{}\n', { mode: 0o644 });
  chmodSync(join(dataDir, 'endpoints.json'), 0o644);
  stack = await startTestStack({ dataDir });
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** A raw request: fetch does not let a caller choose `Host`, a rebinding page's browser does. */
function send(
  path: string,
  options: { method?: string; host?: string; headers?: Record<string, string>; body?: Buffer | string; base?: string } = {},
): Promise<Answer> {
  const url = new URL(options.base ?? stack.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: { host: options.host ?? url.host, ...options.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const signIn = (options: { host?: string; headers?: Record<string, string>; body?: Buffer | string } = {}) =>
  send('/console/local-sign-in', { method: 'POST', headers: { 'content-type': 'application/json', ...options.headers }, body: options.body ?? JSON.stringify({ role: 'registrar' }), ...(options.host ? { host: options.host } : {}) });

describe('DNS rebinding', () => {
  it('refuses the sign-in, the API and the console under any Host but its own names', async () => {
    const port = new URL(stack.url).port;
    for (const host of [`rebind.attacker.example:${port}`, `127.0.0.1.nip.io:${port}`, 'attacker.example', `localhost.:${port}`, `127.0.0.1:${Number(port) + 1}`]) {
      const answer = await signIn({ host });
      expect(answer.status, host).toBe(403);
      expect(answer.body).not.toContain('token');
      expect((await send('/v1/births', { host })).status, host).toBe(403);
      expect((await send('/console/', { host })).status, host).toBe(403);
      expect((await send('/.well-known/jwks.json', { host })).status, host).toBe(403);
    }
  });

  it('refuses other names at the Step Functions endpoint and the AWS endpoint the functions call', async () => {
    const endpoints = [stack.stepFunctionsUrl, stack.functionEnvironments.get('SubmitBirth')?.['AWS_ENDPOINT_URL_SECRETS_MANAGER']].filter((u): u is string => !!u);
    expect(endpoints.length).toBe(stack.mode === 'bundle' ? 2 : 1);
    for (const base of endpoints) {
      const call = (host?: string) =>
        send('/', {
          base,
          method: 'POST',
          ...(host ? { host } : {}),
          headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.ListExecutions' },
          body: '{}',
        });
      const refused = await call(`rebind.attacker.example:${new URL(base).port}`);
      expect(refused.status, base).toBe(403);
      expect((await call()).status, base).not.toBe(403);
    }
  });

  it('serves its own names: 127.0.0.1, localhost and [::1] with its port', async () => {
    const port = new URL(stack.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      const answer = await signIn({ host });
      expect(answer.status, host).toBe(200);
      expect(JSON.parse(answer.body)).toHaveProperty('token');
    }
  });
});

describe('local sign-in', () => {
  it('takes JSON only: a form or a no-cors text/plain post gets no token', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp']) {
      const answer = await signIn({ headers: { 'content-type': type } });
      expect(answer.status, type).toBe(415);
      expect(answer.body).not.toContain('token');
    }
    expect((await signIn({ headers: { 'content-type': 'application/json; charset=utf-8' } })).status).toBe(200);
  });

  it('refuses a page of another origin', async () => {
    const answer = await signIn({ headers: { origin: 'http://attacker.example' } });
    expect(answer.status).toBe(403);
    expect(answer.body).not.toContain('token');
    expect((await signIn({ headers: { origin: stack.url } })).status).toBe(200);
  });

  it(`caps the body at ${MAX_SIGN_IN_BYTES} bytes (a 50 MB body is refused, not read)`, async () => {
    const padded = JSON.stringify({ role: 'registrar', pad: 'x'.repeat(MAX_SIGN_IN_BYTES) });
    expect((await signIn({ body: padded })).status).toBe(413);
    expect((await signIn({ body: Buffer.alloc(50 * 1024 * 1024, 0x20) })).status).toBe(413);
    // Without a declared length (chunked), the cap holds too.
    const url = new URL(stack.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: '/console/local-sign-in', method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let i = 0; i < 8; i++) req.write(' '.repeat(1024));
      req.end(JSON.stringify({ role: 'registrar' }));
    });
    expect(status).toBe(413);
  });

  it('signs a head of office in only as one of the demo heads, with a token of the head-of-office group', async () => {
    for (const username of DEMO_HEADS_OF_OFFICE) {
      const answer = await signIn({ body: JSON.stringify({ role: 'head-of-office', username }) });
      expect(answer.status, username).toBe(200);
      const { token, name } = JSON.parse(answer.body) as { token: string; name: string };
      expect(name).toBe(username);
      expect(await stack.issuer.verify(token)).toMatchObject({ username, 'cognito:groups': ['head-of-office'] });
    }
    for (const body of [{ role: 'head-of-office' }, { role: 'head-of-office', username: 'someone.else' }]) {
      const answer = await signIn({ body: JSON.stringify(body) });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body).not.toContain('token');
    }
  });
});

/** A raw GET that keeps the body's bytes and the headers (fetch would decode the body itself). */
function getRaw(path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const url = new URL(stack.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('console files', () => {
  it('are compressed as CloudFront compresses them: brotli or gzip by Accept-Encoding, with Vary', async () => {
    for (const path of ['/console/app.js', '/console/app.css']) {
      const plain = await getRaw(path, {});
      expect(plain.status, path).toBe(200);
      expect(plain.headers['content-encoding'], path).toBeUndefined();
      expect(plain.headers['vary'], path).toBe('Accept-Encoding');
      expect(plain.body.byteLength, path).toBeGreaterThan(1_000);

      const br = await getRaw(path, { 'accept-encoding': 'gzip, deflate, br, zstd' });
      expect(br.headers['content-encoding'], path).toBe('br');
      expect(br.headers['vary'], path).toBe('Accept-Encoding');
      expect(Number(br.headers['content-length']), path).toBe(br.body.byteLength);
      expect(br.body.byteLength, path).toBeLessThan(plain.body.byteLength / 2);
      expect(brotliDecompressSync(br.body).equals(plain.body), path).toBe(true);

      const gzip = await getRaw(path, { 'accept-encoding': 'gzip, br;q=0' });
      expect(gzip.headers['content-encoding'], path).toBe('gzip');
      expect(gunzipSync(gzip.body).equals(plain.body), path).toBe(true);

      const identity = await getRaw(path, { 'accept-encoding': 'identity' });
      expect(identity.headers['content-encoding'], path).toBeUndefined();
      expect(identity.body.equals(plain.body), path).toBe(true);
    }
    // Under 1,000 bytes CloudFront sends a file as it is (the console's smallest chunks).
    const page = (await getRaw('/console/', {})).body.toString('utf8');
    const chunks = [...page.matchAll(/href="\.\/(chunks\/[^"]+)"/g)].map((m) => `/console/${m[1]}`);
    const sizes = await Promise.all(chunks.map(async (path) => ({ path, bytes: (await getRaw(path, {})).body.byteLength })));
    const small = sizes.find((s) => s.bytes < 1_000);
    expect(small).toBeDefined();
    const answer = await getRaw(small!.path, { 'accept-encoding': 'gzip, br' });
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.body.byteLength).toBe(small!.bytes);
  });
});

describe('data folder', () => {
  it('is the owner’s only: the folder 0700, every file in it 0600', () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const files = readdirSync(dataDir, { withFileTypes: true }).filter((e) => e.isFile());
    expect(files.map((f) => f.name)).toEqual(expect.arrayContaining(['endpoints.json', 'access-code.secret']));
    for (const file of files) expect(statSync(join(dataDir, file.name)).mode & 0o777, file.name).toBe(0o600);
  });

  it('DynamoDB Local keeps its database files owner-only and answers no web page', async () => {
    const dbPath = join(dataDir, 'dynamodb');
    const dynamo = await startDynamoDbLocal({ dbPath });
    try {
      const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      await client.send(
        new CreateTableCommand({
          TableName: 'Exposure',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      client.destroy();
      // No web page may call it (its default CORS allow-list is '*').
      const preflight = await fetch(dynamo.endpoint, {
        method: 'OPTIONS',
        headers: { origin: 'http://attacker.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-amz-target' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      const simple = await fetch(dynamo.endpoint, { method: 'POST', headers: { origin: 'http://attacker.example', 'content-type': 'text/plain' }, body: '{}' });
      expect(simple.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await dynamo.stop();
    }
    expect(statSync(dbPath).mode & 0o777).toBe(0o700);
    const files = readdirSync(dbPath);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(statSync(join(dbPath, file)).mode & 0o077, file).toBe(0);
  }, 60_000);
});
