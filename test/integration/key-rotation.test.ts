import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, expect, it } from 'vitest';
import { registrationDocumentKey } from '../../functions/shared/keys.js';
import type { LocalStack } from '../../local/stack.js';
import { notification } from '../support/fixtures.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';

/**
 * A rotation of the document signing key, end to end: the office starts signing with a new key and
 * keeps the old one for verification. Documents issued before stay valid, new ones carry the new
 * key's id, and a document naming a key the office does not accept (or another key than the one
 * that signed it) is invalid. Locally a key is a PEM file in the data folder; a restart with a new
 * key file name is the rotation (as a deployment with a new KMS key is in AWS).
 */
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

const TYPES = ['BIRTH_CERTIFICATE', 'FAMILY_CARD', 'CHILD_ID_CARD'] as const;
type DocumentItem = { signingKeyId: string; verificationId: string };

let stack: LocalStack | undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'lahir-rotation-'));
afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function issueDocuments(current: LocalStack, notificationId: string): Promise<DocumentItem[]> {
  const call = apiClient(current.url);
  const hospital = await current.issuer.signHospitalToken('rsud-blambangan');
  const registrar = await current.issuer.signRegistrarToken('registrar.rotation');
  const created = await call<{ registrationId: string }>('POST', '/v1/births', { token: hospital, body: notification({ notificationId }) });
  const id = created.body.registrationId;
  await waitFor(async () => (await call<{ status: string }>('GET', `/v1/births/${id}`, { token: registrar })).body.status, (s) => s === 'AWAITING_APPROVAL');
  expect((await call('POST', `/v1/approvals/${id}`, { token: registrar, body: { decision: 'APPROVE' } })).status).toBe(200);
  await waitFor(async () => (await call<{ status: string }>('GET', `/v1/births/${id}`, { token: registrar })).body.status, (s) => s === 'COMPLETED');
  const items = [];
  for (const type of TYPES) {
    const { Item } = await current.documentClient.send(new GetCommand({ TableName: current.tableName, Key: registrationDocumentKey(id, type) }));
    items.push({ ...(Item as DocumentItem), registrationId: id, type });
  }
  return items;
}

/**
 * Genuine: digest and signature hold (200, whatever the state: the first birth's KK print is
 * SUPERSEDED once the second birth joined the same card); forged or unknown is 404.
 */
const verify = async (current: LocalStack, verificationId: string) =>
  (await apiClient(current.url)<{ valid: boolean }>('GET', `/v1/verify/${verificationId}`)).status === 200;

it('keeps documents signed before a key rotation valid, signs new ones with the new key, and refuses unknown keys', async () => {
  const fixed = { tablePrefix: `rotation${Date.now().toString(36)}`, dataDir, stepFunctionsPort: await freePort() };
  stack = await startTestStack(fixed);
  const before = await issueDocuments(stack, 'ROTATION-1');
  const oldKey = before[0]!.signingKeyId;
  expect(oldKey).toMatch(/^local:[0-9a-f]{16}$/);
  for (const item of before) expect(item.signingKeyId).toBe(oldKey);
  for (const item of before) expect(await verify(stack, item.verificationId)).toBe(true);
  await stack.stop();

  // The rotation: a new signing key; the old one stays in the data folder as a verification key.
  stack = await startTestStack({ ...fixed, documentSigningKey: 'document-signing-key-2.pem' });
  const after = await issueDocuments(stack, 'ROTATION-2');
  const newKey = after[0]!.signingKeyId;
  expect(newKey).toMatch(/^local:[0-9a-f]{16}$/);
  expect(newKey).not.toBe(oldKey);
  for (const item of after) expect(item.signingKeyId).toBe(newKey);
  for (const item of [...before, ...after]) expect(await verify(stack, item.verificationId), item.verificationId).toBe(true);

  // A document naming a key the office never had, or another accepted key than the one that signed it.
  const [unknown, swapped] = before as [DocumentItem & { registrationId: string; type: (typeof TYPES)[number] }, DocumentItem & { registrationId: string; type: (typeof TYPES)[number] }];
  const claim = async (item: typeof unknown, keyId: string) =>
    stack!.documentClient.send(
      new UpdateCommand({
        TableName: stack!.tableName,
        Key: registrationDocumentKey(item.registrationId, item.type),
        UpdateExpression: 'SET signingKeyId = :key',
        ExpressionAttributeValues: { ':key': keyId },
      }),
    );
  await claim(unknown, 'local:0000000000000000');
  await claim(swapped, newKey);
  expect(await verify(stack, unknown.verificationId)).toBe(false);
  expect(await verify(stack, swapped.verificationId)).toBe(false);
}, 120_000);
