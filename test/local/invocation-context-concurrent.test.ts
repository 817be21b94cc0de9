import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { approveAllUntilCompleted, birth, pool } from '../reliability/driver.js';
import { apiClient, startTestStack } from '../support/local-stack.js';

/**
 * Issue 14, item 10. `npm start` makes an AWS SDK call (DynamoDB Local's readiness check) before the
 * stack enabled concurrent invocations; the SDK asks `InvokeStore.getInstanceAsync()` on every
 * request, and that first call registered a single-invocation store for the whole process, which the
 * stack was then handed back: every invocation overwrote one shared context, so concurrent requests
 * were logged under one `function_request_id` and a line of one function under another's name.
 * Here the process makes an SDK call first, as `npm start` does, then drives many concurrent
 * requests to different functions (HTTP routes and workflow tasks) and checks every line.
 */
const WRITTEN_BY: Record<string, string> = {
  'Birth notification received': 'SubmitBirth',
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
  // The first SDK call of the process, before any stack exists.
  const client = new DynamoDBClient({ endpoint: inject('dynamodbEndpoint'), region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  await client.send(new ListTablesCommand({ Limit: 1 }));
  client.destroy();
  stack = await startTestStack({ logLevel: 'INFO' });
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
    for (const text of String(chunk).split('\n')) {
      if (!text.startsWith('{')) continue;
      try {
        lines.push(JSON.parse(text) as Record<string, unknown>);
      } catch {
        // not a log line
      }
    }
    return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
});

afterAll(async () => {
  process.stdout.write = write;
  await stack?.stop();
});

it('logs every concurrent invocation under its own request id and function, after an earlier SDK call', async () => {
  const call = apiClient(stack.url);
  const hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  const registrar = await stack.issuer.signRegistrarToken('registrar.test');
  const run = `cc${Date.now().toString(36)}`;
  const ids = await pool(
    Array.from({ length: 20 }, (_, i) => i),
    20,
    async (i) => (await call<{ registrationId: string }>('POST', '/v1/births', { token: hospital, body: birth(run, i) })).body.registrationId,
  );
  // Reads of other functions at the same time as the decisions and the workflow's tasks.
  const reads = pool(ids, 20, async (id) => {
    await call('GET', `/v1/births/${id}`, { token: hospital });
    await call('GET', '/v1/births', { token: hospital });
    await call('GET', `/v1/births/${id}/history`, { token: registrar });
  });
  await approveAllUntilCompleted({
    client: stack.documentClient,
    tableName: stack.tableName,
    ids,
    timeoutMs: 60_000,
    decide: async (id) => {
      expect((await call('POST', `/v1/approvals/${id}`, { token: registrar, body: { decision: 'APPROVE' } })).status).toBe(200);
    },
  });
  await reads;

  const ours = lines.filter((line) => typeof line['message'] === 'string' && line['message'] in WRITTEN_BY);
  for (const message of Object.keys(WRITTEN_BY)) {
    const written = ours.filter((l) => l['message'] === message);
    expect(written, message).toHaveLength(ids.length);
    // One line per invocation: as many request ids as lines.
    expect(new Set(written.map((l) => l['function_request_id'])).size, message).toBe(ids.length);
  }
  for (const line of ours) expect(line['function_name'], String(line['message'])).toBe(WRITTEN_BY[line['message'] as string]);
  const functionOf = new Map<unknown, unknown>();
  for (const line of lines.filter((l) => l['function_request_id'])) {
    const before = functionOf.get(line['function_request_id']);
    if (before !== undefined) expect(line['function_name']).toBe(before);
    functionOf.set(line['function_request_id'], line['function_name']);
  }
  for (const line of ours.filter((l) => l['function_name'] !== 'DecideApproval' && l['function_name'] !== 'SubmitBirth')) {
    expect(ids).toContain(line['registrationId']);
  }
}, 120_000);
