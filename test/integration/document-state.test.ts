import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { supersedeDocumentItems } from '../../functions/shared/document-versions.js';
import { newVerificationId, type DocumentRecord } from '../../functions/shared/documents.js';
import { registrationDocumentKey, registrationDocumentVersionKey } from '../../functions/shared/keys.js';
import { transitionUpdate } from '../../functions/shared/registration-repository.js';
import type { LocalStack } from '../../local/stack.js';
import { DEMO, notification } from '../support/fixtures.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';
import { addDays, civilDate, recentBirth, validThroughBeforeBirthday } from '../support/dates.js';

/**
 * The public QR check knows whether a genuine document still holds (domain/document-state.ts):
 * a twin's KK print once the second twin joined the card, a re-issued (corrected) akta, a revoked
 * registration, a KIA past its validity (a clock the test sets), and a tampered record.
 */
type Json = Record<string, any>;
let stack: LocalStack;
let call: ReturnType<typeof apiClient>;
let hospital: string;
let registrar: string;

/** The twins, born 10 days ago a minute apart. */
const twinsBorn = [recentBirth({ daysAgo: 10, at: '04:01' }), recentBirth({ daysAgo: 10, at: '04:02' })] as const;
const twin = (order: 1 | 2) =>
  notification({
    notificationId: `STATE-TWIN-${order}`,
    mother: { nik: DEMO.rogojampi.motherNik },
    father: { nik: DEMO.rogojampi.fatherNik },
    familyCardNumber: DEMO.rogojampi.familyCardNumber,
    child: { name: order === 1 ? 'Kembar Pertama' : 'Kembar Kedua', sex: 'MALE', birthDateTime: twinsBorn[order - 1], birthOrder: order, multipleBirth: { count: 2, order } },
  });

async function submitAndWait(body: Record<string, unknown>): Promise<string> {
  const sent = await call<Json>('POST', '/v1/births', { token: hospital, body });
  expect(sent.status).toBe(202);
  const id = sent.body['registrationId'] as string;
  await waitFor(() => call<Json>('GET', `/v1/births/${id}`, { token: registrar }), (r) => r.body['status'] === 'AWAITING_APPROVAL');
  return id;
}

async function approve(id: string): Promise<Json> {
  expect((await call('POST', `/v1/approvals/${id}`, { token: registrar, body: { decision: 'APPROVE' } })).status).toBe(200);
  return (await waitFor(() => call<Json>('GET', `/v1/births/${id}`, { token: registrar }), (r) => r.body['status'] === 'COMPLETED')).body;
}

/** type -> verification id of a registration's current documents. */
async function verificationIds(id: string): Promise<Record<string, string>> {
  const list = await call<{ documents: Json[] }>('GET', `/v1/births/${id}/documents`, { token: registrar });
  return Object.fromEntries(list.body.documents.map((d) => [d['type'], String(d['verificationUrl']).split('/').pop()]));
}

const verify = (verificationId: string) => call<Json>('GET', `/v1/verify/${verificationId}`);
async function verifyPage(verificationId: string): Promise<string> {
  const response = await fetch(`${stack.url}/v1/verify/${verificationId}`, { headers: { accept: 'text/html' } });
  return response.text();
}

let first: { id: string; docs: Record<string, string> };
let second: { id: string; body: Json };

beforeAll(async () => {
  stack = await startTestStack();
  call = apiClient(stack.url);
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  registrar = await stack.issuer.signRegistrarToken('registrar.state');
  const [a, b] = await Promise.all([submitAndWait(twin(1)), submitAndWait(twin(2))]);
  await approve(a);
  first = { id: a, docs: await verificationIds(a) };
  second = { id: b, body: {} };
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('GET /v1/verify/{verificationId}: the document’s state', () => {
  it("answers a twin's KK print ACTIVE until the second twin joins the card, then SUPERSEDED with the date, never the new content", async () => {
    const before = await verify(first.docs['FAMILY_CARD']!);
    expect(before.status).toBe(200);
    expect(before.body['valid']).toBe(true);

    second.body = await approve(second.id);
    const joined = (second.body['timeline'] as Json[]).find((s) => s['step'] === 'FAMILY_CARD_UPDATED')!['at'] as string;
    const after = await verify(first.docs['FAMILY_CARD']!);
    // The reproduction: the first twin's print, no longer the card's current version, said valid.
    expect(after.body['valid']).toBe(false);
    expect(before.body).toMatchObject({ status: 'ACTIVE', type: 'FAMILY_CARD' });
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ valid: false, status: 'SUPERSEDED', type: 'FAMILY_CARD', supersededAt: joined, advice: expect.stringMatching(/current one/) });
    // Nothing of the newer print: not the second twin's NIK, not its members.
    expect(JSON.stringify(after.body)).not.toContain(String(second.body['issued']['nik']));
    expect(after.body).not.toHaveProperty('members');
    const page = await verifyPage(first.docs['FAMILY_CARD']!);
    expect(page).toContain('SUDAH DIGANTI');
    expect(page).toContain('Mintalah dokumen yang terbaru');

    // The second twin's print is the current one; the first twin's akta and KIA still hold.
    const secondDocs = await verificationIds(second.id);
    expect((await verify(secondDocs['FAMILY_CARD']!)).body).toMatchObject({ valid: true, status: 'ACTIVE' });
    expect((await verify(first.docs['BIRTH_CERTIFICATE']!)).body).toMatchObject({ valid: true, status: 'ACTIVE' });
    expect((await verify(first.docs['CHILD_ID_CARD']!)).body).toMatchObject({ valid: true, status: 'ACTIVE' });
  });

  it('answers a KIA EXPIRED after its last valid day, by a clock the test sets, and ACTIVE on that day', async () => {
    const kia = await verify(first.docs['CHILD_ID_CARD']!);
    const validThrough = kia.body['validThrough'] as string;
    expect(validThrough).toBe(validThroughBeforeBirthday(civilDate(twinsBorn[0]), 5));
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(`${validThrough}T16:59:00Z`)); // 23:59 WIB on the last valid day
    expect((await verify(first.docs['CHILD_ID_CARD']!)).body).toMatchObject({ valid: true, status: 'ACTIVE' });
    vi.setSystemTime(new Date(`${validThrough}T17:00:00Z`)); // 00:00 WIB the day after
    const expired = await verify(first.docs['CHILD_ID_CARD']!);
    expect(expired.status).toBe(200);
    expect(expired.body).toMatchObject({ valid: false, status: 'EXPIRED', expiredOn: addDays(validThrough, 1), validThrough });
    expect(await verifyPage(first.docs['CHILD_ID_CARD']!)).toContain('MASA BERLAKUNYA HABIS');
    // The akta does not expire.
    expect((await verify(first.docs['BIRTH_CERTIFICATE']!)).body).toMatchObject({ valid: true, status: 'ACTIVE' });
  });

  it('answers a re-issued akta SUPERSEDED at its old id and ACTIVE at its new one; the re-issue happens once', async () => {
    const key = registrationDocumentKey(second.id, 'BIRTH_CERTIFICATE');
    const current = (await stack.documentClient.send(new GetCommand({ TableName: stack.tableName, Key: key, ConsistentRead: true }))).Item as DocumentRecord;
    const at = new Date().toISOString();
    // The same signed content under a new verification id stands in for a corrected one (h12b's re-issue builds new content).
    const next = { number: current.number, content: current.content, digest: current.digest, signature: current.signature, signingKeyId: current.signingKeyId, issuedAt: at, verificationId: newVerificationId() };
    const items = supersedeDocumentItems(stack.tableName, current, next, at);
    await stack.documentClient.send(new TransactWriteCommand({ TransactItems: items }));
    // A replay of the same re-issue (a retried step) is cancelled: exactly one new version.
    await expect(stack.documentClient.send(new TransactWriteCommand({ TransactItems: items }))).rejects.toThrow(/cancel/i);
    await expect(
      stack.documentClient.send(new TransactWriteCommand({ TransactItems: supersedeDocumentItems(stack.tableName, current, { ...next, verificationId: newVerificationId() }, at) })),
    ).rejects.toThrow(/cancel/i);

    const old = await verify(current.verificationId);
    expect(old.body).toMatchObject({ valid: false, status: 'SUPERSEDED', type: 'BIRTH_CERTIFICATE', supersededAt: at });
    expect((await verify(next.verificationId)).body).toMatchObject({ valid: true, status: 'ACTIVE', type: 'BIRTH_CERTIFICATE' });
    expect((await verificationIds(second.id))['BIRTH_CERTIFICATE']).toBe(next.verificationId);
    const archived = await stack.documentClient.send(new GetCommand({ TableName: stack.tableName, Key: registrationDocumentVersionKey(second.id, 'BIRTH_CERTIFICATE', 1) }));
    expect(archived.Item).toMatchObject({ version: 1, supersededAt: at, verificationId: current.verificationId });

    // An archived version altered after signing is not genuine either.
    await stack.documentClient.send(
      new UpdateCommand({
        TableName: stack.tableName,
        Key: registrationDocumentVersionKey(second.id, 'BIRTH_CERTIFICATE', 1),
        UpdateExpression: 'SET content.child.#name = :forged',
        ExpressionAttributeNames: { '#name': 'name' },
        ExpressionAttributeValues: { ':forged': 'SOMEONE ELSE' },
      }),
    );
    const tampered = await verify(current.verificationId);
    expect(tampered.status).toBe(404);
    expect(tampered.body).toEqual({ valid: false });
  });

  it('answers every document of a revoked registration REVOKED, with the date', async () => {
    const at = new Date().toISOString();
    // The lifecycle's own revoke write (registration-repository `revoke` sends this in its transaction).
    await stack.documentClient.send(new UpdateCommand(transitionUpdate(stack.tableName, { transition: 'revoke', registrationId: first.id, at, by: 'kepala.state' })));
    expect((await call<Json>('GET', `/v1/births/${first.id}`, { token: registrar })).body['status']).toBe('REVOKED');
    for (const type of ['BIRTH_CERTIFICATE', 'CHILD_ID_CARD', 'FAMILY_CARD']) {
      const revoked = await verify(first.docs[type]!);
      expect(revoked.status).toBe(200);
      expect(revoked.body).toMatchObject({ valid: false, status: 'REVOKED', revokedAt: at });
    }
    expect(await verifyPage(first.docs['BIRTH_CERTIFICATE']!)).toContain('DIBATALKAN');
  });
});
