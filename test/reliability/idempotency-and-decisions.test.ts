import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { DEMO, notification } from '../support/fixtures.js';
import { apiClient, startTestStack, waitFor, FLOOD_QUOTA } from '../support/local-stack.js';
import { facilitySubmissionsPartition, nikSequenceKey, notificationKey, REGISTRATION_DOCUMENT_PREFIX, registrationKey } from '../../functions/shared/keys.js';
import type { Birth } from '../support/birth.js';
import { recentBirth } from '../support/dates.js';

/**
 * Exactly once at the edges: the same notification sent 50 times at once, the same decision sent 50
 * times at once, and decisions that come too late or twice. The ASL's waits are scaled down
 * (4 h -> ~70 ms, 7 days -> ~3 s) so an approval can expire within the test.
 */
let stack: LocalStack;
let call: ReturnType<typeof apiClient>;
let hospital: string;
let registrar: string;

beforeAll(async () => {
  stack = await startTestStack({ intakeQuota: FLOOD_QUOTA, timeoutScale: 0.000005 });
  call = apiClient(stack.url);
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  registrar = await stack.issuer.signRegistrarToken('registrar.test');
});

afterAll(async () => {
  await stack?.stop();
});

const getBirth = async (id: string) => (await call<Birth>('GET', `/v1/births/${id}`, { token: registrar })).body;
const executionArn = (id: string) => `${stack.stateMachineArn.replace(':stateMachine:', ':execution:')}:${id}`;
const decide = (id: string, body: Record<string, unknown>) => call<{ error?: string; status?: string }>('POST', `/v1/approvals/${id}`, { token: registrar, body });

async function itemsOf(prefix: string): Promise<Record<string, unknown>[]> {
  const { Items } = await stack.documentClient.send(
    new ScanCommand({ TableName: stack.tableName, FilterExpression: 'begins_with(pk, :p)', ExpressionAttributeValues: { ':p': prefix } }),
  );
  return Items ?? [];
}

async function submit(notificationId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await call<{ registrationId: string }>('POST', '/v1/births', { token: hospital, body: notification({ notificationId, ...overrides }) });
  expect(response.status).toBe(202);
  return response.body.registrationId;
}

/** Nothing issued for a registration: no numbers on it, no document records, no KK member, no NIK counter touched. */
async function expectNothingIssued(id: string): Promise<void> {
  const birth = await getBirth(id);
  expect(birth.issued ?? {}).toEqual({});
  const { Items } = await stack.documentClient.send(
    new QueryCommand({
      TableName: stack.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :doc)',
      ExpressionAttributeValues: { ':pk': registrationKey(id).pk, ':doc': REGISTRATION_DOCUMENT_PREFIX },
    }),
  );
  expect(Items ?? []).toEqual([]);
  const numbers = [...(await itemsOf('DOC#BIRTH_CERTIFICATE#')), ...(await itemsOf('DOC#CHILD_ID_CARD#'))];
  expect(numbers.filter((d) => d['registrationId'] === id)).toEqual([]);
  const members = await itemsOf('FAMILY#');
  expect(members.filter((m) => m['registrationId'] === id)).toEqual([]);
}

describe('the same request many times at once', () => {
  it('stores one registration and starts one execution for the same notification sent 50 times concurrently', async () => {
    const body = notification({ notificationId: 'same-50', child: { birthDateTime: recentBirth({ daysAgo: 19 }) } });
    const responses = await Promise.all(Array.from({ length: 50 }, () => call<{ registrationId: string; accessCode: string }>('POST', '/v1/births', { token: hospital, body })));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    const ids = new Set(responses.map((r) => r.body.registrationId));
    expect(ids.size).toBe(1);
    expect(new Set(responses.map((r) => r.body.accessCode)).size).toBe(1);
    const [id] = [...ids] as [string];

    const registrations = (await itemsOf('REG#')).filter((r) => r['sk'] === 'REG' && r['notificationId'] === 'same-50');
    expect(registrations).toHaveLength(1);
    expect((await itemsOf(notificationKey('rsud-blambangan', 'same-50').pk)).length).toBe(1);
    expect((await itemsOf(facilitySubmissionsPartition('rsud-blambangan'))).filter((s) => s['registrationId'] === id)).toHaveLength(1);
    // One execution, named after the registration, and the workflow reached the decision once.
    const execution = await stack.engine.describeExecution(executionArn(id));
    expect(execution.name).toBe(id);
    const pending = await waitFor(() => getBirth(id), (b) => b.status === 'AWAITING_APPROVAL');
    expect(pending.timeline.filter((t) => t.step === 'VALIDATED')).toHaveLength(1);

    // The same approval 50 times at once: one decision, one completion, one NIK.
    const decisions = await Promise.all(Array.from({ length: 50 }, () => decide(id, { decision: 'APPROVE' })));
    expect(decisions.map((d) => d.status)).toEqual(Array(50).fill(200));
    const done = await waitFor(() => getBirth(id), (b) => b.status === 'COMPLETED');
    expect(done.timeline.filter((t) => t.step === 'APPROVED')).toHaveLength(1);
    expect(done.timeline.filter((t) => t.step === 'NIK_ISSUED')).toHaveLength(1);
    const nikPrefix = String(done.issued?.['nik']).slice(0, 12);
    const [counter] = await itemsOf(nikSequenceKey(nikPrefix).pk);
    expect(counter?.['lastSerial']).toBe(1);
    await waitFor(async () => (await stack.engine.describeExecution(executionArn(id))).status, (s) => s === 'SUCCEEDED');
  });
});

describe('decisions that cannot be taken', () => {
  it('answers a second, different decision on an approved case with 409 and changes nothing', async () => {
    const id = await submit('decide-twice', { child: { birthDateTime: recentBirth({ daysAgo: 18 }) } });
    await waitFor(() => getBirth(id), (b) => b.status === 'AWAITING_APPROVAL');
    expect((await decide(id, { decision: 'APPROVE' })).status).toBe(200);
    const second = await decide(id, { decision: 'REJECT', reason: 'Berubah pikiran' });
    expect(second.status).toBe(409);
    expect(second.body.error).toBe('This registration has already been decided');
    const done = await waitFor(() => getBirth(id), (b) => b.status === 'COMPLETED');
    expect(done.decision?.decision).toBe('APPROVE');
  });

  it('answers an approval of a case the registrar rejected with 409, and issues nothing', async () => {
    const id = await submit('reject-then-approve', { child: { birthDateTime: recentBirth({ daysAgo: 17 }) } });
    await waitFor(() => getBirth(id), (b) => b.status === 'AWAITING_APPROVAL');
    expect((await decide(id, { decision: 'REJECT', reason: 'Dokumen tidak lengkap' })).status).toBe(200);
    await waitFor(() => getBirth(id), (b) => b.timeline.some((t) => t.step === 'REJECTED'));
    const late = await decide(id, { decision: 'APPROVE' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: 'This registration has already been decided', status: 'REJECTED' });
    await waitFor(async () => (await stack.engine.describeExecution(executionArn(id))).status, (s) => s === 'SUCCEEDED');
    await expectNothingIssued(id);
  });

  it('answers an approval of a case the registry checks rejected with 409, and issues nothing', async () => {
    const id = await submit('registry-rejected', { mother: { nik: '3510165505990009' } });
    await waitFor(() => getBirth(id), (b) => b.status === 'REJECTED');
    const late = await decide(id, { decision: 'APPROVE' });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ error: 'This registration is not awaiting a decision', status: 'REJECTED' });
    await expectNothingIssued(id);
  });

  it('answers a decision after the approval expired with 410, and issues nothing', async () => {
    const id = await submit('expired', {
      mother: { nik: DEMO.rogojampi.motherNik },
      father: { nik: DEMO.rogojampi.fatherNik },
      familyCardNumber: DEMO.rogojampi.familyCardNumber,
      child: { birthDateTime: recentBirth({ daysAgo: 20 }) },
    });
    const failed = await waitFor(() => getBirth(id), (b) => b.status === 'FAILED', 30_000);
    expect(failed.failure?.error).toBe('ApprovalExpired');
    for (const decision of [{ decision: 'APPROVE' }, { decision: 'REJECT', reason: 'Terlambat' }]) {
      const late = await decide(id, decision);
      expect(late.status).toBe(410);
      expect(late.body).toMatchObject({ error: 'The approval window has closed; the hospital must submit a new notification', status: 'FAILED' });
    }
    await expectNothingIssued(id);
  });
});
