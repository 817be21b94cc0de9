import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { registrationKey } from '../../functions/shared/keys.js';
import { notification } from '../support/fixtures.js';
import { startTestStack, waitFor } from '../support/local-stack.js';

/**
 * A crash while a correction is re-issuing: every task of both workflows fails twice, each failure
 * either before its handler ran or after (its writes done, its answer lost: the step crashed on its
 * way out). The correction still applies, and exactly one new version of each document exists; the
 * previous versions are kept once.
 */
let stack: LocalStack;
let hospital: string;
let registrar: string;
let head: string;
type Json = Record<string, any>;

async function call(method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, json: (await response.json()) as Json };
}

beforeAll(async () => {
  stack = await startTestStack({ faults: { taskErrorRate: 1, maxTaskErrorsPerStep: 2, seed: 7 } });
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  registrar = await stack.issuer.signRegistrarToken('registrar.faults');
  head = await stack.issuer.signHeadOfOfficeToken('kadis.faults');
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

it('applies a correction exactly once when its steps crash before and after doing their work', async () => {
  const created = await call('POST', '/v1/births', hospital, notification({ notificationId: 'amend-faults-1' }));
  const id = created.json['registrationId'] as string;
  await waitFor(() => call('GET', `/v1/births/${id}`, registrar), (r) => r.json['status'] === 'AWAITING_APPROVAL');
  await waitFor(() => call('POST', `/v1/approvals/${id}`, registrar, { decision: 'APPROVE' }), (r) => r.status === 200);
  await waitFor(() => call('GET', `/v1/births/${id}`, registrar), (r) => r.json['status'] === 'COMPLETED');

  const filed = await call('POST', `/v1/births/${id}/amendments`, registrar, { kind: 'CORRECTION', changes: { child: { name: 'Muhammad Arka Santosa' } }, reason: 'Salah ketik' });
  expect(filed.status).toBe(202);
  const amendmentId = filed.json['amendmentId'] as string;
  await waitFor(() => call('POST', `/v1/amendments/${amendmentId}`, head, { decision: 'APPROVE' }), (r) => r.status === 200);
  await waitFor(() => call('GET', `/v1/births/${id}`, registrar), (r) => (r.json['amendments'] as Json[] | undefined)?.[0]?.['status'] === 'APPLIED', 60_000);

  const items = (
    await stack.documentClient.send(new QueryCommand({ TableName: stack.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': registrationKey(id).pk }, ConsistentRead: true }))
  ).Items as Json[];
  for (const type of ['BIRTH_CERTIFICATE', 'FAMILY_CARD', 'CHILD_ID_CARD']) {
    expect(items.filter((i) => i['sk'] === `DOC#${type}`).map((i) => i['version']), type).toEqual([2]);
    expect(items.filter((i) => String(i['sk']).startsWith(`DOCV#${type}#`)), type).toHaveLength(1);
  }
  expect(stack.amendmentEngine.injectedFaults.afterHandler).toBeGreaterThan(0);
  expect(stack.amendmentEngine.injectedFaults.beforeHandler).toBeGreaterThan(0);
}, 120_000);
