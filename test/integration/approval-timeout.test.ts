import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { notification } from '../support/fixtures.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';
import type { Birth } from '../support/birth.js';
import { recentBirth } from '../support/dates.js';

/**
 * The workflow's timeout path, with the ASL's waits scaled down (4 h -> ~0.3 s, 7 days -> ~12 s):
 * an undecided approval is escalated (still decidable), then expires; a late decision is 410.
 */
let stack: LocalStack;
let call: ReturnType<typeof apiClient>;
let hospital: string;
let registrar: string;

beforeAll(async () => {
  stack = await startTestStack({ timeoutScale: 0.00002 });
  call = apiClient(stack.url);
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  registrar = await stack.issuer.signRegistrarToken('registrar.test');
});

afterAll(async () => {
  await stack?.stop();
});

const getBirth = async (id: string) => (await call<Birth>('GET', `/v1/births/${id}`, { token: registrar })).body;

it('escalates an approval past the promise and still accepts the decision', async () => {
  const created = await call<{ registrationId: string }>('POST', '/v1/births', {
    token: hospital,
    body: notification({ notificationId: 'slow-1' }),
  });
  const id = created.body.registrationId;
  await waitFor(() => getBirth(id), (b) => b.timeline.some((t) => t.step === 'ESCALATED'));
  const queue = await call<{ items: { registrationId: string; escalated: boolean }[] }>('GET', '/v1/approvals', { token: registrar });
  expect(queue.body.items.find((i) => i.registrationId === id)?.escalated).toBe(true);
  expect((await call('POST', `/v1/approvals/${id}`, { token: registrar, body: { decision: 'APPROVE' } })).status).toBe(200);
  const done = await waitFor(() => getBirth(id), (b) => b.status === 'COMPLETED');
  expect(done.timeline.map((t) => t.step)).toContain('ESCALATED');
});

it('fails an approval nobody decided, and answers a late decision with 410', async () => {
  const created = await call<{ registrationId: string }>('POST', '/v1/births', {
    token: hospital,
    body: notification({ notificationId: 'never-decided', child: { birthDateTime: recentBirth({ daysAgo: 12 }) } }),
  });
  const id = created.body.registrationId;
  const failed = await waitFor(() => getBirth(id), (b) => b.status === 'FAILED', 30_000);
  expect(failed.failure?.error).toBe('ApprovalExpired');
  const late = await call('POST', `/v1/approvals/${id}`, { token: registrar, body: { decision: 'APPROVE' } });
  expect(late.status).toBe(410);
  const queue = await call<{ items: { registrationId: string }[] }>('GET', '/v1/approvals', { token: registrar });
  expect(queue.body.items.some((i) => i.registrationId === id)).toBe(false);
}, 60_000);
