import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { apiClient, startTestStack, FLOOD_QUOTA } from '../support/local-stack.js';
import { approveAllAndExpectExactlyOnce, birth, pool, withRetry, type Call } from './driver.js';

/**
 * How the service reports a Lambda that timed out, ran out of memory or whose invocation timed
 * out: `Lambda.Unknown`, `Sandbox.Timedout`, `Lambda.ClientExecutionTimeoutException`. Every task
 * state retries them (3 retries after the first attempt), so the injector fails up to 3 attempts of
 * a step with them, half before the handler ran and half after (its writes done, its answer lost, as
 * a function killed at its timeout leaves them). No approved birth may end FAILED, and each gets
 * exactly one NIK, KK entry, akta and KIA.
 */
const LAMBDA_ERRORS = ['Lambda.Unknown', 'Lambda.ClientExecutionTimeoutException', 'Sandbox.Timedout'] as const;
const BIRTHS = 120;
let stack: LocalStack;
let call: Call;
let hospital: string;
let registrar: string;

beforeAll(async () => {
  stack = await startTestStack({
    intakeQuota: FLOOD_QUOTA,
    faults: { taskErrorRate: 0.4, seed: 20261201, maxTaskErrorsPerStep: 3, taskErrorNames: LAMBDA_ERRORS },
  });
  call = apiClient(stack.url) as Call;
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  registrar = await stack.issuer.signRegistrarToken('registrar.test');
});

afterAll(async () => {
  await stack?.stop();
});

it('completes every birth exactly once when task invocations time out or crash as Lambda reports it', async () => {
  const created = await pool(
    Array.from({ length: BIRTHS }, (_, i) => birth('lambda-errors', i)),
    30,
    (body) => withRetry(call, 'POST', '/v1/births', { token: hospital, body }),
  );
  expect(created.map((r) => r.status)).toEqual(created.map(() => 202));
  const ids = created.map((r) => String(r.body['registrationId']));

  await approveAllAndExpectExactlyOnce(stack, call, registrar, ids);

  // Each of the three names was injected, many times, and some step took all three retries.
  for (const name of LAMBDA_ERRORS) expect(stack.engine.injectedFaults.byName[name] ?? 0).toBeGreaterThan(30);
}, 200_000);
