import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '../functions/shared/aws.js';
import { allFunctions, type FunctionSpec } from '../infra/catalog.js';
import { ensureDynamoDbLocal } from '../local/dynamodb/install.js';
import { startDynamoDbLocal } from '../local/dynamodb/server.js';
import { ensureRegistryTable } from '../local/dynamodb/tables.js';
import { startLocalStack } from '../local/stack.js';
import { importPopulation } from '../population/import.js';
import { loadRegionCodes } from '../population/regions.js';
import { bundleFunction, coldInit, initEnvironment } from './function-bundles.js';
import { syntheticPopulation } from './synthetic-population.js';

/**
 * npm run bench [-- --births 5000]: the figures of issue 6, measured on this machine in one run
 * against the local stack (DynamoDB Local in memory, the real ASL in the local engine, the HTTP API):
 *   1. intake latency, 20 hospitals posting concurrently
 *   2. decision -> COMPLETED latency at 10 births/s offered
 *   3. full-chain throughput over N births with approvals fired by the load generator, and the
 *      DynamoDB operations, state transitions and Lambda invocations per birth, counted
 *   4. the floor: the same operations per birth issued directly at the same concurrency
 *   5. per function: bundle size (as the CDK app builds it) and cold init in a fresh process
 *      (bench/function-bundles.ts; `npm run bench:init` runs this part alone, with where the bytes come from)
 *   6. peak memory, 7. cost per birth in AWS.
 * Prints a table and writes bench/results/bench-<timestamp>.json.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const BIRTHS = option('births', 5000);
const INTAKE_HOSPITALS = 20;
const INTAKE_PER_HOSPITAL = option('intake-per-hospital', 25);
const LATENCY_BIRTHS = option('latency-births', 300);
const OFFERED_PER_SECOND = 10;
const SUBMITTERS = option('submitters', 16);
const APPROVER_POLL_MS = option('approver-poll-ms', 250);

const out = (line = '') => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
};
const median = (values: number[]) => percentile(values, 50);
const ms = (value: number) => `${value.toFixed(1)} ms`;

// ── Counting: every DynamoDB call the handlers make, every state entered, every task invocation ──
const dynamoCalls = new Map<string, number>();
const transactItems = { count: 0 };
const queueReadCalls = { count: 0 };
/**
 * What the floor must imitate beyond the counts: which calls read or write the registration item
 * (it is large and carries index keys, so DynamoDB maintains gsi2, and gsi1 while it waits), and how
 * large the other items written in transactions are.
 */
const shape = { registrationCalls: new Map<string, number>(), transactRegistrationItems: 0, otherItems: 0, otherItemBytes: 0 };
type Key = { pk?: string; sk?: string };
const isRegistration = (key: Key | undefined) => Boolean(key?.pk?.startsWith('REG#') && key.sk === 'REG');
dynamodb.middlewareStack.add(
  (next, context) => async (input) => {
    const name = context.commandName ?? 'unknown';
    const command = input.input as { Key?: Key; TransactItems?: { Put?: { Item: Key }; Update?: { Key: Key } }[]; ExpressionAttributeValues?: Record<string, unknown> };
    // The registrars' queue reads (a page, and its total's COUNT) are UI load, not the chain's: counted apart.
    if (name === 'QueryCommand' && Object.values(command.ExpressionAttributeValues ?? {}).includes('APPROVAL#PENDING')) {
      queueReadCalls.count += 1;
      return next(input);
    }
    dynamoCalls.set(name, (dynamoCalls.get(name) ?? 0) + 1);
    if (isRegistration(command.Key)) shape.registrationCalls.set(name, (shape.registrationCalls.get(name) ?? 0) + 1);
    for (const item of command.TransactItems ?? []) {
      transactItems.count += 1;
      if (isRegistration(item.Put?.Item ?? item.Update?.Key)) shape.transactRegistrationItems += 1;
      else if (item.Put) {
        shape.otherItems += 1;
        shape.otherItemBytes += JSON.stringify(item.Put.Item).length;
      }
    }
    return next(input);
  },
  { step: 'initialize', name: 'benchOperationCounter' },
);
const statesEntered = new Map<string, number>();
const resetCounters = () => {
  dynamoCalls.clear();
  transactItems.count = 0;
  Object.assign(shape, { registrationCalls: new Map(), transactRegistrationItems: 0, otherItems: 0, otherItemBytes: 0 });
  statesEntered.clear();
};

// ── Peak memory: this process (engine, handlers, HTTP API) and the DynamoDB Local JVM ──
let peakRss = 0;
const rssSampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
/** CPU seconds used so far: this process, and the DynamoDB Local JVM (utime + stime from /proc). */
const nodeCpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
const jvmCpuSeconds = (pid: number | undefined) => {
  if (!pid) return NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks (USER_HZ = 100)
};
const cpuSince = (start: { node: number; jvm: number }) => ({ node: nodeCpuSeconds() - start.node, jvm: jvmCpuSeconds(dynamo.pid) - start.jvm });
const cpuNow = () => ({ node: nodeCpuSeconds(), jvm: jvmCpuSeconds(dynamo.pid) });
const jvmPeakKb = (pid: number | undefined) => {
  if (!pid) return NaN;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? NaN);
};

await ensureDynamoDbLocal();
const dynamo = await startDynamoDbLocal({});
const dataDir = mkdtempSync(join(tmpdir(), 'lahir-bench-'));
const stack = await startLocalStack({
  port: 0,
  dynamodbEndpoint: dynamo.endpoint,
  dataDir,
  seed: false,
  logLevel: 'ERROR',
  retryIntervalMs: 50,
  // The benchmark measures the chain, not the per-hospital intake quota (README "Intake quota, SMS and webhooks").
  intakeQuota: { perMinute: 1_000_000, perDay: 1_000_000 },
  notifications: { pollIntervalMs: 0 }, // outbox items are written; delivery (SMS/webhooks) is not part of the chain
  onStateEntered: (name) => statesEntered.set(name, (statesEntered.get(name) ?? 0) + 1),
});

const totalBirths = INTAKE_HOSPITALS * INTAKE_PER_HOSPITAL + BIRTHS;
out(`Lahir Procot Pulang Bawa Akte: benchmark on ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`);
out(`Preparing a population of ${totalBirths} families (one mother per benchmark birth)…`);
const population = syntheticPopulation(totalBirths);
const report = await importPopulation(stack.documentClient, stack.tableName, population, { regions: await loadRegionCodes(), concurrency: 16 });
if (report.problems.length > 0) throw new Error(`population problems: ${JSON.stringify(report.problems.slice(0, 3))}`);
const mothers = population.families.map((f) => ({ familyCardNumber: f.familyCardNumber, motherNik: f.members[1]!.nik, fatherNik: f.members[0]!.nik }));
let nextMother = 0;

const registrar = await stack.issuer.signRegistrarToken('bench.registrar');
const hospitals = await Promise.all(Array.from({ length: INTAKE_HOSPITALS }, (_, i) => stack.issuer.signHospitalToken(`bench-hospital-${i + 1}`)));

function notification(index: number) {
  const mother = mothers[nextMother++];
  if (!mother) throw new Error('population exhausted');
  const born = new Date(Date.now() - 3 * 3600_000 - index * 1000);
  const local = new Date(born.getTime() + 7 * 3600_000).toISOString().slice(0, 19);
  return {
    notificationId: `BENCH-${index}`,
    child: { name: 'Bayi Bench', sex: index % 2 ? 'FEMALE' : 'MALE', birthDateTime: `${local}+07:00`, birthPlace: 'Banyuwangi', birthOrder: 3, weightGrams: 3100, lengthCm: 49 },
    mother: { nik: mother.motherNik },
    father: { nik: mother.fatherNik },
    familyCardNumber: mother.familyCardNumber,
    marriageCertificateNumber: 'BENCH/2010',
    attendant: { type: 'MIDWIFE', name: 'Bidan Bench' },
    contactPhone: '081200000000',
  };
}

let httpErrors = 0;
async function post(path: string, token: string, body: unknown): Promise<{ status: number; json: Record<string, unknown>; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${stack.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  const elapsed = performance.now() - started;
  if (response.status >= 300) httpErrors += 1;
  return { status: response.status, json, ms: elapsed };
}

let approvalPolls = 0;
async function pendingIds(): Promise<string[]> {
  approvalPolls += 1;
  const response = await fetch(`${stack.url}/v1/approvals?limit=100`, { headers: { authorization: `Bearer ${registrar}` } });
  const body = (await response.json()) as { items: { registrationId: string }[] };
  return body.items.map((i) => i.registrationId);
}

async function registration(id: string) {
  const { Item } = await stack.documentClient.send(new GetCommand({ TableName: stack.tableName, Key: { pk: `REG#${id}`, sk: 'REG' } }));
  return Item as { status: string; decision?: { at: string }; steps: Record<string, { at: string }>; issued: { nik?: string } } | undefined;
}

async function waitUntil(ids: string[], status: string) {
  for (const id of ids) {
    for (;;) {
      if ((await registration(id))?.status === status) break;
      await sleep(20);
    }
  }
}

// ── 1. Intake latency: 20 hospitals, each posting its births one after another ──
out(`1. Intake: ${INTAKE_HOSPITALS} hospitals × ${INTAKE_PER_HOSPITAL} births, concurrently…`);
let births = 0;
const intake = await Promise.all(
  hospitals.map(async (token) => {
    const mine: { id: string; ms: number }[] = [];
    for (let i = 0; i < INTAKE_PER_HOSPITAL; i += 1) {
      const response = await post('/v1/births', token, notification(births++));
      mine.push({ id: String(response.json['registrationId']), ms: response.ms });
    }
    return mine;
  }),
);
const intakeMs = intake.flat().map((r) => r.ms);
const intakeIds = intake.flat().map((r) => r.id);
await waitUntil(intakeIds, 'AWAITING_APPROVAL');

// ── 2. Decision -> COMPLETED at 10 births/s offered (server timestamps: decision recorded -> completed recorded) ──
const latencyIds = intakeIds.slice(0, LATENCY_BIRTHS);
out(`2. Decisions at ${OFFERED_PER_SECOND}/s offered for ${latencyIds.length} births…`);
const decisions: Promise<unknown>[] = [];
for (const [index, id] of latencyIds.entries()) {
  const due = index * (1000 / OFFERED_PER_SECOND);
  decisions.push(sleep(due).then(() => post(`/v1/approvals/${id}`, registrar, { decision: 'APPROVE' })));
}
await Promise.all(decisions);
await waitUntil(latencyIds, 'COMPLETED');
const decisionToCompleted = await Promise.all(
  latencyIds.map(async (id) => {
    const r = (await registration(id))!;
    return Date.parse(r.steps['COMPLETED']!.at) - Date.parse(r.decision!.at);
  }),
);
// Leave nothing of phase 1 behind.
await Promise.all(intakeIds.slice(LATENCY_BIRTHS).map((id) => post(`/v1/approvals/${id}`, registrar, { decision: 'APPROVE' })));
await waitUntil(intakeIds, 'COMPLETED');

// ── 3. Full-chain throughput: N births submitted by 16 clients, approved by a registrar loop ──
out(`3. Full chain: ${BIRTHS} births (${SUBMITTERS} submitting clients, approvals by the load generator)…`);
resetCounters();
httpErrors = 0;
approvalPolls = 0;
let submitted = 0;
let approvals = 0;
const chainIds: string[] = [];
const inFlightSamples: number[] = [];
// --profile: a V8 CPU profile of this process during the full chain only (open it in Chrome DevTools).
const profiler = args.includes('--profile') ? new Session() : undefined;
if (profiler) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
const chainCpuStart = cpuNow();
const chainStarted = performance.now();
const submitters = Array.from({ length: SUBMITTERS }, async (_, s) => {
  const token = hospitals[s % hospitals.length]!;
  while (submitted < BIRTHS) {
    submitted += 1;
    const response = await post('/v1/births', token, notification(births++));
    chainIds.push(String(response.json['registrationId']));
  }
});
let submitting = true;
const approver = (async () => {
  const seen = new Set<string>();
  // The registrars: they look at the queue every APPROVER_POLL_MS (each look is a GET of up to 100 cases).
  while (submitting || approvals < BIRTHS) {
    const looked = performance.now();
    const ids = (await pendingIds()).filter((id) => !seen.has(id));
    if (ids.length < 100) await sleep(Math.max(0, APPROVER_POLL_MS - (performance.now() - looked)));
    if (ids.length === 0) continue;
    for (const id of ids) seen.add(id);
    await Promise.all(ids.map((id) => post(`/v1/approvals/${id}`, registrar, { decision: 'APPROVE' })));
    approvals += ids.length;
  }
})();
const completed = () => statesEntered.get('Completed') ?? 0;
const sampler = setInterval(() => inFlightSamples.push(submitted - completed()), 250);
await Promise.all(submitters);
submitting = false;
await approver;
while (completed() < BIRTHS && (statesEntered.get('Failed') ?? 0) === 0) await sleep(20);
const chainSeconds = (performance.now() - chainStarted) / 1000;
const chainCpu = cpuSince(chainCpuStart);
if (profiler) {
  const { profile } = await profiler.post('Profiler.stop');
  mkdirSync(join(process.cwd(), 'bench', 'results'), { recursive: true });
  writeFileSync(join(process.cwd(), 'bench', 'results', 'chain.cpuprofile'), JSON.stringify(profile));
  profiler.disconnect();
}
clearInterval(sampler);
const chainRate = BIRTHS / chainSeconds;
// The registrar's queue polling is UI load, not the chain's: its Queries were counted apart (queueReadCalls).
out(`  queue polls: ${approvalPolls}, ${queueReadCalls.count} DynamoDB calls (page + total), not counted per birth`);
const counts = Object.fromEntries([...dynamoCalls].map(([name, n]) => [name, n / BIRTHS]));
const dynamoOpsPerBirth = [...dynamoCalls.values()].reduce((a, b) => a + b, 0) / BIRTHS;
const transitionsPerBirth = [...statesEntered.values()].reduce((a, b) => a + b, 0) / BIRTHS;
const taskStates = new Set(['ValidateNotification', 'AwaitDecision', 'RegisterChild', 'IssueDocuments']);
const taskInvocations = [...statesEntered].filter(([name]) => taskStates.has(name)).reduce((a, [, n]) => a + n, 0) / BIRTHS;
const lambdaPerBirth = taskInvocations + 2; // + SubmitBirth and DecideApproval behind the API
const meanInFlight = inFlightSamples.reduce((a, b) => a + b, 0) / Math.max(1, inFlightSamples.length);

// Exactly once: every birth COMPLETED with its own NIK.
const niks: string[] = [];
let notCompleted = 0;
for (const id of chainIds) {
  const r = await registration(id);
  if (r?.status !== 'COMPLETED') notCompleted += 1;
  if (r?.issued.nik) niks.push(r.issued.nik);
}
const duplicateNiks = niks.length - new Set(niks).size;

// ── 4. The floor: the same DynamoDB operations per birth, issued directly, at the chain's concurrency ──
const floorConcurrency = Math.max(1, Math.round(meanInFlight));
out(`4. Floor: the same ${dynamoOpsPerBirth.toFixed(1)} DynamoDB operations per birth, direct, ${floorConcurrency} births in flight…`);
const floorRawClient = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'ap-southeast-3', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
// The registry's own table definition (both indexes), so index upkeep costs what it costs the chain.
await ensureRegistryTable(floorRawClient, 'Floor');
const floorClient = DynamoDBDocumentClient.from(floorRawClient, { marshallOptions: { removeUndefinedValues: true } });
const perCall = (name: string) => Math.round((dynamoCalls.get(name) ?? 0) / BIRTHS);
const registrationShare = (name: string) => (shape.registrationCalls.get(name) ?? 0) / Math.max(1, dynamoCalls.get(name) ?? 0);
// One birth's operations, each marked with whether it reads or writes the registration, as counted.
// A birth starts with the transaction that creates its registration (SubmitBirth).
const perBirthPlan: { name: string; registration: boolean }[] = [{ name: 'TransactWriteItemsCommand', registration: true }];
for (const name of dynamoCalls.keys()) {
  const n = perCall(name) - (name === 'TransactWriteItemsCommand' ? 1 : 0);
  const onRegistration = Math.round(perCall(name) * registrationShare(name)) - (name === 'TransactWriteItemsCommand' ? 1 : 0);
  for (let i = 0; i < n; i += 1) perBirthPlan.push({ name, registration: i < onRegistration });
}
const transactions = Math.max(1, dynamoCalls.get('TransactWriteItemsCommand') ?? 1);
const registrationItemsPerTransaction = Math.round(shape.transactRegistrationItems / transactions);
const otherItemsPerTransaction = Math.max(0, Math.round(transactItems.count / transactions) - registrationItemsPerTransaction);
const otherItemBytes = Math.round(shape.otherItemBytes / Math.max(1, shape.otherItems));
// The chain's own registration item (completed), so the floor's is the same size and shape.
const { pk: _pk, sk: _sk, gsi1pk: _q, gsi1sk: _qs, gsi2pk: _m, gsi2sk: _ms, ...registrationPayload } = (
  await stack.documentClient.send(new GetCommand({ TableName: stack.tableName, Key: { pk: `REG#${chainIds[0]}`, sk: 'REG' } }))
).Item as Record<string, unknown>;
const registrationKeyOf = (birth: number) => ({ pk: `REG#floor-${birth}`, sk: 'REG' });
async function floorOperation(name: string, registration: boolean, birth: number, step: number) {
  const key = registration ? registrationKeyOf(birth) : { pk: `B#${birth}`, sk: `S#${step % 4}` };
  const now = new Date().toISOString();
  switch (name) {
    case 'GetItemCommand':
      return floorClient.send(new GetCommand({ TableName: 'Floor', Key: key, ConsistentRead: true }));
    case 'PutItemCommand':
      return floorClient.send(new PutCommand({ TableName: 'Floor', Item: { ...key, data: 'x'.repeat(otherItemBytes) } }));
    case 'UpdateItemCommand':
      return floorClient.send(
        new UpdateCommand({ TableName: 'Floor', Key: key, UpdateExpression: 'SET updatedAt = :now ADD n :one', ExpressionAttributeValues: { ':now': now, ':one': 1 } }),
      );
    case 'QueryCommand':
      return floorClient.send(
        new QueryCommand({
          TableName: 'Floor',
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :first)',
          ExpressionAttributeValues: { ':pk': `B#${birth}`, ':first': 'T#0#' },
          ConsistentRead: true,
        }),
      );
    case 'BatchGetItemCommand':
      return floorClient.send(
        new BatchGetCommand({ RequestItems: { Floor: { Keys: [registrationKeyOf(birth), { pk: `B#${birth}`, sk: 'S#9' }, { pk: 'X', sk: 'X' }], ConsistentRead: true } } }),
      );
    case 'TransactWriteItemsCommand': {
      const registrationItems = Array.from({ length: registrationItemsPerTransaction }, () =>
        step === 0
          ? { Put: { TableName: 'Floor', Item: { ...registrationKeyOf(birth), ...registrationPayload, gsi2pk: `MOTHER#floor-${birth}`, gsi2sk: now } } }
          : {
              Update: {
                TableName: 'Floor',
                Key: registrationKeyOf(birth),
                UpdateExpression: 'SET updatedAt = :now ADD n :one',
                ExpressionAttributeValues: { ':now': now, ':one': 1 },
              },
            },
      );
      const others = Array.from({ length: otherItemsPerTransaction }, (_, i) => ({
        Put: { TableName: 'Floor', Item: { pk: `B#${birth}`, sk: `T#${step}#${i}`, data: 'x'.repeat(otherItemBytes) } },
      }));
      return floorClient.send(new TransactWriteCommand({ TransactItems: [...registrationItems, ...others] }));
    }
    default:
      throw new Error(`The floor has no equivalent for ${name}: add one`);
  }
}
const floorBirths = Math.min(BIRTHS, 2000);
let floorNext = 0;
const floorCpuStart = cpuNow();
const floorStarted = performance.now();
await Promise.all(
  Array.from({ length: floorConcurrency }, async () => {
    while (floorNext < floorBirths) {
      const birth = floorNext++;
      // A birth's operations depend on each other in the chain: issue them one after another.
      for (const [step, { name, registration }] of perBirthPlan.entries()) await floorOperation(name, registration, birth, step);
    }
  }),
);
const floorRate = floorBirths / ((performance.now() - floorStarted) / 1000);
const floorCpu = cpuSince(floorCpuStart);

// ── 5. Bundles as the CDK app builds them, and cold init in a fresh Node process (bench/function-bundles.ts) ──
out('5. Bundling every function and timing its cold init (median of 7)…');
const bundleDir = mkdtempSync(join(tmpdir(), 'lahir-bundles-'));
const initEnv = initEnvironment(process.cwd());
const bundles: { id: string; kb: number; initMs: number; initCpuMs: number }[] = [];
for (const spec of allFunctions as FunctionSpec[]) {
  const built = await bundleFunction(spec, process.cwd(), bundleDir);
  const samples = Array.from({ length: 7 }, () => coldInit(built.outfile, initEnv));
  bundles.push({
    id: spec.id,
    kb: built.bytes / 1024,
    initMs: median(samples.map((s) => s.wallMs)),
    initCpuMs: median(samples.map((s) => s.cpuMs)),
  });
}
rmSync(bundleDir, { recursive: true, force: true });

// ── 6. Memory ──
const jvmKb = jvmPeakKb(dynamo.pid);
clearInterval(rssSampler);

// ── 7. Cost per birth in AWS, from what was counted ──
const PRICES = {
  source:
    'AWS list prices for us-east-1 (Step Functions Standard $25/M transitions, Lambda Arm $0.20/M + $0.0000133334/GB-s, DynamoDB on-demand $0.625/M WRU, $0.125/M RRU, HTTP API $1/M, KMS asymmetric sign $0.15/10k), as of 2025; Jakarta (ap-southeast-3) lists are higher: check before budgeting',
  stepFunctionsPerTransition: 0.000025,
  lambdaPerRequest: 0.0000002,
  lambdaArmPerGbSecond: 0.0000133334,
  dynamoPerWriteRequestUnit: 0.000000625,
  dynamoPerReadRequestUnit: 0.000000125,
  httpApiPerRequest: 0.000001,
  kmsAsymmetricSignPerRequest: 0.000015,
};
// Lambda duration: the measured in-process handler time is not Lambda's billed time; bill 512 MB for
// a conservative 100 ms per invocation (the handlers here take single-digit ms each besides I/O).
const lambdaGbSeconds = lambdaPerBirth * 0.5 * 0.1;
const writeCalls = ['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand'].reduce((a, n) => a + (counts[n] ?? 0), 0);
const transactWritesPerBirth = transactItems.count / BIRTHS;
const readCalls = ['GetItemCommand', 'QueryCommand'].reduce((a, n) => a + (counts[n] ?? 0), 0) + (counts['BatchGetItemCommand'] ?? 0) * 3;
const cost = {
  stepFunctions: transitionsPerBirth * PRICES.stepFunctionsPerTransition,
  lambda: lambdaPerBirth * PRICES.lambdaPerRequest + lambdaGbSeconds * PRICES.lambdaArmPerGbSecond,
  // Transactions cost two units per item; items here are under 1 KB except the registration (~2 KB).
  dynamodb: (writeCalls * 2 + transactWritesPerBirth * 2 * 2) * PRICES.dynamoPerWriteRequestUnit + readCalls * 2 * PRICES.dynamoPerReadRequestUnit,
  apiGateway: 2 * PRICES.httpApiPerRequest,
  kms: 3 * PRICES.kmsAsymmetricSignPerRequest,
};
const costPerBirth = Object.values(cost).reduce((a, b) => a + b, 0);

// ── Report ──
const results = {
  at: new Date().toISOString(),
  machine: { cores: cpus().length, node: process.version },
  intake: { hospitals: INTAKE_HOSPITALS, births: intakeMs.length, p50: percentile(intakeMs, 50), p95: percentile(intakeMs, 95), p99: percentile(intakeMs, 99) },
  decisionToCompleted: { offeredPerSecond: OFFERED_PER_SECOND, births: decisionToCompleted.length, p50: percentile(decisionToCompleted, 50), p95: percentile(decisionToCompleted, 95), p99: percentile(decisionToCompleted, 99) },
  chain: { births: BIRTHS, seconds: chainSeconds, birthsPerSecond: chainRate, httpErrors, failed: statesEntered.get('Failed') ?? 0, notCompleted, duplicateNiks, meanInFlight, cpuMsPerBirth: { node: (chainCpu.node * 1000) / BIRTHS, dynamodbLocal: (chainCpu.jvm * 1000) / BIRTHS } },
  floor: { births: floorBirths, concurrency: floorConcurrency, birthsPerSecond: floorRate, ratio: chainRate / floorRate, cpuMsPerBirth: { node: (floorCpu.node * 1000) / floorBirths, dynamodbLocal: (floorCpu.jvm * 1000) / floorBirths } },
  perBirth: { dynamodbOperations: dynamoOpsPerBirth, byCommand: counts, transactItems: transactWritesPerBirth, stateTransitions: transitionsPerBirth, lambdaInvocations: lambdaPerBirth },
  bundles,
  memory: { nodePeakMb: peakRss / 1024 / 1024, dynamodbLocalPeakMb: jvmKb / 1024 },
  cost: { prices: PRICES, perBirth: cost, totalPerBirth: costPerBirth, yearlyFor4_5MillionBirths: costPerBirth * 4_500_000 },
};

out();
out('figure                                         value            target');
const row = (name: string, value: string, target = '') => out(`${name.padEnd(47)}${value.padEnd(17)}${target}`);
row('intake p50 / p95 / p99 (20 hospitals)', `${results.intake.p50.toFixed(0)}/${results.intake.p95.toFixed(0)}/${results.intake.p99.toFixed(0)} ms`);
row('decision → COMPLETED p50 / p95 / p99 @10/s', `${results.decisionToCompleted.p50}/${results.decisionToCompleted.p95}/${results.decisionToCompleted.p99} ms`, 'p95 < 50 ms');
row(`full chain throughput (${BIRTHS} births)`, `${chainRate.toFixed(1)} births/s`);
row(`floor (same ops, direct, ${floorConcurrency} in flight)`, `${floorRate.toFixed(1)} births/s`);
row('CPU per birth, chain: node / DynamoDB Local', `${results.chain.cpuMsPerBirth.node.toFixed(1)} / ${results.chain.cpuMsPerBirth.dynamodbLocal.toFixed(1)} ms`);
row('CPU per birth, floor: node / DynamoDB Local', `${results.floor.cpuMsPerBirth.node.toFixed(1)} / ${results.floor.cpuMsPerBirth.dynamodbLocal.toFixed(1)} ms`);
row('chain / floor', `${(results.floor.ratio * 100).toFixed(0)} %`, '≥ 80 %');
row('errors / failed / not completed / dup. NIKs', `${httpErrors} / ${results.chain.failed} / ${notCompleted} / ${duplicateNiks}`, 'all 0');
row('DynamoDB operations per birth', dynamoOpsPerBirth.toFixed(1), '≤ 18');
row('state transitions per birth', transitionsPerBirth.toFixed(1), '≤ 7');
row('Lambda invocations per birth', lambdaPerBirth.toFixed(1));
row('peak memory: node / DynamoDB Local JVM', `${results.memory.nodePeakMb.toFixed(0)} / ${results.memory.dynamodbLocalPeakMb.toFixed(0)} MB`);
row('cost per birth (AWS, excl. SMS)', `$${costPerBirth.toFixed(6)}`, '< $0.0005');
row('cost per year, 4.5 million births', `$${(costPerBirth * 4_500_000).toFixed(0)}`);
out(`  prices: ${PRICES.source}`);
out(`  DynamoDB calls per birth: ${Object.entries(counts).map(([n, c]) => `${n.replace('Command', '')} ${c.toFixed(2)}`).join(', ')}`);
out();
out('function                   bundle KB   init ms, median of 7 (CPU ms)   targets: < 1024 KB, < 100 ms');
for (const b of bundles) out(`${b.id.padEnd(27)}${b.kb.toFixed(0).padStart(9)}   ${b.initMs.toFixed(0).padStart(8)} (${b.initCpuMs.toFixed(0)})`);

mkdirSync(join(process.cwd(), 'bench', 'results'), { recursive: true });
const file = join(process.cwd(), 'bench', 'results', `bench-${results.at.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(results, null, 2));
out();
out(`written ${file}`);

await stack.stop();
await dynamo.stop();
rmSync(dataDir, { recursive: true, force: true });
