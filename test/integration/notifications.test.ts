import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { lambdaContext } from '../../local/lambda-runtime.js';
import { DEMO, notification } from '../support/fixtures.js';
import { startTestStack, waitFor } from '../support/local-stack.js';
import { registrationKey } from '../../functions/shared/keys.js';
import { recentBirth } from '../support/dates.js';

/**
 * Notifications end to end on the local stack: a registration that completes or is rejected queues
 * an SMS and (if the hospital set one) a webhook event in the same transaction; DeliverNotifications
 * prints the SMS and POSTs the signed event to a real HTTP receiver on 127.0.0.1.
 */
let stack: LocalStack;
let registrar: string;
let receiver: Receiver;
const output: string[] = [];
/** NIKs the tests issued: checked against the logs at the end. */
const issuedNiks: string[] = [];

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A webhook receiver: records every request; `script(path, [500, 500])` makes the next answers fail. */
interface Receiver {
  readonly url: string;
  readonly requests: Received[];
  script(path: string, statuses: number[]): void;
  /** Answers requests to `path` only after `ms`. */
  slow(path: string, ms: number): void;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const requests: Received[] = [];
  const scripts = new Map<string, number[]>();
  const delays = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      requests.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = scripts.get(path)?.shift() ?? 200;
      setTimeout(() => {
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(status < 300 ? 'ok' : 'nope');
      }, delays.get(path) ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (path, statuses) => scripts.set(path, [...statuses]),
    slow: (path, ms) => delays.set(path, ms),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Json = Record<string, any>;

async function call(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
}

const hospitalToken = (facilityId: string) => stack.issuer.signHospitalToken(facilityId);
const getBirth = async (id: string) => (await call('GET', `/v1/births/${id}`, registrar)).body;

async function setWebhook(facilityId: string, path: string): Promise<string> {
  const response = await call('PUT', '/v1/webhook', await hospitalToken(facilityId), { url: `${receiver.url}${path}` });
  expect(response.status).toBe(200);
  return response.body['secret'] as string;
}

/** Submits a birth for `facilityId` and returns its id once it waits for a registrar. */
async function submit(facilityId: string, overrides: Record<string, unknown>): Promise<string> {
  const created = await call('POST', '/v1/births', await hospitalToken(facilityId), notification(overrides));
  expect(created.status).toBe(202);
  return created.body['registrationId'] as string;
}

async function submitAndComplete(facilityId: string, overrides: Record<string, unknown>): Promise<string> {
  const id = await submit(facilityId, overrides);
  await waitFor(() => getBirth(id), (b) => b['status'] === 'AWAITING_APPROVAL');
  expect((await call('POST', `/v1/approvals/${id}`, registrar, { decision: 'APPROVE' })).status).toBe(200);
  const done = await waitFor(() => getBirth(id), (b) => b['status'] === 'COMPLETED');
  issuedNiks.push(String(done['issued']['nik']));
  return id;
}

async function outboxOf(registrationId: string): Promise<Json[]> {
  const items: Json[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await stack.documentClient.send(
      new ScanCommand({
        TableName: stack.tableName,
        FilterExpression: 'begins_with(pk, :prefix)',
        ExpressionAttributeValues: { ':prefix': `OUTBOX#${registrationId}#` },
        ConsistentRead: true,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    items.push(...((page.Items ?? []) as Json[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.sort((a, b) => String(a['channel']).localeCompare(String(b['channel'])));
}

const smsLines = (registrationId: string) => output.join('').split('\n').filter((line) => line.startsWith('[SMS') && line.includes(registrationId));
const requestsTo = (path: string) => receiver.requests.filter((r) => r.path === path);
const allDelivered = (items: Json[]) => items.length > 0 && items.every((i) => i['status'] === 'DELIVERED');

beforeAll(async () => {
  // Everything the stack prints (the functions' logger, the gateway, the local SMS sender) is kept for the last test.
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array) => {
      output.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof stream.write);
  }
  receiver = await startReceiver();
  stack = await startTestStack({ logLevel: 'DEBUG', notifications: { pollIntervalMs: 50, backoffBaseMs: 10, backoffMaxMs: 40 } });
  registrar = await stack.issuer.signRegistrarToken('registrar.notify');
});

afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
  vi.restoreAllMocks();
});

describe('webhook registration', () => {
  it('lets a hospital set, read and remove its webhook; the secret is shown once', async () => {
    const token = await hospitalToken('rs-webhook-crud');
    const put = await call('PUT', '/v1/webhook', token, { url: `${receiver.url}/crud` });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ url: `${receiver.url}/crud`, secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/) });
    const again = await call('PUT', '/v1/webhook', token, { url: `${receiver.url}/crud` });
    expect(again.body['secret']).not.toBe(put.body['secret']);

    const got = await call('GET', '/v1/webhook', token);
    expect(got.status).toBe(200);
    expect(got.body['url']).toBe(`${receiver.url}/crud`);
    expect(got.body).not.toHaveProperty('secret');

    expect((await call('DELETE', '/v1/webhook', token)).status).toBe(204);
    expect((await call('GET', '/v1/webhook', token)).status).toBe(404);
    expect((await call('DELETE', '/v1/webhook', token)).status).toBe(204);
  });

  it('refuses registrars (403) and bad URLs (400 with the path)', async () => {
    const token = await hospitalToken('rs-webhook-bad');
    expect((await call('PUT', '/v1/webhook', registrar, { url: 'https://his.example.co.id/hook' })).status).toBe(403);
    expect((await call('GET', '/v1/webhook', registrar)).status).toBe(403);
    expect((await call('DELETE', '/v1/webhook', registrar)).status).toBe(403);

    for (const url of ['not a url', 'ftp://his.example.co.id/hook', 'http://his.example.co.id/hook', 'https://user:pw@his.example.co.id/hook']) {
      const response = await call('PUT', '/v1/webhook', token, { url });
      expect(response.status, url).toBe(400);
      expect(response.body['issues'].map((i: { path: string }) => i.path), url).toEqual(['url']);
    }
    const missing = await call('PUT', '/v1/webhook', token, {});
    expect(missing.status).toBe(400);
    expect(missing.body['issues'].map((i: { path: string }) => i.path)).toEqual(['url']);
    const extra = await call('PUT', '/v1/webhook', token, { url: 'https://his.example.co.id/hook', secret: 'mine' });
    expect(extra.status).toBe(400);
    expect((await call('GET', '/v1/webhook', token)).status).toBe(404);
  });
});

describe('a completed registration', () => {
  const facility = 'rs-notify-complete';
  let secret: string;
  let id: string;

  it('queues exactly one SMS and one webhook event, however often the documents step runs', async () => {
    secret = await setWebhook(facility, '/complete');
    id = await submitAndComplete(facility, { notificationId: 'notify-complete-1', contactPhone: '0812 9999 0001' });

    // Replays of the step after it finished, several at once.
    const complete = stack.functionHandler('IssueDocuments');
    await Promise.all(Array.from({ length: 5 }, () => complete({ registrationId: id }, lambdaContext('issue-documents'))));

    await waitFor(() => outboxOf(id), allDelivered);
    await stack.deliverNow();
    const items = await outboxOf(id);
    expect(items.map((i) => [i['channel'], i['event'], i['status'], i['attempts']])).toEqual([
      ['SMS', 'registration.completed', 'DELIVERED', 1],
      ['WEBHOOK', 'registration.completed', 'DELIVERED', 1],
    ]);
    for (const item of items) {
      expect(item).not.toHaveProperty('gsi1pk');
      expect(item).not.toHaveProperty('leaseId');
      expect(item['expiresAt']).toBeGreaterThan(Date.now() / 1000);
    }
    expect(requestsTo('/complete')).toHaveLength(1);

    const lines = smsLines(id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      `[SMS → +62812****0001] Dukcapil Banyuwangi: Akta kelahiran anak Anda sudah terbit. ` +
        `Unduh di ${stack.url}/v1/births/${id}/documents dengan kode akses dari rumah sakit. No. registrasi: ${id}`,
    );
  });

  it('queues nothing twice when duplicate runs of the step race each other before it is recorded', async () => {
    // A registration with its numbers issued, not yet completed, outside any workflow: ten runs at once.
    const raceId = `race-${Date.now()}`;
    const stored = await stack.documentClient.send(new GetCommand({ TableName: stack.tableName, Key: registrationKey(id) }));
    const { gsi2pk: _mother, gsi2sk: _birth, notificationsQueuedAt: _queued, ...template } = stored.Item!;
    await stack.documentClient.send(
      new PutCommand({
        TableName: stack.tableName,
        Item: { ...template, ...registrationKey(raceId), registrationId: raceId, status: 'ISSUING', steps: { RECEIVED: template['steps']['RECEIVED'] } },
      }),
    );
    const complete = stack.functionHandler('IssueDocuments');
    const runAll = () => Promise.allSettled(Array.from({ length: 10 }, () => complete({ registrationId: raceId }, lambdaContext('issue-documents'))));
    let results = await runAll();
    // Transaction conflicts are TransientError: the workflow would retry them, so do we.
    for (let round = 0; round < 5 && results.some((r) => r.status === 'rejected'); round++) {
      for (const r of results) if (r.status === 'rejected') expect((r.reason as Error).name).toBe('TransientError');
      results = await runAll();
    }
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);

    const items = await outboxOf(raceId);
    expect(items.map((i) => i['channel'])).toEqual(['SMS', 'WEBHOOK']);
    const raced = (await stack.documentClient.send(new GetCommand({ TableName: stack.tableName, Key: registrationKey(raceId) }))).Item!;
    expect(raced['status']).toBe('COMPLETED');
    await waitFor(() => outboxOf(raceId), allDelivered);
    expect(smsLines(raceId)).toHaveLength(1);

    // A run that finds the registration ISSUING again after its documents and messages exist (a state no
    // workflow reaches: the documents are only written with COMPLETED) refuses: its puts find the documents
    // and the messages, the whole write is dropped, and nothing is sent again.
    await stack.documentClient.send(
      new UpdateCommand({
        TableName: stack.tableName,
        Key: registrationKey(raceId),
        UpdateExpression: 'SET #status = :issuing',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':issuing': 'ISSUING' },
      }),
    );
    await expect(complete({ registrationId: raceId }, lambdaContext('issue-documents'))).rejects.toMatchObject({ name: 'RegistrationStateError' });
    await stack.deliverNow();
    expect((await outboxOf(raceId)).map((i) => i['status'])).toEqual(['DELIVERED', 'DELIVERED']);
    expect(smsLines(raceId)).toHaveLength(1);
  });

  it('signs the webhook event so the hospital can verify it with its secret; ids and status only', async () => {
    const [request] = requestsTo('/complete');
    const timestamp = request!.headers['x-lahir-timestamp'] as string;
    const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${request!.body}`).digest('hex')}`;
    expect(request!.headers['x-lahir-signature']).toBe(expected);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
    const forged = `sha256=${createHmac('sha256', 'whsec_wrong').update(`${timestamp}.${request!.body}`).digest('hex')}`;
    expect(forged).not.toBe(expected);

    const event = JSON.parse(request!.body) as Json;
    expect(event).toEqual({
      id: request!.headers['x-lahir-event-id'],
      type: 'registration.completed',
      registrationId: id,
      notificationId: 'notify-complete-1',
      occurredAt: expect.any(String),
      status: 'COMPLETED',
      link: `/v1/births/${id}`,
    });
    const birth = await getBirth(id);
    expect(request!.body).not.toContain(String(birth['issued']['nik']));
    expect(request!.body).not.toContain(String(birth['issued']['birthCertificateNumber']));
  });
});

describe('delivery retries', () => {
  it('retries a failing receiver with back-off: two failures, then the third attempt lands, with the same event id', async () => {
    const facility = 'rs-notify-flaky';
    receiver.script('/flaky', [500, 503]);
    await setWebhook(facility, '/flaky');
    const id = await submitAndComplete(facility, {
      notificationId: 'notify-flaky-1',
      contactPhone: '081299990002',
      child: { birthDateTime: recentBirth({ daysAgo: 12, at: '09:00' }) },
    });
    const [sms, webhook] = await waitFor(() => outboxOf(id), allDelivered);
    expect(sms!['attempts']).toBe(1);
    expect(webhook).toMatchObject({ status: 'DELIVERED', attempts: 3, lastError: 'HTTP 503' });
    expect(webhook).not.toHaveProperty('gsi1pk');

    const requests = requestsTo('/flaky');
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => r.headers['x-lahir-event-id'])).size).toBe(1);
    expect(new Set(requests.map((r) => r.body)).size).toBe(1);
    expect(requests.map((r) => r.headers['x-lahir-attempt'])).toEqual(['1', '2', '3']);
  });

  it('never sends one message twice at the same time, however many deliverers run', async () => {
    const facility = 'rs-notify-concurrent';
    receiver.slow('/slow', 300);
    await setWebhook(facility, '/slow');
    const id = await submitAndComplete(facility, {
      notificationId: 'notify-concurrent-1',
      contactPhone: '081299990007',
      child: { birthDateTime: recentBirth({ daysAgo: 15, at: '09:00' }) },
    });
    // Besides the local poller, five more deliverers at once, as overlapping schedules would in AWS.
    const deliver = stack.functionHandler('DeliverNotifications');
    await Promise.all(Array.from({ length: 5 }, () => deliver({}, lambdaContext('deliver-notifications'))));
    await waitFor(() => outboxOf(id), allDelivered);
    await stack.deliverNow();
    expect(requestsTo('/slow')).toHaveLength(1);
    expect(smsLines(id)).toHaveLength(1);
  });

  it('gives up after the last attempt: the message is DEAD and leaves the due index', async () => {
    const facility = 'rs-notify-dead';
    receiver.script('/dead', Array(20).fill(500));
    await setWebhook(facility, '/dead');
    const id = await submitAndComplete(facility, {
      notificationId: 'notify-dead-1',
      contactPhone: '081299990003',
      child: { birthDateTime: recentBirth({ daysAgo: 13, at: '09:00' }) },
    });
    const items = await waitFor(() => outboxOf(id), (all) => all.some((i) => i['status'] === 'DEAD'));
    const webhook = items.find((i) => i['channel'] === 'WEBHOOK')!;
    expect(webhook).toMatchObject({ status: 'DEAD', attempts: 8, lastError: 'HTTP 500' });
    expect(webhook).not.toHaveProperty('gsi1pk');
    expect(requestsTo('/dead')).toHaveLength(8);
    await stack.deliverNow();
    expect(requestsTo('/dead')).toHaveLength(8);
  });

  it('cancels queued events of a hospital that removed its webhook', async () => {
    const facility = 'rs-notify-removed';
    receiver.script('/removed', Array(20).fill(500));
    await setWebhook(facility, '/removed');
    const id = await submitAndComplete(facility, {
      notificationId: 'notify-removed-1',
      contactPhone: '081299990004',
      child: { birthDateTime: recentBirth({ daysAgo: 14, at: '09:00' }) },
    });
    await waitFor(() => outboxOf(id), (all) => all.some((i) => i['channel'] === 'WEBHOOK' && i['attempts'] >= 1));
    expect((await call('DELETE', '/v1/webhook', await hospitalToken(facility))).status).toBe(204);
    const items = await waitFor(() => outboxOf(id), (all) => all.some((i) => i['status'] === 'CANCELLED'));
    expect(items.find((i) => i['channel'] === 'WEBHOOK')).toMatchObject({ status: 'CANCELLED', lastError: 'webhook removed' });
  });
});

describe('a rejected registration', () => {
  it('texts nobody when the registry checks reject it (the hospital corrects it); the hospital gets the codes', async () => {
    const facility = 'rs-notify-reject';
    await setWebhook(facility, '/reject');
    const id = await submit(facility, { notificationId: 'notify-reject-1', contactPhone: '081299990005', mother: { nik: '3510165505990009' } });
    await waitFor(() => getBirth(id), (b) => b['status'] === 'REJECTED');
    const items = await waitFor(() => outboxOf(id), allDelivered);
    expect(items.map((i) => i['channel'])).toEqual(['WEBHOOK']);
    expect(smsLines(id)).toEqual([]);
    const [request] = requestsTo('/reject');
    expect(JSON.parse(request!.body)).toMatchObject({
      type: 'registration.rejected',
      registrationId: id,
      status: 'REJECTED',
      rejection: { source: 'REGISTRY_CHECKS', fields: ['mother.nik'] },
    });
  });

  it("texts the parents when a registrar rejects, without the registrar's words", async () => {
    const facility = 'rs-notify-reject';
    const id = await submit(facility, {
      notificationId: 'notify-reject-2',
      contactPhone: '081299990006',
      mother: { nik: DEMO.rogojampi.motherNik },
      father: { nik: DEMO.rogojampi.fatherNik },
      familyCardNumber: DEMO.rogojampi.familyCardNumber,
    });
    await waitFor(() => getBirth(id), (b) => b['status'] === 'AWAITING_APPROVAL');
    const reason = 'Nama ibu di surat keterangan lahir berbeda';
    expect((await call('POST', `/v1/approvals/${id}`, registrar, { decision: 'REJECT', reason })).status).toBe(200);
    const items = await waitFor(() => outboxOf(id), (all) => all.length === 2 && allDelivered(all));
    expect(items.map((i) => i['event'])).toEqual(['registration.rejected', 'registration.rejected']);
    const lines = smsLines(id);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('belum dapat diterbitkan: ditolak petugas pencatatan sipil. Hubungi rumah sakit.');
    expect(lines[0]).not.toContain(reason);
    const event = JSON.parse(requestsTo('/reject').find((r) => r.body.includes(id))!.body) as Json;
    expect(event['rejection']).toEqual({ source: 'REGISTRAR', fields: [] });
    expect(JSON.stringify(event)).not.toContain(reason);
  });
});

describe('personal data', () => {
  it('never reaches the logs: no phone number, child name or NIK in anything the stack printed', async () => {
    const printed = output.join('');
    // The functions did log (the run is at DEBUG), so the absence below means something.
    expect(printed).toContain('"message":"Notification delivered"');
    const forbidden = [
      '+6281299990001',
      '081299990001',
      '0812 9999 0001',
      '6281299990002',
      '6281299990005',
      '6281299990006',
      'Muhammad Arka Santoso',
      DEMO.banyuwangi.motherNik,
      DEMO.banyuwangi.fatherNik,
      DEMO.rogojampi.motherNik,
      '3510165505990009',
    ];
    expect(issuedNiks.length).toBeGreaterThan(0);
    for (const value of [...forbidden, ...issuedNiks]) expect(printed, value).not.toContain(value);
    // The SMS printout masks the number.
    expect(printed).toContain('[SMS → +62812****0001]');
  });
});
