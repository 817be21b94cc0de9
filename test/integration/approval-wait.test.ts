import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { notification } from '../support/fixtures.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';

/**
 * A case waits for its decision as long as the ASL says (4 h before escalation), not a minute:
 * the local stack with unscaled timeouts (timeoutScale 1) and faked timers, so minutes pass at once.
 * (Before: the engine dropped the callback states' TimeoutSeconds and the interpreter's 60 s default
 * escalated every case after 60 s and failed it after 120 s.)
 */
let stack: LocalStack;
let call: ReturnType<typeof apiClient>;
let hospital: string;
let registrar: string;

beforeAll(async () => {
  // Only the timers are faked (the clock keeps real time, so tokens and timestamps stay valid); they
  // also run on their own as real time passes, and vi.advanceTimersByTimeAsync jumps ahead.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
  stack = await startTestStack({ timeoutScale: 1 });
  call = apiClient(stack.url);
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  registrar = await stack.issuer.signRegistrarToken('registrar.test');
});

afterAll(async () => {
  await stack?.stop();
  vi.useRealTimers();
});

type Birth = { status: string; timeline: { step: string }[] };
const getBirth = async (id: string) => (await call<Birth>('GET', `/v1/births/${id}`, { token: registrar })).body;

it('still waits for the decision after more than 60 s and 120 s of unscaled time, neither escalated nor failed, and then completes', async () => {
  const created = await call<{ registrationId: string }>('POST', '/v1/births', { token: hospital, body: notification({ notificationId: 'waits-long-1' }) });
  const id = created.body.registrationId;
  await waitFor(() => getBirth(id), (b) => b.status === 'AWAITING_APPROVAL');
  for (const seconds of [61, 60, 600]) {
    await vi.advanceTimersByTimeAsync(seconds * 1000);
    const birth = await getBirth(id);
    expect(birth.status).toBe('AWAITING_APPROVAL');
    expect(birth.timeline.map((t) => t.step)).not.toContain('ESCALATED');
  }
  expect((await stack.engine.describeExecution(`${stack.stateMachineArn.replace(':stateMachine:', ':execution:')}:${id}`)).status).toBe('RUNNING');
  expect((await call('POST', `/v1/approvals/${id}`, { token: registrar, body: { decision: 'APPROVE' } })).status).toBe(200);
  const done = await waitFor(() => getBirth(id), (b) => b.status === 'COMPLETED');
  expect(done.timeline.map((t) => t.step)).not.toContain('ESCALATED');
});
