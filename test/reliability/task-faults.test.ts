import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { apiClient, startTestStack, FLOOD_QUOTA } from '../support/local-stack.js';
import { approveAllAndExpectExactlyOnce, birth, pool, withRetry, type Call } from './driver.js';

/**
 * Every workflow task fails with a TransientError 30% of the time, half of those after the handler
 * ran (its writes are in the table, its answer is lost). The ASL's Retry (MaxAttempts 10: 11 tries)
 * absorbs it: a step fails all 11 with probability 0.3^11 ≈ 1.8e-6, about 0.8% over 500 births × 9
 * steps. So that this chance cannot fail a run, the injector leaves a step alone after 7 injected
 * failures (7 in a row happens with p = 0.3^7 ≈ 2e-4 per step: about one step per run reaches the
 * cap, having failed 7 times). Every registration still ends with exactly one NIK, one KK entry,
 * one akta and one KIA.
 */
const BIRTHS = 500;
let stack: LocalStack;
let call: Call;
let hospital: string;
let registrar: string;

beforeAll(async () => {
  stack = await startTestStack({ intakeQuota: FLOOD_QUOTA, faults: { taskErrorRate: 0.3, seed: 20261123, maxTaskErrorsPerStep: 7 } });
  call = apiClient(stack.url) as Call;
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  registrar = await stack.issuer.signRegistrarToken('registrar.test');
});

afterAll(async () => {
  await stack?.stop();
});

it('completes 500 births exactly once with 30% of task invocations failing', async () => {
  const created = await pool(
    Array.from({ length: BIRTHS }, (_, i) => birth('faults', i)),
    50,
    (body) => withRetry(call, 'POST', '/v1/births', { token: hospital, body }),
  );
  expect(created.map((r) => r.status)).toEqual(created.map(() => 202));
  const ids = created.map((r) => String(r.body['registrationId']));

  await approveAllAndExpectExactlyOnce(stack, call, registrar, ids);

  // The faults really happened, on both sides of the handlers.
  expect(stack.engine.injectedFaults.beforeHandler).toBeGreaterThan(300);
  expect(stack.engine.injectedFaults.afterHandler).toBeGreaterThan(300);
}, 200_000);
