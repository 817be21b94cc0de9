import { BatchGetCommand, QueryCommand, type BatchGetCommandOutput, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { notification } from '../support/fixtures.js';
import { familyKey, registrationKey } from '../../functions/shared/keys.js';

/**
 * Drives many births through a running local stack and checks the exactly-once outcome from the
 * table itself (through the test's own client, which no fault injection touches).
 */

/** The demo families whose births are acceptable (35.10, mother in the card). */
export const FAMILIES = [
  { familyCardNumber: '3510160101200001', motherNik: '3510165203950001', fatherNik: '3510161407920001' },
  { familyCardNumber: '3510160205210002', motherNik: '3510167108930001', fatherNik: '3510163101900002' },
  { familyCardNumber: '3510091503190003', motherNik: '3510096802980001' },
  { familyCardNumber: '3510131107220004', motherNik: '3510136902960002', fatherNik: '3510130512880003' },
] as const;

/** The i-th of a run's births: families in turn, dates spread over the 55 days before today. */
export function birth(run: string, i: number): Record<string, unknown> {
  const family = FAMILIES[i % FAMILIES.length]!;
  // 1 to 55 days before today (WIB): always timely, so any registrar may decide it (a birth reported
  // more than 60 days late is the head of office's decision); one family's births days apart.
  const day = new Date(Date.now() + 7 * 3_600_000 - (1 + (i % 55)) * 86_400_000).toISOString().slice(0, 10);
  return notification({
    notificationId: `${run}-${i}`,
    child: { name: 'Bayi', sex: i % 2 ? 'FEMALE' : 'MALE', birthDateTime: `${day}T10:00:00+07:00`, birthOrder: 1 + (i % 5) },
    mother: { nik: family.motherNik },
    father: 'fatherNik' in family ? { nik: family.fatherNik } : undefined,
    familyCardNumber: family.familyCardNumber,
  });
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function pool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface Call {
  (method: 'GET' | 'POST', path: string, options?: { token?: string; body?: unknown }): Promise<{ status: number; body: Record<string, unknown> }>;
}

/** A client that does what an integrator should: retry 503 (and a dropped connection) with the same request. */
export async function withRetry(call: Call, ...args: Parameters<Call>): Promise<{ status: number; body: Record<string, unknown> }> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await call(...args);
      if (response.status !== 503 || attempt >= 50) return response;
    } catch (error) {
      if (attempt >= 50) throw error;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

export type Registration = {
  registrationId: string;
  status: string;
  issued?: { nik?: string; familyCardNumber?: string; familyCardVersion?: number; birthCertificateNumber?: string; childIdCardNumber?: string };
  decision?: { decision: string };
};

/** Current registrations, read in batches of 100 straight from the table. */
export async function readRegistrations(client: DynamoDBDocumentClient, tableName: string, ids: readonly string[]): Promise<Registration[]> {
  const found: Registration[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = ids.slice(i, i + 100).map(registrationKey);
    while (keys && keys.length > 0) {
      const page: BatchGetCommandOutput = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }));
      found.push(...((page.Responses?.[tableName] ?? []) as Registration[]));
      keys = page.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return found;
}

/**
 * Approves each registration as soon as it waits for a decision, until all are COMPLETED (or the
 * time runs out: then the statuses left over are in the error).
 */
export async function approveAllUntilCompleted(options: {
  client: DynamoDBDocumentClient;
  tableName: string;
  ids: readonly string[];
  decide: (id: string) => Promise<void>;
  timeoutMs: number;
}): Promise<Registration[]> {
  const decided = new Set<string>();
  const until = Date.now() + options.timeoutMs;
  for (;;) {
    const current = await readRegistrations(options.client, options.tableName, options.ids);
    if (current.length === options.ids.length && current.every((r) => r.status === 'COMPLETED')) return current;
    if (Date.now() > until) {
      const counts: Record<string, number> = {};
      for (const r of current) counts[r.status] = (counts[r.status] ?? 0) + 1;
      // The failures' error names (no personal data): what to look for in the run's logs.
      const failures = [...new Set(current.filter((r) => r.status === 'FAILED').map((r) => String((r as { failure?: { error?: string } }).failure?.error)))];
      throw new Error(`Not all completed in time: ${JSON.stringify(counts)}${failures.length ? `; failures: ${failures.join(', ')}` : ''}`);
    }
    const ready = current.filter((r) => r.status === 'AWAITING_APPROVAL' && !decided.has(r.registrationId)).map((r) => r.registrationId);
    for (const id of ready) decided.add(id);
    await pool(ready, 25, options.decide);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function scanAll(client: DynamoDBDocumentClient, tableName: string, prefix: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'begins_with(pk, :prefix)',
        ExpressionAttributeValues: { ':prefix': prefix },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/**
 * Exactly once, from the table: every registration COMPLETED with its own NIK (a person record and one
 * KK member record each), one akta number record and one KIA number record, and three signed documents.
 */
export async function expectExactlyOnce(client: DynamoDBDocumentClient, tableName: string, done: readonly Registration[]): Promise<void> {
  expect(done.map((r) => r.status)).toEqual(done.map(() => 'COMPLETED'));
  const niks = done.map((r) => r.issued?.nik);
  expect(niks.every((nik) => typeof nik === 'string' && /^\d{16}$/.test(nik))).toBe(true);
  expect(new Set(niks).size).toBe(done.length);
  const ids = new Set(done.map((r) => r.registrationId));

  const members = (
    await Promise.all(
      FAMILIES.map(async ({ familyCardNumber }) => {
        const items: Record<string, unknown>[] = [];
        let startKey: Record<string, unknown> | undefined;
        do {
          const page = await client.send(
            new QueryCommand({
              TableName: tableName,
              KeyConditionExpression: 'pk = :pk AND begins_with(sk, :member)',
              ExpressionAttributeValues: { ':pk': familyKey(familyCardNumber).pk, ':member': 'MEMBER#' },
              ExclusiveStartKey: startKey,
            }),
          );
          items.push(...(page.Items ?? []));
          startKey = page.LastEvaluatedKey;
        } while (startKey);
        return items;
      }),
    )
  ).flat();
  const memberNiks = members.map((m) => String(m['nik']));
  for (const nik of niks) expect(memberNiks.filter((n) => n === nik)).toHaveLength(1);
  // Each birth its own KK version: never shared (one may be skipped when a step dies between the
  // version claim and its transaction, as functions/register-child/handler.ts documents).
  for (const { familyCardNumber } of FAMILIES) {
    const versions = done.filter((r) => r.issued?.familyCardNumber === familyCardNumber).map((r) => Number(r.issued?.familyCardVersion));
    expect(new Set(versions).size).toBe(versions.length);
    expect(versions.every((v) => v >= 2)).toBe(true);
  }

  const persons = await scanAll(client, tableName, 'PERSON#');
  const personNiks = new Set(persons.map((p) => String(p['nik'] ?? String(p['pk']).slice('PERSON#'.length))));
  expect(niks.filter((nik) => !personNiks.has(nik as string))).toEqual([]);

  for (const type of ['BIRTH_CERTIFICATE', 'CHILD_ID_CARD'] as const) {
    const numbers = (await scanAll(client, tableName, `DOC#${type}#`)).filter((d) => ids.has(String(d['registrationId'])));
    const perRegistration = new Map<string, number>();
    for (const d of numbers) perRegistration.set(String(d['registrationId']), (perRegistration.get(String(d['registrationId'])) ?? 0) + 1);
    expect(perRegistration.size).toBe(done.length);
    expect([...perRegistration.values()].every((n) => n === 1)).toBe(true);
  }
  const aktas = done.map((r) => r.issued?.birthCertificateNumber);
  expect(new Set(aktas).size).toBe(done.length);
  expect(done.every((r) => r.issued?.childIdCardNumber === r.issued?.nik)).toBe(true);
}

/**
 * Approves every registration as it reaches the queue (retrying the call through injected faults),
 * waits until all are COMPLETED, then checks exactly-once from the table and that each has one
 * SUCCEEDED execution named after it.
 */
export async function approveAllAndExpectExactlyOnce(
  stack: LocalStack,
  call: Call,
  registrarToken: string,
  ids: readonly string[],
): Promise<void> {
  const done = await approveAllUntilCompleted({
    client: stack.documentClient,
    tableName: stack.tableName,
    ids,
    timeoutMs: 150_000,
    decide: async (id) => {
      const decided = await withRetry(call, 'POST', `/v1/approvals/${id}`, { token: registrarToken, body: { decision: 'APPROVE' } });
      expect(decided.status).toBe(200);
    },
  });
  await expectExactlyOnce(stack.documentClient, stack.tableName, done);
  const executions = await pool(ids, 50, (id) =>
    stack.engine.describeExecution(`${stack.stateMachineArn.replace(':stateMachine:', ':execution:')}:${id}`),
  );
  expect(executions.map((e) => e.status)).toEqual(ids.map(() => 'SUCCEEDED'));
}
