import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { httpFunctions } from '../../infra/catalog.js';
import type { LocalStack } from '../../local/stack.js';
import { notification } from '../support/fixtures.js';
import { startTestStack, waitFor } from '../support/local-stack.js';

/**
 * Strangers must not be able to cause a 5xx (each pages the on-call through the 5xx alarms): fuzzed
 * path ids and cursors, sent to every route of the catalog as an anonymous caller, a hospital, a
 * registrar and a parent with an access code, never answer 5xx. A route added to the catalog is
 * fuzzed too (the routes come from infra/catalog.ts).
 */
const CALLERS = ['anonymous', 'hospital', 'registrar', 'accessCode'] as const;
type Caller = (typeof CALLERS)[number];

let stack: LocalStack;
let real: { id: string; accessCode: string };
const tokens: Partial<Record<Caller, string>> = {};

beforeAll(async () => {
  stack = await startTestStack();
  tokens.hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  tokens.registrar = await stack.issuer.signRegistrarToken('registrar.test');
  const response = await fetch(`${stack.url}/v1/births`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.hospital}`, 'content-type': 'application/json' },
    body: JSON.stringify(notification({ notificationId: 'fuzz-1' })),
  });
  const created = (await response.json()) as { registrationId: string; accessCode: string };
  real = { id: created.registrationId, accessCode: created.accessCode };
  await waitFor(
    async () => ((await (await fetch(`${stack.url}/v1/births/${real.id}`, { headers: { authorization: `Bearer ${tokens.registrar}` } })).json()) as { status: string }).status,
    (status) => status === 'AWAITING_APPROVAL',
  );
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

/** Every byte percent-encoded, so any string (lone surrogates too, as U+FFFD) reaches the gateway as one path segment. */
const encodeSegment = (text: string) => [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** Ids: near misses of a real one, very long ones, any Unicode, DynamoDB key syntax. */
const idArbitrary = () =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: 'grapheme-ascii', minLength: 1025, maxLength: 3000 }),
    fc.constant('a'.repeat(3000)),
    fc.uuid().map((uuid) => uuid.toUpperCase()),
    fc.uuid().map((uuid) => `${uuid}#DOC#BIRTH_CERTIFICATE`),
    fc.constantFrom('REG', '#', '..', '%', 'null', '{}', '0'),
    fc.nat({ max: 35 }).map(() => real.id.slice(0, 35)),
  );

/** A real cursor's shape with wrong values, JSON of anything, and noise. */
const cursorArbitrary = () =>
  fc.oneof(
    fc.jsonValue().map(b64),
    fc.dictionary(fc.constantFrom('pk', 'sk', 'gsi1pk', 'gsi1sk', 'x'), fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.object())).map(b64),
    fc.record({ pk: fc.constant('FACILITY#rsud-blambangan'), sk: fc.oneof(fc.string({ maxLength: 2000 }), fc.integer(), fc.object()) }).map(b64),
    fc.record({ pk: fc.string(), sk: fc.constant('REG'), gsi1pk: fc.constant('APPROVAL#PENDING'), gsi1sk: fc.oneof(fc.string(), fc.integer()) }).map(b64),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.string({ unit: 'grapheme-ascii', minLength: 2049, maxLength: 2100 }),
  );

function requestFor(routeKey: string, id: string, cursor: string, caller: Caller) {
  const [method, template] = routeKey.split(' ') as [string, string];
  const path = template
    .replace('{registrationId}', encodeSegment(id))
    .replace('{type}', encodeSegment(id.length % 2 ? 'BIRTH_CERTIFICATE' : id))
    .replace('{verificationId}', encodeSegment(id));
  const query = `?cursor=${encodeSegment(cursor)}${routeKey === 'GET /v1/search' ? `&q=${encodeSegment(id)}` : ''}`;
  const body =
    routeKey === 'POST /v1/approvals/{registrationId}'
      ? { decision: 'REJECT', reason: id, reasonCode: 'OTHER' }
      : routeKey === 'PUT /v1/webhook'
        ? { url: `https://rs.example.org/${id}` }
        : routeKey === 'POST /v1/births'
          ? notification({ notificationId: 'fuzz-1', child: { birthPlace: id } })
          : undefined;
  const headers: Record<string, string> = {};
  const token = tokens[caller];
  if (token) headers['authorization'] = `Bearer ${token}`;
  if (caller === 'accessCode') headers['x-access-code'] = real.accessCode;
  if (body) headers['content-type'] = 'application/json';
  return { url: `${stack.url}${path}${query}`, init: { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) } };
}

it('answers fuzzed ids and cursors on every route, for every caller, without a 5xx', async () => {
  const routes = httpFunctions.map((f) => `${f.route.method} ${f.route.path}`);
  expect(routes.length).toBeGreaterThan(10);
  const failures: string[] = [];
  for (const routeKey of routes) {
    for (const caller of CALLERS) {
      await fc.assert(
        fc.asyncProperty(idArbitrary(), cursorArbitrary(), async (id, cursor) => {
          const { url, init } = requestFor(routeKey, id, cursor, caller);
          const response = await fetch(url, init);
          await response.arrayBuffer();
          if (response.status >= 500) failures.push(`${routeKey} as ${caller}: ${response.status} (id of ${id.length} chars, cursor of ${cursor.length})`);
          return response.status < 500;
        }),
        { numRuns: 12, seed: 14, endOnFailure: true },
      ).catch(() => undefined); // every route is fuzzed; the failures are listed together below
    }
  }
  expect(failures).toEqual([]);
}, 300_000);

it('refuses a 3,000-character registration id and a tampered cursor with 400 at the field, as every caller', async () => {
  for (const caller of CALLERS) {
    const { url, init } = requestFor('GET /v1/births/{registrationId}', 'a'.repeat(3000), 'x', caller);
    const response = await fetch(url.replace(/\?.*$/, ''), init);
    expect(response.status, caller).toBe(400);
    expect(((await response.json()) as { issues: { path: string }[] }).issues).toEqual([expect.objectContaining({ path: 'registrationId' })]);
  }
  const tampered = b64({ pk: 'FACILITY#rsud-blambangan', sk: 7 });
  const response = await fetch(`${stack.url}/v1/births?cursor=${tampered}`, { headers: { authorization: `Bearer ${tokens.hospital}` } });
  expect(response.status).toBe(400);
  expect(((await response.json()) as { issues: { path: string }[] }).issues).toEqual([expect.objectContaining({ path: 'cursor' })]);
});

it('answers 300,000 unknown keys with a 400 that lists 50 and counts the rest, far smaller than the request', async () => {
  const body = notification({ notificationId: 'fuzz-keys' });
  for (let i = 0; i < 300_000; i += 1) body[`k${i}`] = 0;
  const request = JSON.stringify(body);
  const response = await fetch(`${stack.url}/v1/births`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.hospital}`, 'content-type': 'application/json' },
    body: request,
  });
  const text = await response.text();
  expect(response.status).toBe(400);
  const answer = JSON.parse(text) as { issues: { path: string; message: string }[]; issueCount: number };
  expect(answer.issues).toHaveLength(50);
  expect(answer.issues[0]).toEqual({ path: 'k0', code: 'UNKNOWN_FIELD', message: 'Unknown field' });
  expect(answer.issueCount).toBe(300_000);
  expect(text.length).toBeLessThan(10_000);
  expect(text.length).toBeLessThan(request.length / 100);
  // One unknown key as long as the body allows is cut in the answer, not echoed.
  const long = await fetch(`${stack.url}/v1/births`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.hospital}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ...notification({ notificationId: 'fuzz-long' }), ['x'.repeat(1_000_000)]: 0 }),
  });
  const longText = await long.text();
  expect(long.status).toBe(400);
  expect(longText.length).toBeLessThan(1_000);
}, 60_000);
