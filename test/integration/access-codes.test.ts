import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_CODE_LIMITS, ACCESS_CODE_SHOWN_HOURS } from '../../domain/access-code.js';
import { registrationAuditPartition } from '../../functions/shared/audit.js';
import { registrationKey } from '../../functions/shared/keys.js';
import { anchoredKey } from '../../functions/shared/rate-limit.js';
import type { LocalStack } from '../../local/stack.js';
import { notification } from '../support/fixtures.js';
import { startTestStack, waitFor } from '../support/local-stack.js';

/**
 * The parents' access code under attack (issue 14, items 1, 2 and 9): concurrent guesses are
 * counted before they are compared, lockouts are short, and made-up ids write nothing.
 */
let stack: LocalStack;
let hospital: string;
let registrar: string;

async function get(path: string, headers: Record<string, string>) {
  const response = await fetch(`${stack.url}${path}`, { headers });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: (text ? JSON.parse(text) : {}) as Record<string, any> };
}

async function submit(notificationId: string) {
  const response = await fetch(`${stack.url}/v1/births`, {
    method: 'POST',
    headers: { authorization: `Bearer ${hospital}`, 'content-type': 'application/json' },
    body: JSON.stringify(notification({ notificationId })),
  });
  expect(response.status).toBe(202);
  const { registrationId, accessCode } = (await response.json()) as { registrationId: string; accessCode: string };
  await waitFor(() => get(`/v1/births/${registrationId}`, { authorization: `Bearer ${registrar}` }), (r) => r.json['status'] === 'AWAITING_APPROVAL');
  return { registrationId, accessCode };
}

async function auditActions(registrationId: string): Promise<string[]> {
  const { Items } = await stack.documentClient.send(
    new QueryCommand({
      TableName: stack.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': registrationAuditPartition(registrationId) },
    }),
  );
  return (Items ?? []).map((i) => String(i['action']));
}

const wrongCode = (n: number) => `AAAA-BBBB-${String(n).padStart(4, '0')}`;

beforeAll(async () => {
  stack = await startTestStack();
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  registrar = await stack.issuer.signRegistrarToken('registrar.access');
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('access-code guesses', () => {
  it(`60 wrong codes at once against one registration: only ${ACCESS_CODE_LIMITS.perRegistration.max} are evaluated, then even the right code waits`, async () => {
    const target = await submit('ACCESS-RACE-1');
    const answers = await Promise.all(Array.from({ length: 60 }, (_, n) => get(`/v1/births/${target.registrationId}`, { 'x-access-code': wrongCode(n) })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(ACCESS_CODE_LIMITS.perRegistration.max);
    expect(statuses.filter((s) => s === 429)).toHaveLength(60 - ACCESS_CODE_LIMITS.perRegistration.max);
    for (const refused of answers.filter((a) => a.status === 429)) {
      const wait = Number(refused.headers.get('retry-after'));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(ACCESS_CODE_LIMITS.perRegistration.windowSeconds);
    }
    expect((await auditActions(target.registrationId)).filter((a) => a === 'ACCESS_CODE_REJECTED')).toHaveLength(ACCESS_CODE_LIMITS.perRegistration.max);
    // The right code sent after the limit is not evaluated either.
    expect((await get(`/v1/births/${target.registrationId}`, { 'x-access-code': target.accessCode })).status).toBe(429);
    // Registrars are not affected by parents' lockouts.
    expect((await get(`/v1/births/${target.registrationId}`, { authorization: `Bearer ${registrar}` })).status).toBe(200);
  });

  it('the right code sent among 60 concurrent wrong ones is accepted only if it was counted within the limit', async () => {
    const target = await submit('ACCESS-RACE-2');
    const codes = Array.from({ length: 60 }, (_, n) => (n === 30 ? target.accessCode : wrongCode(n)));
    const statuses = (await Promise.all(codes.map((code) => get(`/v1/births/${target.registrationId}`, { 'x-access-code': code })))).map((a) => a.status);
    // At most `max` wrong codes evaluated; a right code evaluated is given back, so it may let one more wrong one in.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(ACCESS_CODE_LIMITS.perRegistration.max);
    expect(statuses.filter((s) => s === 401).length + statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(ACCESS_CODE_LIMITS.perRegistration.max + 1);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(60 - ACCESS_CODE_LIMITS.perRegistration.max - 1);
  });

  it('right codes never use up the limit: parents open their registration again and again', async () => {
    const target = await submit('ACCESS-RIGHT-1');
    for (let n = 0; n < ACCESS_CODE_LIMITS.perRegistration.max * 3; n += 1) {
      expect((await get(`/v1/births/${target.registrationId}`, { 'x-access-code': target.accessCode })).status).toBe(200);
    }
    const { Item } = await stack.documentClient.send(
      new GetCommand({ TableName: stack.tableName, Key: anchoredKey(ACCESS_CODE_LIMITS.perRegistration, target.registrationId) }),
    );
    expect(Number(Item?.['hits'] ?? 0)).toBe(0);
  });

  it('a wrong code for a registration that does not exist writes nothing', async () => {
    const madeUp = randomUUID();
    const answer = await get(`/v1/births/${madeUp}`, { 'x-access-code': wrongCode(1) });
    expect(answer.status).toBe(401);
    expect(await auditActions(madeUp)).toEqual([]);
    const { Item } = await stack.documentClient.send(
      new GetCommand({ TableName: stack.tableName, Key: anchoredKey(ACCESS_CODE_LIMITS.perRegistration, madeUp) }),
    );
    expect(Item).toBeUndefined();
  });
});

describe('the network behind many parents', () => {
  it(`a lockout ends with its window: the right code opens again once the ${ACCESS_CODE_LIMITS.perRegistration.windowSeconds} s are over`, async () => {
    const target = await submit('ACCESS-WINDOW-1');
    await Promise.all(Array.from({ length: 8 }, (_, n) => get(`/v1/births/${target.registrationId}`, { 'x-access-code': wrongCode(200 + n) })));
    const locked = await get(`/v1/births/${target.registrationId}`, { 'x-access-code': target.accessCode });
    expect(locked.status).toBe(429);
    const key = anchoredKey(ACCESS_CODE_LIMITS.perRegistration, target.registrationId);
    const { Item } = await stack.documentClient.send(new GetCommand({ TableName: stack.tableName, Key: key }));
    // Refused attempts do not move the window's end: at most one window after it opened.
    expect(Number(Item!['windowEndsAt'])).toBeLessThanOrEqual(Date.now() + ACCESS_CODE_LIMITS.perRegistration.windowSeconds * 1000);
    // The window is over (moved to the past instead of waiting a minute).
    await stack.documentClient.send(
      new UpdateCommand({ TableName: stack.tableName, Key: key, UpdateExpression: 'SET windowEndsAt = :past', ExpressionAttributeValues: { ':past': Date.now() - 1 } }),
    );
    expect((await get(`/v1/births/${target.registrationId}`, { 'x-access-code': target.accessCode })).status).toBe(200);
  });

  it(`one network: ${ACCESS_CODE_LIMITS.perNetwork.max} wrong codes over several registrations, then every registration waits`, async () => {
    // A stack of its own: the other tests' wrong codes came from the same address.
    const own = await startTestStack();
    try {
      const token = await own.issuer.signHospitalToken('rsud-blambangan');
      const registrarToken = await own.issuer.signRegistrarToken('registrar.access');
      const ownGet = async (path: string, headers: Record<string, string>) => (await fetch(`${own.url}${path}`, { headers })).status;
      const targets: { registrationId: string; accessCode: string }[] = [];
      const perRegistration = ACCESS_CODE_LIMITS.perRegistration.max;
      const needed = Math.ceil(ACCESS_CODE_LIMITS.perNetwork.max / perRegistration) + 1;
      for (let n = 0; n < needed; n += 1) {
        const response = await fetch(`${own.url}/v1/births`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(notification({ notificationId: `ACCESS-NET-${n}` })),
        });
        targets.push((await response.json()) as { registrationId: string; accessCode: string });
      }
      const wrongAnswers: number[] = [];
      for (const [n, t] of targets.slice(0, -1).entries()) {
        // More than the registration's limit each: the refused ones do not count against the network.
        const statuses = await Promise.all(Array.from({ length: perRegistration + 3 }, (_, k) => ownGet(`/v1/births/${t.registrationId}`, { 'x-access-code': wrongCode(300 + n * 10 + k) })));
        wrongAnswers.push(...statuses);
      }
      expect(wrongAnswers.filter((s) => s === 401)).toHaveLength(ACCESS_CODE_LIMITS.perNetwork.max);
      // The network has spent its wrong codes: another registration's right code waits too (the cost of keying wider).
      const last = targets.at(-1)!;
      expect(await ownGet(`/v1/births/${last.registrationId}`, { 'x-access-code': last.accessCode })).toBe(429);
      // ... and that refusal did not use up the registration's own limit.
      const { Item } = await own.documentClient.send(
        new GetCommand({ TableName: own.tableName, Key: anchoredKey(ACCESS_CODE_LIMITS.perRegistration, last.registrationId) }),
      );
      expect(Number(Item?.['hits'] ?? 0)).toBe(0);
      expect(await ownGet(`/v1/births/${last.registrationId}`, { authorization: `Bearer ${registrarToken}` })).toBe(200);
    } finally {
      await own.stop();
    }
  });
});

describe('codes that do not last forever', () => {
  async function listed(registrationId: string) {
    const list = await get('/v1/births?limit=50', { authorization: `Bearer ${hospital}` });
    expect(list.status).toBe(200);
    return (list.json['items'] as Record<string, any>[]).find((i) => i['registrationId'] === registrationId)!;
  }

  it(`the hospital's list shows a code for ${ACCESS_CODE_SHOWN_HOURS} hours after intake, then no more`, async () => {
    const target = await submit('ACCESS-SHOWN-1');
    expect((await listed(target.registrationId))['accessCode']).toBe(target.accessCode);
    // The intake was a day ago.
    const dayAgo = new Date(Date.now() - ACCESS_CODE_SHOWN_HOURS * 3600_000 - 60_000).toISOString();
    await stack.documentClient.send(
      new UpdateCommand({ TableName: stack.tableName, Key: registrationKey(target.registrationId), UpdateExpression: 'SET createdAt = :at', ExpressionAttributeValues: { ':at': dayAgo } }),
    );
    const item = await listed(target.registrationId);
    expect(item).toBeDefined();
    expect(item).not.toHaveProperty('accessCode');
    // The parents' code still works.
    expect((await get(`/v1/births/${target.registrationId}`, { 'x-access-code': target.accessCode })).status).toBe(200);
  });

  it('a registrar re-issues a code: answered once, the old one stops working, the lockout ends, audited; hospitals may not', async () => {
    const target = await submit('ACCESS-REISSUE-1');
    const path = `/v1/births/${target.registrationId}/access-code`;
    const post = (token: string) => fetch(`${stack.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect((await post(hospital)).status).toBe(403);
    // Someone keeps the family out.
    await Promise.all(Array.from({ length: 10 }, (_, n) => get(`/v1/births/${target.registrationId}`, { 'x-access-code': wrongCode(100 + n) })));
    expect((await get(`/v1/births/${target.registrationId}`, { 'x-access-code': target.accessCode })).status).toBe(429);

    const reissued = await post(registrar);
    expect(reissued.status).toBe(200);
    const { accessCode, registrationId } = (await reissued.json()) as { accessCode: string; registrationId: string };
    expect(registrationId).toBe(target.registrationId);
    expect(accessCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(accessCode).not.toBe(target.accessCode);

    expect((await get(`/v1/births/${target.registrationId}`, { 'x-access-code': target.accessCode })).status).toBe(401);
    expect((await get(`/v1/births/${target.registrationId}`, { 'x-access-code': accessCode })).status).toBe(200);
    // Never shown again: not in the hospital's list.
    expect(await listed(target.registrationId)).not.toHaveProperty('accessCode');
    const actions = await auditActions(target.registrationId);
    expect(actions).toContain('ACCESS_CODE_REISSUED');
    // A second re-issue makes yet another code; the first re-issued one stops working.
    const again = (await (await post(registrar)).json()) as { accessCode: string };
    expect(again.accessCode).not.toBe(accessCode);
    expect((await get(`/v1/births/${target.registrationId}`, { 'x-access-code': accessCode })).status).toBe(401);
    expect((await get(`/v1/births/${target.registrationId}`, { 'x-access-code': again.accessCode })).status).toBe(200);
    expect((await fetch(`${stack.url}/v1/births/${randomUUID()}/access-code`, { method: 'POST', headers: { authorization: `Bearer ${registrar}` } })).status).toBe(404);
  });
});
