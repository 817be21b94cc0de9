import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { birthNotificationExample } from '../../api/examples.js';
import { satusehatBundleExample } from '../../api/fhir/examples.js';
import { EXTENSION } from '../../api/fhir/satusehat.js';
import type { SubmitResponse } from '../../api/schemas.js';
import { notificationKey, registrationDocumentKey, registrationKey } from '../../functions/shared/keys.js';
import type { LocalStack } from '../../local/stack.js';
import type { Birth } from '../support/birth.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';
import { civilDate, nikDateDigits, recentBirth } from '../support/dates.js';

/**
 * The FHIR door end to end, black box through the local HTTP API: the SATUSEHAT-shaped example
 * Bundle goes through the same chain as the JSON notification and ends with the same NIK, KK entry,
 * akta and KIA (each door on a stack of its own, so both are the family's first registration);
 * replays, conflicts and invalid elements are answered as OperationOutcomes.
 */
let fhirStack: LocalStack;
let jsonStack: LocalStack;

beforeAll(async () => {
  [fhirStack, jsonStack] = await Promise.all([startTestStack(), startTestStack()]);
}, 120_000);

afterAll(async () => {
  await Promise.all([fhirStack?.stop(), jsonStack?.stop()]);
});

type Json = Record<string, any>;
interface FhirAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Json;
}

async function fhir(stack: LocalStack, method: 'GET' | 'POST', path: string, options: { token?: string; body?: unknown; rawBody?: string; contentType?: string; language?: string } = {}): Promise<FhirAnswer> {
  const headers: Record<string, string> = {};
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.language) headers['accept-language'] = options.language;
  if (options.body !== undefined || options.rawBody !== undefined) headers['content-type'] = options.contentType ?? 'application/fhir+json';
  const response = await fetch(`${stack.url}${path}`, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : options.rawBody !== undefined ? { body: options.rawBody } : {}) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Json) : {} };
}

/**
 * The examples' birth (2026-11-20 08:15 WIB) moved to 11 days ago at 08:15 WIB in both doors' bodies,
 * the measurements 5 minutes after it: the examples' own date is a late registration 60 days on.
 */
const born = recentBirth({ daysAgo: 11, at: '08:15' });
const bornPlus = (minutes: number): string => new Date(Date.parse(born) + minutes * 60_000).toISOString().replace('.000Z', '+00:00');
const jsonExample = { ...birthNotificationExample, child: { ...birthNotificationExample.child, birthDateTime: born } };

const bundle = (edit: (b: Json) => void = () => {}): Json => {
  const copy = structuredClone(satusehatBundleExample) as unknown as Json;
  copy.entry[0].resource.birthDate = civilDate(born);
  copy.entry[0].resource._birthDate.extension[0].valueDateTime = bornPlus(0);
  for (const entry of copy.entry as Json[]) if (entry.resource.effectiveDateTime) entry.resource.effectiveDateTime = bornPlus(5);
  edit(copy);
  return copy;
};

/** The registration-receipt extension of a success OperationOutcome. */
function receipt(body: Json): { registrationId: string; status: string; accessCode: string } {
  const extension = (body['extension'] as Json[]).find((e) => e['url'] === EXTENSION.registrationReceipt);
  const value = (name: string) => (extension?.['extension'] as Json[]).find((e) => e['url'] === name);
  return { registrationId: value('registrationId')?.['valueString'], status: value('status')?.['valueCode'], accessCode: value('accessCode')?.['valueString'] };
}

async function approveToCompletion(stack: LocalStack, registrationId: string): Promise<Birth> {
  const registrar = await stack.issuer.signRegistrarToken('registrar.test');
  const call = apiClient(stack.url);
  const get = async () => (await call<Birth>('GET', `/v1/births/${registrationId}`, { token: registrar })).body;
  await waitFor(get, (b) => b.status === 'AWAITING_APPROVAL');
  expect((await call('POST', `/v1/approvals/${registrationId}`, { token: registrar, body: { decision: 'APPROVE' } })).status).toBe(200);
  return waitFor(get, (b) => b.status === 'COMPLETED');
}

async function documentContents(stack: LocalStack, registrationId: string): Promise<Json> {
  const read = async (type: 'BIRTH_CERTIFICATE' | 'FAMILY_CARD' | 'CHILD_ID_CARD') =>
    (await stack.documentClient.send(new GetCommand({ TableName: stack.tableName, Key: registrationDocumentKey(registrationId, type) }))).Item?.['content'];
  return { akta: await read('BIRTH_CERTIFICATE'), kk: await read('FAMILY_CARD'), kia: await read('CHILD_ID_CARD') };
}

describe('POST /fhir/Bundle', () => {
  let first: { registrationId: string; status: string; accessCode: string };
  let hospital: string;

  it('takes the SATUSEHAT-shaped example to COMPLETED with the same NIK, KK entry, akta and KIA as the JSON notification', async () => {
    hospital = await fhirStack.issuer.signHospitalToken('rsud-blambangan');
    const sent = await fhir(fhirStack, 'POST', '/fhir/Bundle', { token: hospital, body: bundle() });
    expect(sent.status).toBe(202);
    expect(sent.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(sent.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'information', code: 'informational' }] });
    first = receipt(sent.body);
    expect(first.status).toBe('RECEIVED');
    expect(first.accessCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(sent.headers.get('location')).toBe(`/v1/births/${first.registrationId}`);

    const jsonHospital = await jsonStack.issuer.signHospitalToken('rsud-blambangan');
    const json = await apiClient(jsonStack.url)<SubmitResponse>('POST', '/v1/births', { token: jsonHospital, body: jsonExample });
    expect(json.status).toBe(202);

    const [viaFhir, viaJson] = await Promise.all([approveToCompletion(fhirStack, first.registrationId), approveToCompletion(jsonStack, json.body.registrationId)]);
    const numbers = (b: Birth) => {
      const { nik, familyCardNumber, familyCardVersion, birthCertificateNumber, childIdCardNumber, childIdCardValidThrough } = b.issued ?? {};
      return { nik, familyCardNumber, familyCardVersion, birthCertificateNumber, childIdCardNumber, childIdCardValidThrough };
    };
    expect(numbers(viaFhir)).toEqual(numbers(viaJson));
    expect(numbers(viaFhir)).toMatchObject({ nik: `351016${nikDateDigits(civilDate(born), 'MALE')}0001`, familyCardNumber: '3510160101200001', familyCardVersion: 2 });
    // The signed contents, field for field: the child (birth order 2 from the KK), both parents (the marriage record), the KK print, the KIA.
    const [fhirDocs, jsonDocs] = await Promise.all([documentContents(fhirStack, first.registrationId), documentContents(jsonStack, json.body.registrationId)]);
    expect(fhirDocs['akta']).toBeDefined();
    expect(fhirDocs).toEqual(jsonDocs);
    expect(fhirDocs['akta']).toMatchObject({ child: { birthOrder: 2, birthTime: '08:15', timeZone: 'WIB' }, father: { nik: '3510161407920001' } });
  });

  it('answers the same Bundle again with the same registration and access code (200), also with a new timestamp and meta', async () => {
    const again = await fhir(fhirStack, 'POST', '/fhir/Bundle', { token: hospital, body: bundle() });
    expect(again.status).toBe(200);
    expect(receipt(again.body)).toEqual({ ...first, status: 'COMPLETED' });
    const resent = await fhir(fhirStack, 'POST', '/fhir/Bundle', { token: hospital, body: bundle((b) => { b.timestamp = '2026-11-20T03:00:00+00:00'; b.meta = { lastUpdated: '2026-11-20T03:00:00+00:00' }; }) });
    expect(resent.status).toBe(200);
    expect(receipt(resent.body).registrationId).toBe(first.registrationId);
  });

  it('refuses the same Bundle.identifier with other content (409), naming the registration that holds it', async () => {
    const changed = await fhir(fhirStack, 'POST', '/fhir/Bundle', { token: hospital, body: bundle((b) => (b.entry[3].resource.valueQuantity.value = 3300)) });
    expect(changed.status).toBe(409);
    expect(changed.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'conflict', expression: ['Bundle.identifier'], diagnostics: `registrationId=${first.registrationId}` }] });
  });

  it('answers each invalid element at its FHIRPath, in Indonesian when asked, and stores nothing', async () => {
    const invalid = bundle((b) => {
      b.identifier.value = 'RSUD-BLB-2026-INVALID';
      delete b.entry[0].resource._birthDate;
      b.entry[0].resource.gender = 'unknown';
      b.entry[3].resource.valueQuantity.value = 200;
    });
    const english = await fhir(fhirStack, 'POST', '/fhir/Bundle', { token: hospital, body: invalid });
    expect(english.status).toBe(400);
    expect(english.body['resourceType']).toBe('OperationOutcome');
    const issues = english.body['issue'] as Json[];
    expect(issues.map((i) => i['expression'][0]).sort()).toEqual(['Bundle.entry[0].resource.birthDate', 'Bundle.entry[0].resource.gender', 'Bundle.entry[3].resource.valueQuantity.value']);
    expect(issues.every((i) => i['severity'] === 'error' && ['required', 'value'].includes(i['code']))).toBe(true);
    expect(issues.map((i) => i['details']['text'])).toContain('Below 300 g is not a live birth we can register');

    const indonesian = await fhir(fhirStack, 'POST', '/fhir/Bundle', { token: hospital, body: invalid, language: 'id-ID,id;q=0.9,en;q=0.5' });
    expect(indonesian.status).toBe(400);
    expect(indonesian.headers.get('content-language')).toBe('id');
    expect((indonesian.body['issue'] as Json[]).map((i) => i['details']['text'])).toContain('Di bawah 300 g tidak dapat dicatat sebagai kelahiran hidup');

    const stored = await fhirStack.documentClient.send(new GetCommand({ TableName: fhirStack.tableName, Key: notificationKey('rsud-blambangan', 'RSUD-BLB-2026-INVALID') }));
    expect(stored.Item).toBeUndefined();
  });

  it('answers a body that is not FHIR JSON as an OperationOutcome too (415, 400 at Bundle)', async () => {
    const form = await fhir(fhirStack, 'POST', '/fhir/Bundle', { token: hospital, rawBody: 'a=1', contentType: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect(form.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'not-supported' }] });
    const broken = await fhir(fhirStack, 'POST', '/fhir/Bundle', { token: hospital, rawBody: '{"resourceType": "Bundle",' });
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'structure', expression: ['Bundle'] }] });
  });

  it('takes the birth order from the family card: the twin after a registered sibling of the same delivery is still anak ke-3', async () => {
    const twin = bundle((b) => {
      b.identifier.value = 'RSUD-BLB-2026-000124-FHIR';
      b.entry[0].resource.name[0].text = 'Aisyah Putri Santoso';
      b.entry[0].resource.gender = 'female';
      b.entry[0].resource._birthDate.extension[0].valueDateTime = bornPlus(6);
      b.entry[0].resource.multipleBirthInteger = 2;
      b.entry[3].resource.valueQuantity.value = 2480;
      b.entry[4].resource.valueQuantity.value = 46;
    });
    const sent = await fhir(fhirStack, 'POST', '/fhir/Bundle', { token: hospital, body: twin });
    expect(sent.status).toBe(202);
    const { registrationId } = receipt(sent.body);
    const item = await fhirStack.documentClient.send(new GetCommand({ TableName: fhirStack.tableName, Key: registrationKey(registrationId) }));
    // Rizky (2021) counts; the twin brother on the KK since the first test is the same delivery, not an older sibling: 1 + order 2.
    expect(item.Item?.['notification']['child']).toMatchObject({ birthOrder: 3, multipleBirth: { count: 2, order: 2 } });
  });
});

describe('GET /fhir/metadata', () => {
  it('serves the CapabilityStatement without a token', async () => {
    const answer = await fhir(fhirStack, 'GET', '/fhir/metadata');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    expect(answer.body).toMatchObject({
      resourceType: 'CapabilityStatement',
      fhirVersion: '4.0.1',
      kind: 'instance',
      rest: [{ mode: 'server', resource: [{ type: 'Bundle', interaction: [{ code: 'create' }] }] }],
    });
  });
});

describe('the intake quota', () => {
  it('is one quota for both doors: over it, the Bundle is 429 as an OperationOutcome with Retry-After, and nothing is stored', async () => {
    const stack = await startTestStack({ intakeQuota: { perMinute: 1, perDay: 100 } });
    try {
      const hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
      expect((await apiClient(stack.url)('POST', '/v1/births', { token: hospital, body: jsonExample })).status).toBe(202);
      const over = await fhir(stack, 'POST', '/fhir/Bundle', { token: hospital, body: bundle() });
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(over.body).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'throttled' }] });
      const stored = await stack.documentClient.send(new GetCommand({ TableName: stack.tableName, Key: notificationKey('rsud-blambangan', satusehatBundleExample.identifier.value) }));
      expect(stored.Item).toBeUndefined();
    } finally {
      await stack.stop();
    }
  });
});
