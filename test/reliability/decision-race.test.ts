import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { lambdaContext } from '../../local/lambda-runtime.js';
import type { LocalStack } from '../../local/stack.js';
import { notification } from '../support/fixtures.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';

/**
 * A re-run RequestApproval (after a crash, the execution re-enters the callback step with its stored
 * token) finds the decision recorded and resumes with it; but the registrar's retried decision may
 * have resumed that same token a moment earlier. The second SendTaskSuccess then answers TaskTimedOut
 * (AWS: the task no longer exists), which must not fail the registration: the decision was delivered.
 * Found by the crash test in bundle mode (its slower calls widened the window): 6 of 120 ended FAILED (TaskTimedOut).
 */
let stack: LocalStack;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startTestStack();
  call = apiClient(stack.url);
});
afterAll(async () => {
  await stack?.stop();
});

it('lets a re-run RequestApproval find its token already answered with the recorded decision without failing', async () => {
  const hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  const registrar = await stack.issuer.signRegistrarToken('registrar.test');
  const created = await call<{ registrationId: string }>('POST', '/v1/births', { token: hospital, body: notification({ notificationId: 'race-1' }) });
  const id = created.body.registrationId;
  const status = () => call<{ status: string }>('GET', `/v1/births/${id}`, { token: registrar }).then((r) => r.body.status);
  await waitFor(status, (s) => s === 'AWAITING_APPROVAL');
  const { Item } = await stack.documentClient.send(new GetCommand({ TableName: stack.tableName, Key: { pk: `REG#${id}`, sk: 'REG' } }));
  const taskToken = String((Item?.['approval'] as { taskToken: string }).taskToken);
  expect((await call('POST', `/v1/approvals/${id}`, { token: registrar, body: { decision: 'APPROVE' } })).status).toBe(200);
  await waitFor(status, (s) => s === 'COMPLETED');

  // The re-run step with the token the decision already answered.
  const requestApproval = stack.functionHandler('RequestApproval');
  await expect(requestApproval({ registrationId: id, taskToken, escalated: false }, lambdaContext('RequestApproval'))).resolves.toEqual({});
  expect(await status()).toBe('COMPLETED');
});
