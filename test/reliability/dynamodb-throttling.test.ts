import { afterAll, beforeAll, expect, it } from 'vitest';
import { injectedFaults } from '../../functions/shared/fault-injection.js';
import type { LocalStack } from '../../local/stack.js';
import { apiClient, startTestStack, FLOOD_QUOTA } from '../support/local-stack.js';
import { approveAllAndExpectExactlyOnce, birth, pool, withRetry, type Call } from './driver.js';

/**
 * DynamoDB throttles 30% of the handlers' calls (a retryable ProvisionedThroughputExceededException,
 * inside the SDK's own retries, as the service throttles). The SDK retries what it can; a call still
 * throttled fails the task with a TransientError, which the ASL retries, or answers HTTP 503 with
 * Retry-After (never 500), which the client retries with the same request. All births complete once.
 * In its own file: the shared clients read the fault setting when the handler modules load.
 */
const BIRTHS = 150;
let stack: LocalStack;
let call: Call;
let hospital: string;
let registrar: string;

beforeAll(async () => {
  stack = await startTestStack({ intakeQuota: FLOOD_QUOTA, faults: { dynamoThrottleRate: 0.3, seed: 7 } });
  call = apiClient(stack.url) as Call;
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  registrar = await stack.issuer.signRegistrarToken('registrar.test');
});

afterAll(async () => {
  await stack?.stop();
});

it('completes every birth exactly once with 30% of DynamoDB calls throttled', async () => {
  const statuses = new Set<number>();
  const counted: Call = async (...args) => {
    const response = await call(...args);
    statuses.add(response.status);
    return response;
  };
  const created = await pool(
    Array.from({ length: BIRTHS }, (_, i) => birth('throttled', i)),
    30,
    (body) => withRetry(counted, 'POST', '/v1/births', { token: hospital, body }),
  );
  // A retried intake may find its first attempt stored: 200 with the same registration, never a second one.
  expect(created.every((r) => r.status === 202 || r.status === 200)).toBe(true);
  const ids = created.map((r) => String(r.body['registrationId']));
  expect(new Set(ids).size).toBe(BIRTHS);

  await approveAllAndExpectExactlyOnce(stack, counted, registrar, ids);
  expect(injectedFaults.dynamoThrottles).toBeGreaterThan(500);
  expect([...statuses].filter((s) => s >= 500 && s !== 503)).toEqual([]);
}, 200_000);
