import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { INTAKE_QUOTA_PER_MINUTE } from '../../functions/shared/intake-quota.js';
import { SMS_PER_NUMBER_LIMIT } from '../../functions/deliver-notifications/deliver.js';
import { verifyWebhookSignature } from '../../functions/shared/webhooks.js';
import { webhookKey } from '../../functions/shared/keys.js';
import { DEMO, notification } from '../support/fixtures.js';
import { startTestStack, waitFor } from '../support/local-stack.js';
import { recentBirth } from '../support/dates.js';

/**
 * Issue 14, item 4, scripted: one hospital flooding the intake, and a hospital using the system to
 * text one number over and over (a made-up family card: automatic rejections; or many registrations
 * with one contact phone). The stack runs AWS's quota (functions/shared/intake-quota.ts).
 */
let stack: LocalStack;
let registrar: string;

type Json = Record<string, any>;

async function post(token: string, body: unknown): Promise<{ status: number; retryAfter: string | null; body: Json }> {
  const response = await fetch(`${stack.url}/v1/births`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: text ? (JSON.parse(text) as Json) : {} };
}

async function call(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
}

async function scan(prefix: string): Promise<Json[]> {
  const items: Json[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await stack.documentClient.send(
      new ScanCommand({
        TableName: stack.tableName,
        FilterExpression: 'begins_with(pk, :prefix)',
        ExpressionAttributeValues: { ':prefix': prefix },
        ConsistentRead: true,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    items.push(...((page.Items ?? []) as Json[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

const registrationsOf = async (facilityId: string) => (await scan('REG#')).filter((r) => r['sk'] === 'REG' && r['facilityId'] === facilityId);
const getBirth = async (id: string) => (await call('GET', `/v1/births/${id}`, registrar)).body;

beforeAll(async () => {
  stack = await startTestStack();
  registrar = await stack.issuer.signRegistrarToken('registrar.quota');
});

afterAll(async () => {
  await stack?.stop();
});

describe('the per-hospital intake quota', () => {
  it(`accepts a burst of ${INTAKE_QUOTA_PER_MINUTE} at once, and answers the flood beyond the minute's quota 429 with Retry-After, storing nothing`, async () => {
    const facility = 'rs-flood';
    const token = await stack.issuer.signHospitalToken(facility);
    // The attack was 300 valid notifications in 5 s. More than two windows' worth at once: whichever
    // minute boundary the burst straddles, at most two windows' quota can be accepted.
    const sent = 2 * INTAKE_QUOTA_PER_MINUTE + 30;
    const responses = await Promise.all(
      Array.from({ length: sent }, (_, i) =>
        // An unknown mother: the accepted ones end at once (REJECTED by the registry checks), no registrar needed.
        post(token, notification({ notificationId: `flood-${i}`, mother: { nik: '3510165505990009' }, contactPhone: '081299991000' })),
      ),
    );
    const accepted = responses.filter((r) => r.status === 202);
    const refused = responses.filter((r) => r.status === 429);
    expect(accepted.length + refused.length).toBe(sent);
    expect(accepted.length).toBeGreaterThanOrEqual(INTAKE_QUOTA_PER_MINUTE);
    expect(accepted.length).toBeLessThanOrEqual(2 * INTAKE_QUOTA_PER_MINUTE);
    for (const r of refused) {
      expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(r.retryAfter)).toBeLessThanOrEqual(60);
      expect(r.body).not.toHaveProperty('registrationId');
      expect(r.body).not.toHaveProperty('accessCode');
    }
    // Nothing of a refused notification was written.
    expect((await registrationsOf(facility)).length).toBe(accepted.length);

    // Other hospitals are not affected by one hospital's flood.
    const other = await post(await stack.issuer.signHospitalToken('rs-quiet'), notification({ notificationId: 'quiet-1' }));
    expect(other.status).toBe(202);
  }, 120_000);
});

describe('SMS', () => {
  it('texts nobody when the registry checks reject: 50 notifications with a made-up family card queue no SMS; the hospital gets its webhook', async () => {
    const facility = 'rs-made-up-kk';
    const token = await stack.issuer.signHospitalToken(facility);
    expect((await call('PUT', '/v1/webhook', token, { url: 'http://127.0.0.1:9/hook' })).status).toBe(200);
    const created = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post(token, notification({ notificationId: `made-up-${i}`, familyCardNumber: '3510169999990001', mother: { nik: '3510165505990009' }, contactPhone: '081299992000' })),
      ),
    );
    expect(created.map((r) => r.status)).toEqual(Array.from({ length: 50 }, () => 202));
    const ids = created.map((r) => String(r.body['registrationId']));
    for (const id of ids) {
      const birth = await waitFor(() => getBirth(id), (b) => b['status'] === 'REJECTED');
      expect(birth['rejection']['source']).toBe('REGISTRY_CHECKS');
    }
    const outbox = (await scan('OUTBOX#')).filter((o) => ids.includes(String(o['registrationId'])));
    expect(outbox.filter((o) => o['channel'] === 'SMS')).toEqual([]);
    expect(outbox.filter((o) => o['channel'] === 'WEBHOOK')).toHaveLength(50);
  }, 120_000);

  it(`sends at most ${SMS_PER_NUMBER_LIMIT.max} SMS a day to one number; the ones over the cap are not sent and are recorded as such`, async () => {
    const facility = 'rs-one-number';
    const token = await stack.issuer.signHospitalToken(facility);
    const count = SMS_PER_NUMBER_LIMIT.max + 2;
    const created = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        post(
          token,
          notification({
            notificationId: `one-number-${i}`,
            contactPhone: '081299993000',
            mother: { nik: DEMO.rogojampi.motherNik },
            father: { nik: DEMO.rogojampi.fatherNik },
            familyCardNumber: DEMO.rogojampi.familyCardNumber,
            child: { birthDateTime: recentBirth({ daysAgo: 21 - i }) }, // a day apart, all recent: a registrar may reject them
          }),
        ),
      ),
    );
    expect(created.every((r) => r.status === 202)).toBe(true);
    const ids = created.map((r) => String(r.body['registrationId']));
    // A registrar's rejection texts the parents (a registry rejection does not): one SMS queued per registration.
    for (const id of ids) {
      await waitFor(() => getBirth(id), (b) => b['status'] === 'AWAITING_APPROVAL');
      expect((await call('POST', `/v1/approvals/${id}`, registrar, { decision: 'REJECT', reason: 'Data tidak sesuai' })).status).toBe(200);
    }
    const smsOf = async () => (await scan('OUTBOX#')).filter((o) => ids.includes(String(o['registrationId'])) && o['channel'] === 'SMS');
    await waitFor(smsOf, (items) => items.length === count);
    await stack.deliverNow();
    const items = await waitFor(smsOf, (all) => all.every((o) => o['status'] !== 'PENDING'));
    expect(items.filter((o) => o['status'] === 'DELIVERED')).toHaveLength(SMS_PER_NUMBER_LIMIT.max);
    const capped = items.filter((o) => o['status'] === 'CANCELLED');
    expect(capped).toHaveLength(count - SMS_PER_NUMBER_LIMIT.max);
    expect(capped.every((o) => o['lastError'] === 'SMS cap reached' && o['gsi1pk'] === undefined)).toBe(true);
    // The counter's key carries no phone number.
    const counters = await scan('RATE#sms:number:day#');
    expect(counters).toHaveLength(1);
    expect(JSON.stringify(counters)).not.toContain('81299993000');
  }, 120_000);
});

describe('webhook SSRF', () => {
  it('resolves the webhook at delivery and refuses a name that resolves to loopback (localhost. with its trailing dot): nothing is sent', async () => {
    const facility = 'rs-ssrf';
    const token = await stack.issuer.signHospitalToken(facility);
    // The local stack accepts any https URL at PUT (WEBHOOK_ALLOW_LOCAL_HTTP); delivery still checks the addresses.
    // "localhost" resolves from the hosts file: no DNS query leaves the machine.
    expect((await call('PUT', '/v1/webhook', token, { url: 'https://localhost./hook' })).status).toBe(200);
    const created = await post(token, notification({ notificationId: 'ssrf-1', mother: { nik: '3510165505990009' } }));
    expect(created.status).toBe(202);
    const id = String(created.body['registrationId']);
    await waitFor(() => getBirth(id), (b) => b['status'] === 'REJECTED');
    const webhookOf = async () => (await scan(`OUTBOX#${id}#`)).find((o) => o['channel'] === 'WEBHOOK');
    await waitFor(webhookOf, (item) => item !== undefined);
    await stack.deliverNow();
    const item = await waitFor(webhookOf, (i) => Number(i?.['attempts'] ?? 0) >= 1);
    expect(item?.['status']).not.toBe('DELIVERED');
    // Refused before any connection (before the fix: fetch tried the name itself, "network error ENOTFOUND" here).
    expect(item?.['lastError']).toBe('webhook address refused: host resolves to a non-public address');
  });
});

describe('webhook secrets at rest', () => {
  it('stores no signing secret in clear, and delivery still signs with it', async () => {
    const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const facility = 'rs-sealed-secret';
      const token = await stack.issuer.signHospitalToken(facility);
      const put = await call('PUT', '/v1/webhook', token, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sealed` });
      expect(put.status).toBe(200);
      const secret = String(put.body['secret']);
      expect(secret).toMatch(/^whsec_/);

      const [stored] = await scan(webhookKey(facility).pk);
      expect(stored).toBeDefined();
      expect(stored).not.toHaveProperty('secret');
      const raw = JSON.stringify(stored);
      expect(raw).not.toContain(secret);
      expect(raw).not.toContain(secret.slice('whsec_'.length));
      expect(stored!['secretCiphertext']).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);

      const created = await post(token, notification({ notificationId: 'sealed-1', mother: { nik: '3510165505990009' } }));
      const id = String(created.body['registrationId']);
      await waitFor(() => getBirth(id), (b) => b['status'] === 'REJECTED');
      await waitFor(async () => (await scan(`OUTBOX#${id}#`)).length, (n) => n > 0);
      await stack.deliverNow();
      const [request] = await waitFor(async () => received, (r) => r.length > 0);
      const header = (name: string) => String(request!.headers[name]);
      expect(verifyWebhookSignature(secret, header('x-lahir-timestamp'), request!.body, header('x-lahir-signature'))).toBe(true);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
