import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, expect, inject, it } from 'vitest';
import { projectRoot } from '../../local/settings.js';
import { executionsInJournal } from '../../local/stepfunctions/journal.js';
import { apiClient, waitFor } from '../support/local-stack.js';
import { approveAllUntilCompleted, birth, expectExactlyOnce, pool, readRegistrations, withRetry, type Call } from './driver.js';

/**
 * A crash, as in `kill -9`: the local stack runs as its own process group (`npm start`'s entry,
 * local/main.ts, with DynamoDB Local keeping its data on disk), is SIGKILLed with 120 registrations
 * in flight (40 waiting for a decision, 80 approved and issuing), and started again on the same data
 * folder. Every registration then completes exactly once, and no recorded approval is lost: the 80
 * are not asked for again, the 40 are still in the queue.
 */
const BIRTHS = 120;
const APPROVED_BEFORE_CRASH = 80;
const dataDir = mkdtempSync(join(tmpdir(), 'lahir-crash-'));
let running: ChildProcess | undefined;

interface Started {
  readonly process: ChildProcess;
  readonly call: Call;
  readonly hospital: string;
  readonly registrar: string;
  readonly documentClient: DynamoDBDocumentClient;
  readonly tableName: string;
}

/** Starts local/main.ts in its own process group; its output goes to the run's log folder (scanned). */
async function startStack(run: string): Promise<Started> {
  for (const file of ['endpoints.json', 'dev-credentials.json']) rmSync(join(dataDir, file), { force: true });
  const log = createWriteStream(join(inject('logDir'), `crash-stack-${run}.${process.pid}.log`));
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/main.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      PORT: '0',
      LOCAL_DATA_DIR: dataDir,
      LOCAL_IN_MEMORY: 'false',
      LOG_LEVEL: 'WARN',
      // Hundreds of births from one hospital at once, on purpose: above the per-hospital intake quota.
      INTAKE_QUOTA_PER_MINUTE: '100000',
      INTAKE_QUOTA_PER_DAY: '100000',
      // What AWS runs: the run's synthesized app (test/setup/assembly.ts).
      LOCAL_MODE: inject('localMode'),
      LOCAL_ASSEMBLY_DIR: inject('assemblyDir'),
      LOCAL_AWS_CALL_LOG: join(inject('awsCallLogDir'), `crash-${Date.now()}-${process.pid}.jsonl`),
    },
    detached: true, // its own process group: the kill takes DynamoDB Local down with it
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  running = child;
  const ready = () => existsSync(join(dataDir, 'dev-credentials.json')) && existsSync(join(dataDir, 'endpoints.json'));
  await waitFor(async () => ready() || child.exitCode !== null, Boolean, 90_000);
  if (!ready()) throw new Error(`The local stack exited during start-up (code ${child.exitCode}); see crash-stack-${run} in the log folder`);
  const endpoints = JSON.parse(readFileSync(join(dataDir, 'endpoints.json'), 'utf8')) as { apiUrl: string; dynamodbEndpoint: string; tableName: string };
  const credentials = JSON.parse(readFileSync(join(dataDir, 'dev-credentials.json'), 'utf8')) as {
    hospitals: { token: string }[];
    registrars: { token: string }[];
  };
  const client = new DynamoDBClient({ endpoint: endpoints.dynamodbEndpoint, region: 'ap-southeast-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  return {
    process: child,
    call: apiClient(endpoints.apiUrl) as Call,
    hospital: credentials.hospitals[0]!.token,
    registrar: credentials.registrars[0]!.token,
    documentClient: DynamoDBDocumentClient.from(client),
    tableName: endpoints.tableName,
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-(child.pid as number), signal);
  return exited;
}

afterAll(async () => {
  if (running) await killGroup(running, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

it('completes every registration exactly once after a kill -9 with 120 in flight, losing no approval', async () => {
  const first = await startStack('before');
  const created = await pool(
    Array.from({ length: BIRTHS }, (_, i) => birth('crash', i)),
    30,
    (body) => withRetry(first.call, 'POST', '/v1/births', { token: first.hospital, body }),
  );
  expect(created.map((r) => r.status)).toEqual(created.map(() => 202));
  const ids = created.map((r) => String(r.body['registrationId']));
  await waitFor(
    () => readRegistrations(first.documentClient, first.tableName, ids),
    (regs) => regs.length === BIRTHS && regs.every((r) => r.status === 'AWAITING_APPROVAL'),
    60_000,
  );
  const approved = ids.slice(0, APPROVED_BEFORE_CRASH);
  const decisions = await pool(approved, 40, (id) => first.call('POST', `/v1/approvals/${id}`, { token: first.registrar, body: { decision: 'APPROVE' } }));
  expect(decisions.map((d) => d.status)).toEqual(approved.map(() => 200));

  // In flight at the kill: some issuing, the rest waiting for a decision.
  const before = await readRegistrations(first.documentClient, first.tableName, ids);
  await killGroup(first.process, 'SIGKILL');
  const statusBefore = (status: string) => before.filter((r) => r.status === status).length;
  expect(statusBefore('AWAITING_APPROVAL')).toBe(BIRTHS - APPROVED_BEFORE_CRASH);
  expect(statusBefore('ISSUING')).toBeGreaterThan(0);

  const second = await startStack('after');
  try {
    // No approval lost: the queue holds exactly the 40 never decided.
    const queue = await waitFor(
      async () => (await withRetry(second.call, 'GET', '/v1/approvals?limit=100', { token: second.registrar })).body as { items: { registrationId: string }[] },
      (q) => Array.isArray(q.items),
    );
    expect(queue.items.map((i) => i.registrationId).sort()).toEqual(ids.slice(APPROVED_BEFORE_CRASH).sort());
    const done = await approveAllUntilCompleted({
      client: second.documentClient,
      tableName: second.tableName,
      ids,
      timeoutMs: 120_000,
      decide: async (id) => {
        expect(approved).not.toContain(id);
        const decided = await withRetry(second.call, 'POST', `/v1/approvals/${id}`, { token: second.registrar, body: { decision: 'APPROVE' } });
        expect(decided.status).toBe(200);
      },
    });
    await expectExactlyOnce(second.documentClient, second.tableName, done);
    // One execution per registration, each SUCCEEDED (the engine's journal, on the same disk).
    const executions = await waitFor(
      async () => executionsInJournal(join(dataDir, 'stepfunctions-journal.jsonl')),
      (items) => items.every((e) => e.status === 'SUCCEEDED'),
      30_000,
    );
    expect(executions.map((e) => e.name).sort()).toEqual([...ids].sort());
  } finally {
    await killGroup(second.process, 'SIGTERM');
  }
}, 300_000);
