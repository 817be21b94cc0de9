import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskFunctions } from '../../infra/catalog.js';
import type { LocalStack } from '../../local/stack.js';
import { lambdaContext } from '../../local/lambda-runtime.js';
import { DEMO, notification } from '../support/fixtures.js';
import { apiClient, startTestStack, waitFor, FLOOD_QUOTA } from '../support/local-stack.js';
import { familyKey, nikSequenceKey, notificationKey, REGISTRATION_DOCUMENT_PREFIX, registrationKey } from '../../functions/shared/keys.js';
import type { SubmitResponse } from '../../api/schemas.js';
import type { Birth } from '../support/birth.js';
import { birthOnLatestDay, civilDate, nikDateDigits, recentBirth, validThroughBeforeBirthday } from '../support/dates.js';

/**
 * The birth chain end to end on the local stack: HTTP API -> DynamoDB Local -> the real ASL in the
 * local engine -> every task Lambda -> registrar decision -> issued numbers.
 */
let stack: LocalStack;
let call: ReturnType<typeof apiClient>;
let hospital: string;
let otherHospital: string;
let registrar: string;


beforeAll(async () => {
  stack = await startTestStack({ intakeQuota: FLOOD_QUOTA });
  call = apiClient(stack.url);
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  otherHospital = await stack.issuer.signHospitalToken('rs-al-huda');
  registrar = await stack.issuer.signRegistrarToken('registrar.test');
});

afterAll(async () => {
  await stack?.stop();
});

const getBirth = async (id: string, token = registrar) => (await call<Birth>('GET', `/v1/births/${id}`, { token })).body;
const waitForStatus = (id: string, status: string) => waitFor(() => getBirth(id), (b) => b.status === status);

async function submit(body: Record<string, unknown>, token = hospital) {
  const response = await call<SubmitResponse>('POST', '/v1/births', { token, body });
  return response;
}

async function submitAndApprove(body: Record<string, unknown>): Promise<Birth> {
  const { status, body: created } = await submit(body);
  expect(status).toBe(202);
  await waitForStatus(created.registrationId, 'AWAITING_APPROVAL');
  const decided = await call('POST', `/v1/approvals/${created.registrationId}`, { token: registrar, body: { decision: 'APPROVE' } });
  expect(decided.status).toBe(200);
  return waitForStatus(created.registrationId, 'COMPLETED');
}

async function familyChildren(familyCardNumber: string) {
  const { Items } = await stack.documentClient.send(
    new QueryCommand({
      TableName: stack.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :member)',
      ExpressionAttributeValues: { ':pk': familyKey(familyCardNumber).pk, ':member': 'MEMBER#' },
    }),
  );
  return Items ?? [];
}

describe('a birth notification travels to issued numbers', () => {
  it('issues NIK, KK entry, akta and KIA for a boy after a registrar approves', async () => {
    const sent = notification({ notificationId: 'boy-1' });
    const born = civilDate((sent['child'] as { birthDateTime: string }).birthDateTime);
    const { status, body } = await submit(sent);
    expect(status).toBe(202);
    expect(body.status).toBe('RECEIVED');
    expect(body.accessCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const id = body.registrationId;

    await waitForStatus(id, 'AWAITING_APPROVAL');
    const queue = await call<{ items: { registrationId: string; checks: unknown[]; child: { name: string } }[] }>('GET', '/v1/approvals', {
      token: registrar,
    });
    expect(queue.status).toBe(200);
    const pending = queue.body.items.find((i) => i.registrationId === id);
    expect(pending?.child.name).toBe('Muhammad Arka Santoso');
    expect(pending?.checks).toEqual([]);

    expect((await call('POST', `/v1/approvals/${id}`, { token: registrar, body: { decision: 'APPROVE' } })).status).toBe(200);
    const done = await waitForStatus(id, 'COMPLETED');

    // 35.10.16 (Banyuwangi) + DD MM YY of the birth + serial
    expect(done.issued?.['nik']).toBe(`351016${nikDateDigits(born, 'MALE')}0001`);
    expect(done.issued?.['familyCardNumber']).toBe(DEMO.banyuwangi.familyCardNumber);
    expect(done.issued?.['familyCardVersion']).toBe(2);
    expect(done.issued?.['birthCertificateNumber']).toMatch(/^3510-LT-\d{8}-0001$/);
    expect(done.issued?.['childIdCardNumber']).toBe(done.issued?.['nik']);
    expect(done.issued?.['childIdCardValidThrough']).toBe(validThroughBeforeBirthday(born, 5));
    expect(done.timeline.map((t) => t.step)).toEqual([
      'RECEIVED',
      'VALIDATED',
      'AWAITING_APPROVAL',
      'APPROVED',
      'NIK_ISSUED',
      'FAMILY_CARD_UPDATED',
      'BIRTH_CERTIFICATE_ISSUED',
      'CHILD_ID_CARD_ISSUED',
      'DOCUMENTS_ISSUED',
      'COMPLETED',
    ]);
    const children = (await familyChildren(DEMO.banyuwangi.familyCardNumber)).filter((m) => m['nik'] === done.issued?.['nik']);
    expect(children).toHaveLength(1);
    expect(children[0]?.['relationship']).toBe('ANAK'); // SHDK: the mother is the head's wife
    // no longer in the queue
    const after = await call<{ items: { registrationId: string }[] }>('GET', '/v1/approvals', { token: registrar });
    expect(after.body.items.some((i) => i.registrationId === id)).toBe(false);
  });

  it('costs 18 DynamoDB calls from notification to documents, step by step (README "Performance")', async () => {
    const chain = ['SubmitBirth', 'ValidateNotification', 'RequestApproval', 'DecideApproval', 'RegisterChild', 'IssueDocuments'];
    const dynamodbCalls = () => {
      const byStep: Record<string, Record<string, number>> = Object.fromEntries(chain.map((id) => [id, {}]));
      for (const { functionId, operation, count } of stack.awsOperationCounts()) {
        const step = byStep[functionId];
        if (step && operation.startsWith('dynamodb:')) step[operation.slice('dynamodb:'.length)] = count;
      }
      return byStep;
    };
    const before = dynamodbCalls();
    await submitAndApprove(notification({ notificationId: 'call-budget', child: { birthDateTime: recentBirth({ daysAgo: 9 }) } }));
    const after = dynamodbCalls();
    const spent: Record<string, Record<string, number>> = Object.fromEntries(
      chain.map((id) => [id, Object.fromEntries(Object.entries(after[id]!).map(([op, n]) => [op, n - (before[id]![op] ?? 0)]).filter(([, n]) => n !== 0))]),
    );
    expect(spent).toEqual({
      SubmitBirth: { UpdateItem: 1, TransactWriteItems: 1 }, // the intake quota; notification + registration
      ValidateNotification: { GetItem: 1, BatchGetItem: 1, Query: 1, UpdateItem: 1 }, // no KK-members Query: its youngest was born in 2021
      RequestApproval: { UpdateItem: 1 }, // parked without reading the registration first
      DecideApproval: { GetItem: 1, TransactWriteItems: 1 },
      RegisterChild: { GetItem: 1, UpdateItem: 3, TransactWriteItems: 1 },
      IssueDocuments: { GetItem: 1, BatchGetItem: 1, Query: 1, TransactWriteItems: 1 },
    });
    expect(Object.values(spent).flatMap((ops) => Object.values(ops)).reduce((a, b) => a + b, 0)).toBe(18);
  });

  it('re-runs the first approval request on a parked registration as a read would: same requestedAt, no second queue entry, then completes', async () => {
    const { body } = await submit(notification({ notificationId: 'request-rerun', child: { birthDateTime: recentBirth({ daysAgo: 8 }) } }));
    const id = body.registrationId;
    await waitForStatus(id, 'AWAITING_APPROVAL');
    const stored = async () => (await stack.documentClient.send(new GetCommand({ TableName: stack.tableName, Key: registrationKey(id), ConsistentRead: true }))).Item!;
    const parked = await stored();
    // The step re-run with the same token (a Lambda retry after its write): its conditional first park is refused, and it parks again from the item as it was.
    await stack.functionHandler('RequestApproval')({ registrationId: id, taskToken: parked['approval'].taskToken, escalated: false }, lambdaContext('request-approval'));
    const again = await stored();
    expect(again['approval']).toEqual(parked['approval']);
    expect(again['gsi1sk']).toBe(parked['gsi1sk']);
    expect(again['steps']['AWAITING_APPROVAL']).toEqual(parked['steps']['AWAITING_APPROVAL']);
    expect((await call('POST', `/v1/approvals/${id}`, { token: registrar, body: { decision: 'APPROVE' } })).status).toBe(200);
    expect((await waitForStatus(id, 'COMPLETED')).status).toBe('COMPLETED');
  });

  it('adds 40 to the day for a girl born on the 31st', async () => {
    const born = birthOnLatestDay(31, '23:40');
    const done = await submitAndApprove(
      notification({
        notificationId: 'girl-31',
        child: { name: 'Ayu', sex: 'FEMALE', birthDateTime: born, birthOrder: 3 },
      }),
    );
    expect(done.issued?.['nik']).toBe(`351016${nikDateDigits(civilDate(born), 'FEMALE')}0001`);
    expect(done.issued?.['nik']?.slice(6, 8)).toBe('71');
  });

  it('answers a repeated notification with the same registration and starts nothing new; a changed body is 409', async () => {
    const body = notification({ notificationId: 'repeat-1', child: { birthDateTime: recentBirth({ daysAgo: 13 }) } });
    const first = await submit(body);
    const again = await submit({ ...body, contactPhone: '+62 812 3456 7890' }); // same number, other spelling
    expect(first.status).toBe(202);
    expect(again.status).toBe(200);
    expect(again.body.registrationId).toBe(first.body.registrationId);
    expect(again.body.accessCode).toBe(first.body.accessCode);
    const executions = await stack.engine.describeExecution(
      `${stack.stateMachineArn.replace(':stateMachine:', ':execution:')}:${first.body.registrationId}`,
    );
    expect(executions.name).toBe(first.body.registrationId);

    const changed = await submit({ ...body, child: { ...(body['child'] as object), weightGrams: 2999 } });
    expect(changed.status).toBe(409);
    expect(changed.body).toMatchObject({ registrationId: first.body.registrationId });
    // The other hospital may use the same reference for its own birth.
    const otherFacility = await submit(body, otherHospital);
    expect(otherFacility.status).toBe(202);
    expect(otherFacility.body.registrationId).not.toBe(first.body.registrationId);
  });

  it('refuses invalid input with field paths and stores nothing', async () => {
    const bad = notification({
      notificationId: 'bad-1',
      child: { sex: 'BOY', birthDateTime: '2026-02-30T10:00:00+07:00', multipleBirth: { count: 2, order: 3 }, weightGrams: 50 },
      mother: { nik: '12345' },
    });
    const response = await call<{ error: string; issues: { path: string; message: string }[] }>('POST', '/v1/births', { token: hospital, body: bad });
    expect(response.status).toBe(400);
    const paths = response.body.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['child.sex', 'child.birthDateTime', 'child.multipleBirth.order', 'child.weightGrams', 'mother.nik']),
    );
    const { Item } = await stack.documentClient.send(
      new GetCommand({ TableName: stack.tableName, Key: notificationKey('rsud-blambangan', 'bad-1') }),
    );
    expect(Item).toBeUndefined();

    expect((await call('POST', '/v1/births', { token: hospital, rawBody: '{not json' })).status).toBe(400);
    expect((await call('POST', '/v1/births', { token: hospital, rawBody: 'a=b', contentType: 'text/plain' })).status).toBe(415);
    const unknownField = await call<{ issues: { path: string }[] }>('POST', '/v1/births', {
      token: hospital,
      body: { ...notification({ notificationId: 'bad-2' }), extra: true },
    });
    expect(unknownField.status).toBe(400);
  });

  it('enforces who may call each route', async () => {
    const created = await submit(notification({ notificationId: 'auth-1', child: { birthDateTime: recentBirth({ daysAgo: 14 }) } }));
    const id = created.body.registrationId;
    expect((await call('POST', '/v1/births', { body: notification() })).status).toBe(401);
    expect((await call('POST', '/v1/births', { token: 'not-a-jwt', body: notification() })).status).toBe(401);
    const expired = await stack.issuer.signHospitalToken('rsud-blambangan', { expiresInSeconds: -60 });
    expect((await call('GET', `/v1/births/${id}`, { token: expired })).status).toBe(401);
    expect((await call('POST', '/v1/births', { token: registrar, body: notification() })).status).toBe(403);
    expect((await call('GET', '/v1/approvals', { token: hospital })).status).toBe(403);
    expect((await call('POST', `/v1/approvals/${id}`, { token: hospital, body: { decision: 'APPROVE' } })).status).toBe(403);
    expect((await call('GET', `/v1/births/${id}`, { token: otherHospital })).status).toBe(404);
    expect((await call('GET', `/v1/births/${id}`, { token: hospital })).status).toBe(200);
    expect((await call('GET', `/v1/births/${id}`, { token: registrar })).status).toBe(200);
  });

  it('records a registrar rejection with its reason; a second decision is 409', async () => {
    const created = await submit(notification({ notificationId: 'reject-1', child: { birthDateTime: recentBirth({ daysAgo: 15 }) } }));
    const id = created.body.registrationId;
    await waitForStatus(id, 'AWAITING_APPROVAL');
    const noReason = await call<{ issues: { path: string }[] }>('POST', `/v1/approvals/${id}`, { token: registrar, body: { decision: 'REJECT' } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.issues.map((i) => i.path)).toEqual(['reason']);
    const reason = 'Surat keterangan lahir tidak terbaca';
    expect((await call('POST', `/v1/approvals/${id}`, { token: registrar, body: { decision: 'REJECT', reason } })).status).toBe(200);
    const rejected = await waitFor(() => getBirth(id, hospital), (b) => b.timeline.some((t) => t.step === 'REJECTED'));
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.rejection).toMatchObject({ source: 'REGISTRAR', reason });
    expect(rejected.issued).toBeUndefined();
    expect((await call('POST', `/v1/approvals/${id}`, { token: registrar, body: { decision: 'APPROVE' } })).status).toBe(409);
    // Repeating the same decision is a safe retry.
    expect((await call('POST', `/v1/approvals/${id}`, { token: registrar, body: { decision: 'REJECT', reason } })).status).toBe(200);
  });

  it('rejects at once, with the check, a mother who is not in the registry', async () => {
    const created = await submit(notification({ notificationId: 'unknown-mother', mother: { nik: '3510165505990009' } }));
    const rejected = await waitForStatus(created.body.registrationId, 'REJECTED');
    expect(rejected.checks.map((c) => c.code)).toContain('MOTHER_NOT_FOUND');
    expect(rejected.rejection?.source).toBe('REGISTRY_CHECKS');
    expect((await call('POST', `/v1/approvals/${created.body.registrationId}`, { token: registrar, body: { decision: 'APPROVE' } })).status).toBe(409);
  });

  it('gives 50 concurrent births with one NIK prefix 50 distinct serials, and replays issue nothing new', async () => {
    const born = recentBirth({ daysAgo: 30 });
    const prefix = `351009${nikDateDigits(civilDate(born), 'FEMALE')}`;
    const bodies = Array.from({ length: 50 }, (_, i) =>
      notification({
        notificationId: `burst-${i}`,
        mother: { nik: DEMO.genteng.motherNik },
        father: undefined,
        familyCardNumber: DEMO.genteng.familyCardNumber,
        child: { name: `Anak ${String.fromCharCode(65 + (i % 26))}`, sex: 'FEMALE', birthDateTime: born, birthOrder: 1 },
      }),
    );
    const created = await Promise.all(bodies.map((body) => submit(body)));
    expect(created.every((r) => r.status === 202)).toBe(true);
    const ids = created.map((r) => r.body.registrationId);
    await Promise.all(ids.map((id) => waitForStatus(id, 'AWAITING_APPROVAL')));
    const decisions = await Promise.all(ids.map((id) => call('POST', `/v1/approvals/${id}`, { token: registrar, body: { decision: 'APPROVE' } })));
    expect(decisions.every((d) => d.status === 200)).toBe(true);
    const done = await Promise.all(ids.map((id) => waitForStatus(id, 'COMPLETED')));
    const niks = done.map((b) => String(b.issued?.['nik']));
    expect(new Set(niks).size).toBe(50);
    expect(niks.every((n) => n.startsWith(prefix))).toBe(true);
    expect(niks.map((n) => Number(n.slice(12))).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const members = await familyChildren(DEMO.genteng.familyCardNumber);
    expect(members.filter((m) => niks.includes(String(m['nik'])))).toHaveLength(50);
    const versions = done.map((b) => Number(b.issued?.['familyCardVersion'])).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));

    // Replay every task step of every registration, and then every whole execution under a new name.
    const before = await Promise.all(ids.map((id) => getBirth(id)));
    const counter = async () =>
      (await stack.documentClient.send(new GetCommand({ TableName: stack.tableName, Key: nikSequenceKey(prefix) }))).Item?.[
        'lastSerial'
      ];
    const serialBefore = await counter();
    const documentIds = async () =>
      (
        await Promise.all(
          ids.map(async (registrationId) => {
            const { Items } = await stack.documentClient.send(
              new QueryCommand({
                TableName: stack.tableName,
                KeyConditionExpression: 'pk = :pk AND begins_with(sk, :doc)',
                ExpressionAttributeValues: { ':pk': registrationKey(registrationId).pk, ':doc': REGISTRATION_DOCUMENT_PREFIX },
              }),
            );
            return (Items ?? []).map((item) => `${item['type']}:${item['number']}:${item['verificationId']}`).sort();
          }),
        )
      ).flat();
    const documentsBefore = await documentIds();
    expect(documentsBefore).toHaveLength(150);
    // Every step on the approved path (RequestApproval needs a token: the whole-execution replay covers it).
    const path = ['ValidateNotification', 'RegisterChild', 'IssueDocuments'];
    const replayable = taskFunctions.filter((f) => path.includes(f.id));
    for (const spec of replayable) {
      const handler = stack.functionHandler(spec.id);
      await Promise.all(ids.map((registrationId) => handler({ registrationId }, lambdaContext(spec.dir))));
    }
    const replays = await Promise.all(
      ids.map((registrationId) =>
        stack.engine.startExecution({ stateMachineArn: stack.stateMachineArn, name: `replay-${registrationId}`, input: JSON.stringify({ registrationId }) }),
      ),
    );
    const replayed = await Promise.all(
      replays.map((r) => waitFor(() => stack.engine.describeExecution(r.executionArn), (e) => e.status !== 'RUNNING')),
    );
    expect(replayed.map((e) => e.status)).toEqual(Array(50).fill('SUCCEEDED'));
    const after = await Promise.all(ids.map((id) => getBirth(id)));
    expect(after.map((b) => b.issued)).toEqual(before.map((b) => b.issued));
    expect(after.map((b) => b.status)).toEqual(Array(50).fill('COMPLETED'));
    expect(await counter()).toBe(serialBefore);
    expect(await documentIds()).toEqual(documentsBefore);
    expect((await familyChildren(DEMO.genteng.familyCardNumber)).filter((m) => niks.includes(String(m['nik'])))).toHaveLength(50);
  });
});
