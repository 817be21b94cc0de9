import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../api/openapi.js';
import type { LocalStack } from '../../local/stack.js';
import { DEMO, notification } from '../support/fixtures.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';

/**
 * The registry office's own routes on the local stack: a case's history (timeline + audit trail),
 * search by registration id, NIK and akta number, and the dashboard's figures, computed from three
 * decided cases and one still waiting. Answers are checked against the published OpenAPI document.
 */
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const document = buildOpenApiDocument();

/** The 200 body schema of a route as published (closed objects: an undocumented field fails). */
function validator(path: string): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
  addFormats(ajv);
  const rewrite = (value: unknown) => JSON.parse(JSON.stringify(value).replaceAll('"#/components/schemas/', '"#/$defs/')) as Record<string, unknown>;
  const schema = (document.paths[path]?.get?.responses['200'] as { content: Record<string, { schema: unknown }> }).content['application/json']!.schema;
  return ajv.compile({ ...rewrite(schema), $defs: rewrite(document.components.schemas) });
}
function expectDocumented(path: string, body: unknown): void {
  const validate = validator(path);
  expect(validate(body) ? [] : validate.errors).toEqual([]);
}

type Json = Record<string, any>;
let stack: LocalStack;
let call: ReturnType<typeof apiClient>;
let hospital: string;
let registrar: string;
let headOfOffice: string;
const cases: { approved?: Json; rejected?: string; late?: Json; waiting?: string } = {};

/** An ISO birth time `daysAgo` days before now, written at WIB. */
function bornDaysAgo(daysAgo: number): string {
  const wib = new Date(Date.now() - daysAgo * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 16);
  return `${wib}:00+07:00`;
}

async function submitAndWait(body: Record<string, unknown>): Promise<string> {
  const sent = await call<Json>('POST', '/v1/births', { token: hospital, body });
  expect(sent.status).toBe(202);
  const id = sent.body['registrationId'] as string;
  await waitFor(() => call<Json>('GET', `/v1/births/${id}`, { token: registrar }), (r) => r.body['status'] === 'AWAITING_APPROVAL');
  return id;
}

async function decide(id: string, body: Json, until: string, token = registrar): Promise<Json> {
  expect((await call('POST', `/v1/approvals/${id}`, { token, body })).status).toBe(200);
  return (await waitFor(() => call<Json>('GET', `/v1/births/${id}`, { token: registrar }), (r) => r.body['status'] === until)).body;
}

beforeAll(async () => {
  stack = await startTestStack();
  call = apiClient(stack.url);
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  registrar = await stack.issuer.signRegistrarToken('registrar.office');
  headOfOffice = await stack.issuer.signHeadOfOfficeToken('kepala.office');

  const [approved, rejected, late, waiting] = await Promise.all([
    submitAndWait(notification({ notificationId: 'OFFICE-1', child: { name: 'Raka Pratama', birthDateTime: bornDaysAgo(2) } })),
    submitAndWait(
      notification({
        notificationId: 'OFFICE-2',
        child: { name: 'Sekar Ayu', sex: 'FEMALE', birthDateTime: bornDaysAgo(1) },
        mother: { nik: DEMO.rogojampi.motherNik },
        father: { nik: DEMO.rogojampi.fatherNik },
        familyCardNumber: DEMO.rogojampi.familyCardNumber,
      }),
    ),
    // Notified 70 days after the birth: LATE_REGISTRATION.
    submitAndWait(notification({ notificationId: 'OFFICE-3', child: { name: 'Danu Wicaksono', birthDateTime: bornDaysAgo(70), birthOrder: 1 } })),
    submitAndWait(
      notification({
        notificationId: 'OFFICE-4',
        child: { name: 'Laras Kinanti', sex: 'FEMALE', birthDateTime: bornDaysAgo(1) },
        mother: { nik: DEMO.genteng.motherNik },
        familyCardNumber: DEMO.genteng.familyCardNumber,
      }),
    ),
  ]);
  cases.approved = await decide(approved, { decision: 'APPROVE' }, 'COMPLETED');
  await decide(rejected, { decision: 'REJECT', reason: 'Sudah didaftarkan oleh Ibu Wulandari di Jember', reasonCode: 'DUPLICATE' }, 'REJECTED');
  cases.rejected = rejected;
  // A late registration is the head of office's decision.
  cases.late = await decide(late, { decision: 'APPROVE' }, 'COMPLETED', headOfOffice);
  cases.waiting = waiting;
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('GET /v1/births/{registrationId}/history', () => {
  it('merges the timeline and the audit trail, oldest first: the submission, the decision with who and when, the issued steps', async () => {
    const id = cases.approved!['registrationId'] as string;
    const history = await call<Json>('GET', `/v1/births/${id}/history`, { token: registrar });
    expect(history.status).toBe(200);
    expectDocumented('/v1/births/{registrationId}/history', history.body);
    const events = history.body['events'] as Json[];
    const at = events.map((e) => e['at'] as string);
    expect(at).toEqual([...at].sort());
    const labels = events.map((e) => e['step'] ?? e['action']);
    expect(labels.slice(0, 2)).toEqual(['RECEIVED', 'BIRTH_SUBMITTED']);
    expect(labels).toEqual(expect.arrayContaining(['AWAITING_APPROVAL', 'DECISION_RECORDED', 'APPROVED', 'DOCUMENTS_ISSUED', 'COMPLETED']));
    expect(labels.indexOf('DECISION_RECORDED')).toBeLessThan(labels.indexOf('NIK_ISSUED'));
    expect(events.find((e) => e['action'] === 'BIRTH_SUBMITTED')).toMatchObject({
      kind: 'AUDIT',
      actor: { kind: 'hospital', id: 'rsud-blambangan' },
      detail: { notificationId: 'OFFICE-1' },
    });
    const decision = events.find((e) => e['action'] === 'DECISION_RECORDED')!;
    expect(decision).toMatchObject({ actor: { kind: 'registrar', id: 'registrar.office' }, outcome: 'ALLOWED', detail: { decision: 'APPROVE' } });
    expect(decision['at']).toBe(cases.approved!['timeline'].find((s: Json) => s['step'] === 'APPROVED')['at']);
    expect(events.find((e) => e['step'] === 'APPROVED')!['actor']).toEqual({ kind: 'registrar', id: 'registrar.office' });
    expect(events.find((e) => e['step'] === 'NIK_ISSUED')!['actor']).toEqual({ kind: 'system' });
    expect(history.body['truncated']).toBe(false);
  });

  it('keeps a rejection’s reason code, not its free text; downloads are added as they happen', async () => {
    const rejected = await call<Json>('GET', `/v1/births/${cases.rejected}/history`, { token: registrar });
    const decision = (rejected.body['events'] as Json[]).find((e) => e['action'] === 'DECISION_RECORDED');
    expect(decision!['detail']).toEqual({ decision: 'REJECT', reasonCode: 'DUPLICATE' });
    expect(JSON.stringify(rejected.body)).not.toContain('Wulandari');

    const id = cases.approved!['registrationId'] as string;
    const pdf = await fetch(`${stack.url}/v1/births/${id}/documents/BIRTH_CERTIFICATE`, { headers: { authorization: `Bearer ${hospital}` } });
    expect(pdf.status).toBe(200);
    await pdf.arrayBuffer();
    const after = await call<Json>('GET', `/v1/births/${id}/history`, { token: registrar });
    const last = (after.body['events'] as Json[]).at(-1)!;
    expect(last).toMatchObject({ kind: 'AUDIT', action: 'DOCUMENT_DOWNLOADED', actor: { kind: 'hospital', id: 'rsud-blambangan' } });
  });

  it('is for registrars: a hospital gets 403, an unknown registration 404', async () => {
    const id = cases.approved!['registrationId'] as string;
    expect((await call('GET', `/v1/births/${id}/history`, { token: hospital })).status).toBe(403);
    expect((await call('GET', `/v1/births/${id}/history`)).status).toBe(401);
    expect((await call('GET', '/v1/births/00000000-0000-4000-8000-000000000000/history', { token: registrar })).status).toBe(404);
  });
});

describe('GET /v1/search', () => {
  const search = (q: string, token = registrar) => call<Json>('GET', `/v1/search?q=${encodeURIComponent(q)}`, { token });

  it('finds a registration by its id, the child’s NIK and the akta number', async () => {
    const { registrationId, issued } = cases.approved as { registrationId: string; issued: Json };
    const expected = { registrationId, status: 'COMPLETED', childName: 'Raka Pratama', birthDate: bornDaysAgo(2).slice(0, 10) };
    for (const [q, matchedBy] of [
      [registrationId, 'REGISTRATION_ID'],
      [registrationId.toUpperCase(), 'REGISTRATION_ID'],
      [issued['nik'], 'CHILD_NIK'],
      [issued['birthCertificateNumber'], 'AKTA_NUMBER'],
      [String(issued['birthCertificateNumber']).toLowerCase(), 'AKTA_NUMBER'],
    ] as const) {
      const found = await search(String(q));
      expect(found.status, String(q)).toBe(200);
      expectDocumented('/v1/search', found.body);
      expect(found.body['items'], String(q)).toEqual([expect.objectContaining({ ...expected, matchedBy })]);
    }
  });

  it('finds every registration of a mother by her NIK, newest birth first', async () => {
    const found = await search(DEMO.banyuwangi.motherNik);
    expect(found.status).toBe(200);
    expect((found.body['items'] as Json[]).map((i) => [i['childName'], i['matchedBy']])).toEqual([
      ['Raka Pratama', 'MOTHER_NIK'],
      ['Danu Wicaksono', 'MOTHER_NIK'],
    ]);
    const rejected = await search(DEMO.rogojampi.motherNik);
    expect(rejected.body['items']).toEqual([expect.objectContaining({ registrationId: cases.rejected, status: 'REJECTED' })]);
  });

  it('answers an empty list for a well-formed key that matches nothing, 400 at `q` for anything else, 403 to hospitals', async () => {
    expect((await search('3510-LT-01012020-9999')).body).toEqual({ items: [] });
    expect((await search('3510999999999999')).body).toEqual({ items: [] });
    for (const q of ['Raka', '12345', '']) {
      const bad = await search(q);
      expect(bad.status, q).toBe(400);
      expect(bad.body['issues'][0].path).toBe('q');
    }
    expect((await call<Json>('GET', '/v1/search', { token: registrar })).body['issues'][0].path).toBe('q');
    expect((await search(DEMO.banyuwangi.motherNik, hospital)).status).toBe(403);
  });
});

describe('GET /v1/dashboard', () => {
  it('computes the figures from the decisions and registrations in the window, and the queue by age', async () => {
    const dashboard = await call<Json>('GET', '/v1/dashboard', { token: registrar });
    expect(dashboard.status).toBe(200);
    expectDocumented('/v1/dashboard', dashboard.body);
    const body = dashboard.body;
    const perDay = body['registeredPerDay'] as Json[];
    expect(perDay).toHaveLength(30);
    expect(perDay.at(-1)).toEqual({ date: body['to'], count: 2 });
    expect(perDay.slice(0, -1).every((d) => d['count'] === 0)).toBe(true);
    expect(body['registered']).toBe(2);
    // Three decisions, each within seconds of reaching the queue; two births registered, one of them late.
    expect(body['decidedWithin4Hours']).toEqual({ total: 3, count: 3, share: 1 });
    expect(body['registeredWithin60Days']).toEqual({ total: 2, count: 1, share: 0.5 });
    expect(body['medianMinutesToDocuments']).toBeGreaterThanOrEqual(0);
    expect(body['medianMinutesToDocuments']).toBeLessThan(2);
    expect(body['pendingByAge']).toEqual({ under1h: 1, from1hTo4h: 0, over4h: 0 });
  });

  it('takes a window of 1 to 90 days; registrars only', async () => {
    const week = await call<Json>('GET', '/v1/dashboard?days=7', { token: registrar });
    expect(week.body['registeredPerDay']).toHaveLength(7);
    const bad = await call<Json>('GET', '/v1/dashboard?days=91', { token: registrar });
    expect(bad.status).toBe(400);
    expect(bad.body['issues'][0].path).toBe('days');
    expect((await call('GET', '/v1/dashboard', { token: hospital })).status).toBe(403);
  });
});
