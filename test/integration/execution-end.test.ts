import { SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { registrationKey } from '../../functions/shared/keys.js';
import { lambdaContext } from '../../local/lambda-runtime.js';
import type { LocalStack } from '../../local/stack.js';
import { executionEndEvent } from '../support/execution-events.js';
import { notification } from '../support/fixtures.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';

/**
 * A registration follows its execution's end (RecordExecutionEnd, on the engine's execution status
 * change event as EventBridge delivers it in AWS): an execution that fails outside any Catch, or is
 * stopped, leaves no registration stuck in ISSUING or AWAITING_APPROVAL. RegisterChild fails with
 * States.Runtime, which the service (and the engine) neither retries nor catches.
 */
let stack: LocalStack;
let call: ReturnType<typeof apiClient>;
let hospital: string;
let registrar: string;

beforeAll(async () => {
  stack = await startTestStack({ faults: { stateErrors: { RegisterChild: 'States.Runtime' } } });
  call = apiClient(stack.url);
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  registrar = await stack.issuer.signRegistrarToken('registrar.test');
});

afterAll(async () => {
  await stack?.stop();
});

type Birth = { status: string; timeline: { step: string }[]; failure?: { error: string } };
const getBirth = async (id: string) => (await call<Birth>('GET', `/v1/births/${id}`, { token: registrar })).body;
const executionArnOf = (id: string) => `${stack.stateMachineArn.replace(':stateMachine:', ':execution:')}:${id}`;
const registrationItem = async (id: string) =>
  (await stack.documentClient.send(new GetCommand({ TableName: stack.tableName, Key: registrationKey(id) }))).Item;

/** The event EventBridge would deliver (again) for an execution that has ended. */
const endEventOf = (id: string) => executionEndEvent(stack.engine, executionArnOf(id), stack.stateMachineArn);

async function submitAndAwaitApproval(notificationId: string): Promise<string> {
  const created = await call<{ registrationId: string }>('POST', '/v1/births', { token: hospital, body: notification({ notificationId }) });
  const id = created.body.registrationId;
  await waitFor(() => getBirth(id), (b) => b.status === 'AWAITING_APPROVAL');
  return id;
}

it('marks the registration FAILED when its execution fails outside any Catch, and a replayed event changes nothing', async () => {
  const id = await submitAndAwaitApproval('runtime-error-1');
  expect((await call('POST', `/v1/approvals/${id}`, { token: registrar, body: { decision: 'APPROVE' } })).status).toBe(200);
  await waitFor(async () => (await stack.engine.describeExecution(executionArnOf(id))).status, (s) => s === 'FAILED');
  const failed = await waitFor(() => getBirth(id), (b) => b.status === 'FAILED');
  expect(failed.failure?.error).toBe('States.Runtime');
  expect(failed.timeline.map((t) => t.step)).toContain('FAILED');
  const item = await registrationItem(id);
  expect(item).toMatchObject({ status: 'FAILED', statusBeforeFailure: 'ISSUING', failure: { source: 'EXECUTION_END', executionArn: executionArnOf(id) } });

  // EventBridge delivers at least once: the same event again finds the registration ended.
  // The function as the stack loaded it (its bundle, with its own environment, in bundle mode).
  const handler = stack.functionHandler('RecordExecutionEnd') as (event: unknown, context: unknown) => Promise<{ outcome: string }>;
  const replay = await handler(await endEventOf(id), lambdaContext('RecordExecutionEnd'));
  expect(replay.outcome).toBe('ended');
  expect(await registrationItem(id)).toEqual(item);

  // The hospital's retry of the same notification answers the failure; it does not restart the case.
  const retry = await call<{ registrationId: string; status: string }>('POST', '/v1/births', {
    token: hospital,
    body: notification({ notificationId: 'runtime-error-1' }),
  });
  expect(retry.status).toBe(200);
  expect(retry.body).toMatchObject({ registrationId: id, status: 'FAILED' });
});

it('marks a waiting registration FAILED when its execution is stopped (ABORTED), and leaves the queue', async () => {
  const id = await submitAndAwaitApproval('stopped-1');
  const sfn = new SFNClient({ endpoint: stack.stepFunctionsUrl, region: 'ap-southeast-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await sfn.send(new StopExecutionCommand({ executionArn: executionArnOf(id), error: 'OperatorStopped', cause: 'duplicate notification' }));
  sfn.destroy();
  expect((await stack.engine.describeExecution(executionArnOf(id))).status).toBe('ABORTED');
  const failed = await waitFor(() => getBirth(id), (b) => b.status === 'FAILED');
  expect(failed.failure?.error).toBe('OperatorStopped');
  expect((await registrationItem(id))?.statusBeforeFailure).toBe('AWAITING_APPROVAL');
  const queue = await call<{ items: { registrationId: string }[] }>('GET', '/v1/approvals', { token: registrar });
  expect(queue.body.items.some((i) => i.registrationId === id)).toBe(false);
});

it('never downgrades a registration that ended: a failed-execution event for a REJECTED one changes nothing', async () => {
  // The function as the stack loaded it (its bundle, with its own environment, in bundle mode).
  const handler = stack.functionHandler('RecordExecutionEnd') as (event: unknown, context: unknown) => Promise<{ outcome: string }>;
  // A rejected registration (its execution SUCCEEDED): an event claiming it failed must not touch it.
  const created = await call<{ registrationId: string }>('POST', '/v1/births', {
    token: hospital,
    body: notification({ notificationId: 'rejected-1', familyCardNumber: '3510169999999999' }),
  });
  const id = created.body.registrationId;
  await waitFor(() => getBirth(id), (b) => b.status === 'REJECTED');
  await waitFor(async () => (await stack.engine.describeExecution(executionArnOf(id))).status, (s) => s === 'SUCCEEDED');
  const before = await registrationItem(id);
  const event = await endEventOf(id);
  const claimed = { ...event, detail: { ...event.detail, status: 'FAILED' as const, error: 'Lambda.Unknown', cause: 'late event' } };
  expect((await handler(claimed, lambdaContext('RecordExecutionEnd'))).outcome).toBe('ended');
  expect(await registrationItem(id)).toEqual(before);
});
