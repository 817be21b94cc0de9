import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { notification } from '../support/fixtures.js';
import { civilDate, nikDateDigits } from '../support/dates.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';

/**
 * Durability of the local stack: a registration waiting for a decision when the stack stops is
 * resumed by the next start (same data), and the decision then completes it exactly once.
 */
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

let stack: LocalStack | undefined;
afterAll(async () => {
  await stack?.stop();
});

it('resumes an in-flight execution after a restart and completes it once', async () => {
  const fixed = {
    tablePrefix: `restart${Date.now().toString(36)}`,
    dataDir: mkdtempSync(join(tmpdir(), 'lahir-restart-')),
    stepFunctionsPort: await freePort(),
  };
  stack = await startTestStack(fixed);
  let call = apiClient(stack.url);
  const hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  const registrar = await stack.issuer.signRegistrarToken('registrar.test');
  const sent = notification({ notificationId: 'restart-1' });
  const created = await call<{ registrationId: string }>('POST', '/v1/births', { token: hospital, body: sent });
  const id = created.body.registrationId;
  await waitFor(async () => (await call<{ status: string }>('GET', `/v1/births/${id}`, { token: registrar })).body.status, (s) => s === 'AWAITING_APPROVAL');
  await stack.stop();

  stack = await startTestStack(fixed);
  call = apiClient(stack.url);
  const queue = await call<{ items: { registrationId: string }[] }>('GET', '/v1/approvals', { token: registrar });
  expect(queue.body.items.map((i) => i.registrationId)).toContain(id);
  expect((await call('POST', `/v1/approvals/${id}`, { token: registrar, body: { decision: 'APPROVE' } })).status).toBe(200);
  const done = await waitFor(
    async () => (await call<{ status: string; issued?: { nik: string } }>('GET', `/v1/births/${id}`, { token: registrar })).body,
    (b) => b.status === 'COMPLETED',
  );
  expect(done.issued?.nik).toBe(`351016${nikDateDigits(civilDate((sent['child'] as { birthDateTime: string }).birthDateTime), 'MALE')}0001`);
  const execution = await stack.engine.describeExecution(`${stack.stateMachineArn.replace(':stateMachine:', ':execution:')}:${id}`);
  await waitFor(async () => (await stack!.engine.describeExecution(execution.executionArn)).status, (s) => s === 'SUCCEEDED');
});
