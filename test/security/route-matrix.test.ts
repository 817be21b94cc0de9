import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { httpFunctions } from '../../infra/catalog.js';
import type { LocalStack } from '../../local/stack.js';
import { satusehatBundleExample } from '../../api/fhir/examples.js';
import { notification } from '../support/fixtures.js';
import { startTestStack, waitFor } from '../support/local-stack.js';
import { recentBirth } from '../support/dates.js';

/**
 * Every route of the catalog × every kind of caller, through the local gateway and the handlers,
 * against the status each cell must answer. A route added to infra/catalog.ts without a row here
 * fails the test, so the matrix cannot fall behind the API.
 */
const CALLERS = ['none', 'forged', 'expired', 'algNone', 'otherHospital', 'ownHospital', 'registrar', 'headOfOffice', 'parentRight', 'parentWrong'] as const;
type CallerKind = (typeof CALLERS)[number];
type Row = Record<CallerKind, number>;

/**
 * `jwt` routes: the gateway refuses anything but a valid token (parents have none), then role and scope.
 * A head of office may do whatever a registrar may: the same answer unless a row says otherwise.
 */
const jwtRoute = (hospital: number, registrar: number, otherHospital = hospital, headOfOffice = registrar): Row => ({
  none: 401, forged: 401, expired: 401, algNone: 401, otherHospital, ownHospital: hospital, registrar, headOfOffice, parentRight: 401, parentWrong: 401,
});
/** `jwt-or-access-code` routes: the handler verifies the token or the code; another hospital's case does not exist for it. */
const caseRoute: Row = { none: 401, forged: 401, expired: 401, algNone: 401, otherHospital: 404, ownHospital: 200, registrar: 200, headOfOffice: 200, parentRight: 200, parentWrong: 401 };
const publicRoute: Row = { none: 200, forged: 200, expired: 200, algNone: 200, otherHospital: 200, ownHospital: 200, registrar: 200, headOfOffice: 200, parentRight: 200, parentWrong: 200 };

const EXPECTED: Record<string, Row> = {
  // The other hospital files its own birth (202); the own hospital repeats its notification (200).
  'POST /v1/births': jwtRoute(200, 403, 202),
  'GET /v1/births': jwtRoute(200, 403),
  'GET /v1/births/{registrationId}': caseRoute,
  'GET /v1/approvals': jwtRoute(403, 200),
  // The registrar repeats the decision already taken: the safe retry, 200, nothing changes.
  'POST /v1/approvals/{registrationId}': jwtRoute(403, 200),
  'GET /v1/approvals/{registrationId}/preview': jwtRoute(403, 200),
  'GET /v1/births/{registrationId}/documents': caseRoute,
  'GET /v1/births/{registrationId}/documents/{type}': caseRoute,
  'GET /v1/births/{registrationId}/bundle': caseRoute,
  'GET /v1/verify/{verificationId}': publicRoute,
  'PUT /v1/webhook': jwtRoute(200, 403),
  'GET /v1/webhook': jwtRoute(200, 403),
  'DELETE /v1/webhook': jwtRoute(204, 403),
  'GET /v1/births/{registrationId}/history': jwtRoute(403, 200),
  // On the pending case (its code is not used by a later row): registrars only.
  'POST /v1/births/{registrationId}/access-code': jwtRoute(403, 200),
  'GET /v1/search': jwtRoute(403, 200),
  'GET /v1/dashboard': jwtRoute(403, 200),
  // Amendments (after the akta), on the completed case with the registrar's correction filed in beforeAll:
  // the registrar's repeat is the safe retry (202, the same amendment); anyone else's request meets
  // that open amendment (409); hospitals may not file (403, before the case is looked up).
  'POST /v1/births/{registrationId}/amendments': { ...caseRoute, otherHospital: 403, ownHospital: 403, registrar: 202, headOfOffice: 409, parentRight: 409 },
  'GET /v1/amendments': jwtRoute(403, 200),
  // Heads of office only, and not the requester (the registrar filed it): a plain registrar is 403.
  'POST /v1/amendments/{amendmentId}': jwtRoute(403, 403, 403, 200),
  // Issue 16: the registrars' follow-up list.
  'GET /v1/follow-ups': jwtRoute(403, 200),
  'GET /openapi.json': publicRoute,
  'GET /docs': publicRoute,
  // The FHIR door: as POST /v1/births (the own hospital repeats the Bundle sent in beforeAll: 200); its CapabilityStatement is public.
  'POST /fhir/Bundle': jwtRoute(200, 403, 202),
  'GET /fhir/metadata': publicRoute,
};

/** The registrar's correction of the completed case (beforeAll), and the body the matrix sends again. */
const AMENDMENT_BODY = { kind: 'CORRECTION', changes: { child: { birthPlace: 'Banyuwangi' } }, reason: 'Matriks' };
let amendmentId: string;

let stack: LocalStack;
let completed: { id: string; accessCode: string; verificationId: string; body: Record<string, unknown> };
let pending: { id: string; accessCode: string };
const tokens = {} as Record<CallerKind, string | undefined>;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeAll(async () => {
  stack = await startTestStack();
  const own = await stack.issuer.signHospitalToken('rsud-blambangan');
  const registrar = await stack.issuer.signRegistrarToken('registrar.test');
  const api = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${stack.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return (await response.json()) as Record<string, any>;
  };
  const body = notification({ notificationId: 'matrix-1' });
  const created = await api('POST', '/v1/births', own, body);
  await waitFor(async () => (await api('GET', `/v1/births/${created['registrationId']}`, registrar))['status'], (s) => s === 'AWAITING_APPROVAL');
  await api('POST', `/v1/approvals/${created['registrationId']}`, registrar, { decision: 'APPROVE' });
  await waitFor(async () => (await api('GET', `/v1/births/${created['registrationId']}`, registrar))['status'], (s) => s === 'COMPLETED');
  const documents = await api('GET', `/v1/births/${created['registrationId']}/documents`, registrar);
  const verificationUrl = String(documents['documents'][0].verificationUrl);
  completed = { id: created['registrationId'], accessCode: created['accessCode'], verificationId: verificationUrl.split('/').pop() as string, body };
  amendmentId = String((await api('POST', `/v1/births/${completed.id}/amendments`, registrar, AMENDMENT_BODY))['amendmentId']);

  const waiting = await api('POST', '/v1/births', own, notification({ notificationId: 'matrix-2', child: { birthDateTime: recentBirth({ daysAgo: 12 }) } }));
  pending = { id: waiting['registrationId'], accessCode: waiting['accessCode'] };
  // The own hospital's FHIR Bundle, so that its row's repeat is the idempotent 200.
  await api('POST', '/fhir/Bundle', own, satusehatBundleExample);
  await waitFor(async () => (await api('GET', `/v1/births/${pending.id}`, registrar))['status'], (s) => s === 'AWAITING_APPROVAL');

  // Forged: the right claims and kid, signed with a key that is not the issuer's.
  const claims = JSON.parse(Buffer.from(own.split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;
  const header = JSON.parse(Buffer.from(own.split('.')[0] as string, 'base64url').toString()) as { kid: string };
  const { privateKey } = await generateKeyPair('ES256');
  tokens.forged = await new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: header.kid }).sign(privateKey);
  tokens.expired = await stack.issuer.signHospitalToken('rsud-blambangan', { expiresInSeconds: -60 });
  tokens.algNone = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
  tokens.otherHospital = await stack.issuer.signHospitalToken('rs-al-huda');
  tokens.ownHospital = own;
  tokens.registrar = registrar;
  tokens.headOfOffice = await stack.issuer.signHeadOfOfficeToken('kepala.test');
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

function requestFor(routeKey: string, caller: CallerKind): { method: string; path: string; body?: unknown } {
  const [method, template] = routeKey.split(' ') as [string, string];
  const id = routeKey.includes('/preview') || routeKey.includes('/access-code') ? pending.id : completed.id;
  const path = template
    .replace('{registrationId}', id)
    .replace('{type}', 'BIRTH_CERTIFICATE')
    .replace('{verificationId}', completed.verificationId)
    .replace('{amendmentId}', amendmentId);
  const query = routeKey === 'GET /v1/search' ? `?q=${completed.id}` : '';
  const body =
    routeKey === 'POST /v1/births'
      ? caller === 'otherHospital'
        ? { ...completed.body, notificationId: 'matrix-other' }
        : completed.body
      : routeKey === 'POST /v1/approvals/{registrationId}'
        ? { decision: 'APPROVE' }
        : routeKey === 'PUT /v1/webhook'
          ? { url: 'https://rs.example.org/hooks/lahir' }
          : routeKey === 'POST /fhir/Bundle'
            ? satusehatBundleExample
            : routeKey === 'POST /v1/births/{registrationId}/amendments'
              ? AMENDMENT_BODY
              : routeKey === 'POST /v1/amendments/{amendmentId}'
                ? { decision: 'APPROVE' }
                : undefined;
  return { method, path: `${path}${query}`, ...(body ? { body } : {}) };
}

it('answers every route for every caller as the matrix says', async () => {
  const served = httpFunctions.map((f) => `${f.route.method} ${f.route.path}`);
  expect(Object.keys(EXPECTED).sort()).toEqual([...served].sort());

  const actual: Record<string, Partial<Row>> = {};
  for (const routeKey of served) {
    actual[routeKey] = {};
    for (const caller of CALLERS) {
      const { method, path, body } = requestFor(routeKey, caller);
      const headers: Record<string, string> = {};
      const token = tokens[caller];
      if (token) headers['authorization'] = `Bearer ${token}`;
      if (caller === 'parentRight') headers['x-access-code'] = routeKey.includes('/preview') ? pending.accessCode : completed.accessCode;
      if (caller === 'parentWrong') headers['x-access-code'] = 'AAAA-BBBB-CCCC';
      if (body) headers['content-type'] = 'application/json';
      const response = await fetch(`${stack.url}${path}`, { method, headers, ...(body ? { body: JSON.stringify(body) } : {}) });
      await response.arrayBuffer();
      actual[routeKey][caller] = response.status;
    }
  }
  expect(actual).toEqual(EXPECTED);
}, 120_000);
