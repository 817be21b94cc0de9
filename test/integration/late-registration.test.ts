import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { pdfText } from '../documents/pdf-inspect.js';
import { notification } from '../support/fixtures.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';

/**
 * Late registrations (reported more than 60 days after the birth) through the HTTP API: only a head
 * of office decides them (UU 24/2013 art. 32), the queue says so, and the decree (SK) number given
 * with the approval is kept in the history and printed on the akta.
 */
type Json = Record<string, any>;
let stack: LocalStack;
let call: ReturnType<typeof apiClient>;
let hospital: string;
let registrar: string;
let head: string;

const DECREE = '474.1/12/429.110/2026';

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

let late: string;
let timely: string;

beforeAll(async () => {
  stack = await startTestStack();
  call = apiClient(stack.url);
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  registrar = await stack.issuer.signRegistrarToken('registrar.late');
  head = await stack.issuer.signHeadOfOfficeToken('kepala.late');
  [late, timely] = await Promise.all([
    submitAndWait(notification({ notificationId: 'LATE-1', child: { name: 'Danu Wicaksono', birthDateTime: bornDaysAgo(75), birthOrder: 1 } })),
    submitAndWait(notification({ notificationId: 'LATE-2', child: { name: 'Raka Pratama', birthDateTime: bornDaysAgo(3) } })),
  ]);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('a late registration', () => {
  it('shows in the queue who may decide each case', async () => {
    const queue = await call<{ items: Json[] }>('GET', '/v1/approvals', { token: registrar });
    const byId = Object.fromEntries(queue.body.items.map((item) => [item['registrationId'], item]));
    expect(byId[late]).toMatchObject({ decidableBy: 'HEAD_OF_OFFICE', checks: [expect.objectContaining({ code: 'LATE_REGISTRATION' })] });
    expect(byId[timely]).toMatchObject({ decidableBy: 'REGISTRAR' });
  });

  it("refuses a plain registrar's approval or rejection with 403 and a reason, and changes nothing", async () => {
    const approve = await call<Json>('POST', `/v1/approvals/${late}`, { token: registrar, body: { decision: 'APPROVE' } });
    expect(approve.status).toBe(403);
    expect(approve.body['error']).toMatch(/head of office.*late registration/);
    const reject = await call<Json>('POST', `/v1/approvals/${late}`, { token: registrar, body: { decision: 'REJECT', reason: 'Data tidak lengkap' } });
    expect(reject.status).toBe(403);
    const birth = await call<Json>('GET', `/v1/births/${late}`, { token: registrar });
    expect(birth.body['status']).toBe('AWAITING_APPROVAL');
    expect(birth.body['decision']).toBeUndefined();
    const history = await call<{ events: Json[] }>('GET', `/v1/births/${late}/history`, { token: registrar });
    expect(history.body.events.filter((e) => e['action'] === 'DECISION_RECORDED')).toEqual([]);
  });

  it('refuses a decree number on a timely case, and on a rejection (400 at decreeNumber)', async () => {
    const onTimely = await call<Json>('POST', `/v1/approvals/${timely}`, { token: head, body: { decision: 'APPROVE', decreeNumber: DECREE } });
    expect(onTimely.status).toBe(400);
    expect(onTimely.body['issues']).toEqual([expect.objectContaining({ path: 'decreeNumber' })]);
    const onReject = await call<Json>('POST', `/v1/approvals/${late}`, { token: head, body: { decision: 'REJECT', reason: 'x', decreeNumber: DECREE } });
    expect(onReject.status).toBe(400);
    expect((await call<Json>('GET', `/v1/births/${timely}`, { token: registrar })).body['status']).toBe('AWAITING_APPROVAL');
  });

  it("is approved by a head of office with the decree number: kept in the case and its history, printed on the akta", async () => {
    const decided = await call<Json>('POST', `/v1/approvals/${late}`, { token: head, body: { decision: 'APPROVE', decreeNumber: DECREE } });
    expect(decided.status).toBe(200);
    const done = await waitFor(() => call<Json>('GET', `/v1/births/${late}`, { token: registrar }), (r) => r.body['status'] === 'COMPLETED');
    expect(done.body['decision']).toMatchObject({ decision: 'APPROVE', decreeNumber: DECREE });
    const history = await call<{ events: Json[] }>('GET', `/v1/births/${late}/history`, { token: registrar });
    const decisionEvent = history.body.events.find((e) => e['action'] === 'DECISION_RECORDED');
    expect(decisionEvent).toMatchObject({ detail: { decision: 'APPROVE', decreeNumber: DECREE } });
    // The audit trail says under which authority: a head of office, not a plain registrar.
    expect(decisionEvent?.['actor']).toEqual({ kind: 'registrar', id: 'kepala.late', role: 'head-of-office' });
    const pdf = await fetch(`${stack.url}/v1/births/${late}/documents/BIRTH_CERTIFICATE`, { headers: { authorization: `Bearer ${registrar}` } });
    expect(pdf.status).toBe(200);
    const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain(`Pencatatan kelahiran ini dilakukan setelah melewati batas waktu 60 hari berdasarkan Keputusan Kepala`);
    expect(text).toContain(`Nomor ${DECREE}.`);
  });

  it('leaves a timely case to any registrar', async () => {
    expect((await call('POST', `/v1/approvals/${timely}`, { token: registrar, body: { decision: 'APPROVE' } })).status).toBe(200);
    const history = await call<{ events: Json[] }>('GET', `/v1/births/${timely}/history`, { token: registrar });
    expect(history.body.events.find((e) => e['action'] === 'DECISION_RECORDED')?.['actor']).toEqual({ kind: 'registrar', id: expect.any(String) });
  });
});
