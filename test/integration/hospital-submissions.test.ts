import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { notification } from '../support/fixtures.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';

/** GET /v1/births: a hospital's own submissions, for the web console's hospital page. */
let stack: LocalStack;
let call: ReturnType<typeof apiClient>;
let hospital: string;
let otherHospital: string;
let registrar: string;

type Json = Record<string, any>;

beforeAll(async () => {
  stack = await startTestStack();
  call = apiClient(stack.url);
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  otherHospital = await stack.issuer.signHospitalToken('rs-al-huda');
  registrar = await stack.issuer.signRegistrarToken('registrar.list');
});

afterAll(async () => {
  await stack?.stop();
});

describe('GET /v1/births', () => {
  it("lists only the hospital's own submissions, newest first, with rejection reasons and the parents' access code", async () => {
    const first = await call<Json>('POST', '/v1/births', { token: hospital, body: notification({ notificationId: 'LIST-1' }) });
    expect(first.status).toBe(202);
    const rejected = await call<Json>('POST', '/v1/births', {
      token: hospital,
      body: notification({ notificationId: 'LIST-2', familyCardNumber: '3510169999990001' }),
    });
    expect(rejected.status).toBe(202);
    const foreign = await call<Json>('POST', '/v1/births', { token: otherHospital, body: notification({ notificationId: 'LIST-3' }) });
    expect(foreign.status).toBe(202);
    await waitFor(() => call<Json>('GET', `/v1/births/${rejected.body['registrationId']}`, { token: hospital }), (r) => r.body['status'] === 'REJECTED');

    const list = await call<Json>('GET', '/v1/births', { token: hospital });
    expect(list.status).toBe(200);
    const items = list.body['items'] as Json[];
    expect(items.map((i) => i['notificationId'])).toEqual(['LIST-2', 'LIST-1']);
    expect(items[0]!['status']).toBe('REJECTED');
    expect(items[0]!['rejection'].source).toBe('REGISTRY_CHECKS');
    // The field to correct, not the registry's code (registry facts are the registrars').
    expect(items[0]!['rejection'].fields).toEqual(['familyCardNumber']);
    expect(items[0]!['rejection']).not.toHaveProperty('codes');
    expect(items[1]!['accessCode']).toBe(first.body['accessCode']);
    expect(items[1]!['child'].name).toBe('Muhammad Arka Santoso');
    expect(JSON.stringify(items)).not.toContain('3510165203950001'); // no NIKs in the list

    // The code in the list opens the registration for the parents.
    const parents = await fetch(`${stack.url}/v1/births/${first.body['registrationId']}`, { headers: { 'x-access-code': items[1]!['accessCode'] } });
    expect(parents.status).toBe(200);

    const other = await call<Json>('GET', '/v1/births', { token: otherHospital });
    expect((other.body['items'] as Json[]).map((i) => i['notificationId'])).toEqual(['LIST-3']);
  });

  it('pages with a cursor that only opens the same hospital’s list', async () => {
    const page = await call<Json>('GET', '/v1/births?limit=1', { token: hospital });
    expect(page.body['items']).toHaveLength(1);
    const cursor = page.body['nextCursor'] as string;
    expect(cursor).toBeTruthy();
    const next = await call<Json>('GET', `/v1/births?limit=1&cursor=${cursor}`, { token: hospital });
    expect(next.body['items'][0].notificationId).toBe('LIST-1');
    const stolen = await call<Json>('GET', `/v1/births?limit=1&cursor=${cursor}`, { token: otherHospital });
    expect(stolen.status).toBe(400);
    expect(stolen.body['issues'][0].path).toBe('cursor');
  });

  it('is for hospitals only', async () => {
    expect((await call('GET', '/v1/births', { token: registrar })).status).toBe(403);
    expect((await call('GET', '/v1/births')).status).toBe(401);
    expect((await call('GET', '/v1/births?limit=0', { token: hospital })).status).toBe(400);
  });
});
