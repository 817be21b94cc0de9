import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { approveAllUntilCompleted, birth, pool } from '../reliability/driver.js';
import { apiClient, startTestStack } from '../support/local-stack.js';

/**
 * The local stack runs every function in one process, many invocations at once; each runs in its own
 * InvokeStore context (local/lambda-runtime.ts), so the Powertools logger's context of one invocation
 * never leaks into another's lines: every line names the function that wrote it and one request id
 * belongs to one function.
 */
const WRITTEN_BY: Record<string, string> = {
  'Notification validated': 'ValidateNotification',
  'Awaiting registrar decision': 'RequestApproval',
  'Decision recorded': 'DecideApproval',
  'Child registered: NIK, KK entry, akta and KIA issued': 'RegisterChild',
  'Documents issued and signed; registration completed': 'IssueDocuments',
};

let stack: LocalStack;
const lines: Record<string, unknown>[] = [];
const write = process.stdout.write.bind(process.stdout);

beforeAll(async () => {
  stack = await startTestStack({ logLevel: 'INFO' });
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    for (const text of String(chunk).split('\n')) {
      if (text.startsWith('{')) {
        try {
          lines.push(JSON.parse(text) as Record<string, unknown>);
        } catch {
          // not a log line
        }
      }
    }
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
});

afterAll(async () => {
  process.stdout.write = write;
  await stack?.stop();
});

it('keeps each concurrent invocation’s logger context to its own lines', async () => {
  const call = apiClient(stack.url);
  const hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  const registrar = await stack.issuer.signRegistrarToken('registrar.test');
  const run = `ctx${Date.now().toString(36)}`;
  const ids = await pool(
    Array.from({ length: 24 }, (_, i) => i),
    24,
    async (i) => (await call<{ registrationId: string }>('POST', '/v1/births', { token: hospital, body: birth(run, i) })).body.registrationId,
  );
  await approveAllUntilCompleted({
    client: stack.documentClient,
    tableName: stack.tableName,
    ids,
    timeoutMs: 60_000,
    decide: async (id) => {
      expect((await call('POST', `/v1/approvals/${id}`, { token: registrar, body: { decision: 'APPROVE' } })).status).toBe(200);
    },
  });

  const ours = lines.filter((line) => typeof line['message'] === 'string' && line['message'] in WRITTEN_BY);
  for (const message of Object.keys(WRITTEN_BY)) expect(ours.filter((l) => l['message'] === message), message).toHaveLength(ids.length);
  for (const line of ours) expect(line['function_name'], String(line['message'])).toBe(WRITTEN_BY[line['message'] as string]);
  // One request id, one function; and the registration id appended by a task is its own.
  const functionOf = new Map<unknown, unknown>();
  for (const line of lines.filter((l) => l['function_request_id'])) {
    const before = functionOf.get(line['function_request_id']);
    if (before !== undefined) expect(line['function_name']).toBe(before);
    functionOf.set(line['function_request_id'], line['function_name']);
  }
  const tasks = ours.filter((l) => l['function_name'] !== 'DecideApproval');
  for (const line of tasks) expect(ids).toContain(line['registrationId']);
}, 90_000);
