import { SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { registrationAuditPartition } from '../../functions/shared/audit.js';
import { amendmentKey, registrationKey } from '../../functions/shared/keys.js';
import { lambdaContext } from '../../local/lambda-runtime.js';
import type { LocalStack } from '../../local/stack.js';
import { recentBirth } from '../support/dates.js';
import { executionEndEvent } from '../support/execution-events.js';
import { notification } from '../support/fixtures.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';

/**
 * An amendment follows its execution's end (RecordExecutionEnd, on the amendment engine's execution
 * status change event as the EventBridge rule delivers it in AWS): an amendment execution stopped
 * (StopExecution) while it waits for the head's decision never reaches RecordAmendmentFailure, so
 * without it the registration kept `openAmendmentId` and refused every new amendment (409) for ever.
 */
let stack: LocalStack;
let call: ReturnType<typeof apiClient>;
let hospital: string;
let registrar: string;
let head: string;

type Json = Record<string, any>;

beforeAll(async () => {
  stack = await startTestStack();
  call = apiClient(stack.url);
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  registrar = await stack.issuer.signRegistrarToken('registrar.test');
  head = await stack.issuer.signHeadOfOfficeToken('kadis.test');
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

const get = async (key: { pk: string; sk: string }) =>
  (await stack.documentClient.send(new GetCommand({ TableName: stack.tableName, Key: key, ConsistentRead: true }))).Item as Json | undefined;
const executionArnOf = (amendmentId: string) => `${stack.amendmentStateMachineArn.replace(':stateMachine:', ':execution:')}:${amendmentId}`;
const auditActions = async (registrationId: string) =>
  (
    (
      await stack.documentClient.send(
        new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': registrationAuditPartition(registrationId) }, ConsistentRead: true }),
      )
    ).Items ?? []
  ).map((item) => item['action'] as string);

async function completedBirth(notificationId: string): Promise<string> {
  const created = await call<{ registrationId: string }>('POST', '/v1/births', {
    token: hospital,
    body: notification({ notificationId, child: { name: 'Putri Ayu Lestari', sex: 'FEMALE', birthOrder: 1, birthDateTime: recentBirth({ daysAgo: 9, at: '07:30' }) } }),
  });
  expect(created.status).toBe(202);
  const id = created.body.registrationId;
  await waitFor(async () => (await call<Json>('GET', `/v1/births/${id}`, { token: registrar })).body, (b) => b['status'] === 'AWAITING_APPROVAL');
  expect((await call('POST', `/v1/approvals/${id}`, { token: registrar, body: { decision: 'APPROVE' } })).status).toBe(200);
  await waitFor(async () => (await call<Json>('GET', `/v1/births/${id}`, { token: registrar })).body, (b) => b['status'] === 'COMPLETED');
  return id;
}

const correction = (name: string) => ({
  kind: 'CORRECTION',
  changes: { child: { name } },
  reason: 'Salah ketik nama',
  evidence: [{ type: 'SURAT_KETERANGAN_LAHIR', reference: 'SKL/2026/0456' }],
});

/** The event EventBridge would deliver (again) for an execution that has ended. */
const endEventOf = (amendmentId: string) => executionEndEvent(stack.amendmentEngine, executionArnOf(amendmentId), stack.amendmentStateMachineArn);

it('marks an amendment FAILED and closes it when its execution is stopped while waiting for the decision; a new one can be filed; a replay changes nothing', async () => {
  const registrationId = await completedBirth('amend-stopped-1');
  const filed = await call<Json>('POST', `/v1/births/${registrationId}/amendments`, { token: registrar, body: correction('Putri Ayu Lestary') });
  expect(filed.status).toBe(202);
  const amendmentId = filed.body['amendmentId'] as string;
  await waitFor(() => get(amendmentKey(amendmentId)), (a) => typeof a?.['taskToken'] === 'string');
  expect((await get(registrationKey(registrationId)))?.['openAmendmentId']).toBe(amendmentId);

  const sfn = new SFNClient({ endpoint: stack.stepFunctionsUrl, region: 'ap-southeast-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await sfn.send(new StopExecutionCommand({ executionArn: executionArnOf(amendmentId), error: 'OperatorStopped', cause: 'filed by mistake' }));
  sfn.destroy();
  expect((await stack.amendmentEngine.describeExecution(executionArnOf(amendmentId))).status).toBe('ABORTED');

  const failed = await waitFor(() => get(amendmentKey(amendmentId)), (a) => a?.['status'] === 'FAILED');
  expect(failed?.['failure']).toMatchObject({ error: 'OperatorStopped' });
  expect(failed?.['taskToken']).toBeUndefined();
  const registration = await get(registrationKey(registrationId));
  expect(registration?.['openAmendmentId']).toBeUndefined();
  expect(registration?.['status']).toBe('COMPLETED');
  expect(await auditActions(registrationId)).toContain('AMENDMENT_FAILED');
  // Off the head's queue.
  const queue = await call<{ items: Json[] }>('GET', '/v1/amendments?status=PENDING', { token: head });
  expect(queue.body.items.some((i) => i['amendmentId'] === amendmentId)).toBe(false);

  // EventBridge delivers at least once: the same event again changes nothing (the function as the stack loaded it).
  const handler = stack.functionHandler('RecordExecutionEnd') as (event: unknown, context: unknown) => Promise<{ outcome: string }>;
  const before = { amendment: await get(amendmentKey(amendmentId)), registration: await get(registrationKey(registrationId)), audit: await auditActions(registrationId) };
  const replay = await handler(await endEventOf(amendmentId), lambdaContext('RecordExecutionEnd'));
  expect(replay.outcome).toBe('ended');
  expect({ amendment: await get(amendmentKey(amendmentId)), registration: await get(registrationKey(registrationId)), audit: await auditActions(registrationId) }).toEqual(before);

  // The registration accepts a new amendment (it answered 409 for ever before).
  const again = await call<Json>('POST', `/v1/births/${registrationId}/amendments`, { token: registrar, body: correction('Putri Ayu Lestarii') });
  expect(again.status).toBe(202);
  const nextId = again.body['amendmentId'] as string;
  expect(nextId).not.toBe(amendmentId);
  await waitFor(() => get(amendmentKey(nextId)), (a) => typeof a?.['taskToken'] === 'string');

  // A late event for the stopped amendment never closes the registration's other, open amendment.
  const late = await handler({ ...(await endEventOf(amendmentId)), id: 'late' }, lambdaContext('RecordExecutionEnd'));
  expect(late.outcome).toBe('ended');
  expect((await get(registrationKey(registrationId)))?.['openAmendmentId']).toBe(nextId);
  expect((await get(amendmentKey(nextId)))?.['status']).toBe('PENDING');
}, 120_000);
