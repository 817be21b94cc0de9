import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { notification } from '../support/fixtures.js';
import { startTestStack, waitFor } from '../support/local-stack.js';

/**
 * Free text must not reach the signed documents, the queue or the SMS as anything but text: every
 * string field of a request refuses control and format characters, lone surrogates and line breaks
 * (400 at the field, nothing stored), is kept in NFC, and has a pattern of its own (the birth place
 * a name or a region code, the marriage number the KUA's letters, digits and / . -).
 */
let stack: LocalStack;
let hospital: string;
let registrar: string;

beforeAll(async () => {
  stack = await startTestStack();
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  registrar = await stack.issuer.signRegistrarToken('registrar.test');
});

afterAll(async () => {
  await stack?.stop();
});

type Answer = { status: number; body: { issues?: { path: string; message: string }[]; registrationId?: string; status?: string } };

async function call(method: string, path: string, token: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

/** The attacks seen: an ANSI escape, CRLF, a right-to-left override, an isolate, zero-width and BOM, a lone surrogate, NUL, DEL, C1 NEL, a tab. */
const ATTACKS = {
  ansiEscape: '\u001b[31m',
  crlf: '\r\nX-Injected: 1',
  bidiOverride: '\u202e',
  bidiIsolate: '\u2067',
  zeroWidthSpace: '\u200b',
  byteOrderMark: '\ufeff',
  loneSurrogate: '\ud800',
  nul: '\u0000',
  del: '\u007f',
  nextLine: '\u0085',
  tab: '\t',
} as const;

/** Every string field of the notification, with how to put an attack string into it. */
const FIELDS: Record<string, (attack: string) => Record<string, unknown>> = {
  notificationId: (a) => ({ notificationId: `ft-${a}` }),
  'child.name': (a) => ({ child: { name: `Arka${a} Santoso` } }),
  'child.birthPlace': (a) => ({ child: { birthPlace: `Banyu${a}wangi` } }),
  'child.birthDateTime': (a) => ({ child: { birthDateTime: `2026-11-20T08:15:00+07:00${a}` } }),
  'mother.nik': (a) => ({ mother: { nik: `3510165203950001${a}` } }),
  familyCardNumber: (a) => ({ familyCardNumber: `3510160101200001${a}` }),
  marriageCertificateNumber: (a) => ({ marriageCertificateNumber: `0123/045${a}/XI/2019` }),
  'attendant.name': (a) => ({ attendant: { type: 'MIDWIFE', name: `Bidan Sri${a} Wahyuni` } }),
  contactPhone: (a) => ({ contactPhone: `+62812${a}34567890` }),
};

async function storedIntake(): Promise<number> {
  const { Items } = await stack.documentClient.send(
    new ScanCommand({
      TableName: stack.tableName,
      FilterExpression: 'begins_with(pk, :reg) OR begins_with(pk, :notif) OR begins_with(pk, :facility)',
      ExpressionAttributeValues: { ':reg': 'REG#', ':notif': 'NOTIF#', ':facility': 'FACILITY#' },
    }),
  );
  return Items?.length ?? 0;
}

describe('a birth notification', () => {
  it('refuses each attack string in each string field with 400 at that field, and stores nothing', async () => {
    const wrong: string[] = [];
    for (const [path, put] of Object.entries(FIELDS)) {
      for (const [name, attack] of Object.entries(ATTACKS)) {
        const answer = await call('POST', '/v1/births', hospital, notification(put(attack)));
        const paths = (answer.body.issues ?? []).map((i) => i.path);
        if (answer.status !== 400 || !paths.includes(path)) wrong.push(`${path} with ${name}: ${answer.status} ${paths.join(',')}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await storedIntake()).toBe(0);
  });

  it('takes the birth place as a place name or a Kemendagri region code, and the marriage number as the KUA prints it', async () => {
    for (const birthPlace of ['Banyuwangi<script>', 'Banyuwangi; DROP', '35.1', '3510x', 'RS "Al-Huda"', '@home']) {
      const answer = await call('POST', '/v1/births', hospital, notification({ notificationId: 'ft-place', child: { birthPlace } }));
      expect(answer.status, birthPlace).toBe(400);
      expect(answer.body.issues?.map((i) => i.path), birthPlace).toEqual(['child.birthPlace']);
    }
    for (const marriageCertificateNumber of ['0123 045 XI 2019', '0123/045/XI/2019<b>', '/0123', 'No: 12']) {
      const answer = await call('POST', '/v1/births', hospital, notification({ notificationId: 'ft-kua', marriageCertificateNumber }));
      expect(answer.status, marriageCertificateNumber).toBe(400);
      expect(answer.body.issues?.map((i) => i.path), marriageCertificateNumber).toEqual(['marriageCertificateNumber']);
    }
    expect(await storedIntake()).toBe(0);
  });

  it('accepts names of places, region codes and KUA numbers as they are written, and keeps the text in NFC', async () => {
    const accepted = [
      { birthPlace: 'Kab. Banyuwangi', marriageCertificateNumber: 'Kk.13.10.1/PW.01/123/2019' },
      { birthPlace: '35.10', marriageCertificateNumber: '0123/045/XI/2019' },
      { birthPlace: '35.10.16.2001', marriageCertificateNumber: '474.2-123' },
      { birthPlace: "Ma'rang-Rejo, Glagah", marriageCertificateNumber: 'B-12/Kua.13.10/2019' },
    ];
    for (const [index, fields] of accepted.entries()) {
      const answer = await call('POST', '/v1/births', hospital, notification({ notificationId: `ft-ok-${index}`, child: { birthPlace: fields.birthPlace }, marriageCertificateNumber: fields.marriageCertificateNumber }));
      expect(answer.status, JSON.stringify(fields)).toBe(202);
    }
    // "Pénang" typed with a combining accent (NFD) is stored as the one precomposed letter (NFC).
    const decomposed = 'Pe\u0301nang';
    const answer = await call('POST', '/v1/births', hospital, notification({ notificationId: 'ft-nfc', child: { birthPlace: decomposed } }));
    expect(answer.status).toBe(202);
    const { Item } = await stack.documentClient.send(new GetCommand({ TableName: stack.tableName, Key: { pk: `REG#${answer.body.registrationId}`, sk: 'REG' } }));
    expect(Item?.['notification']?.['child']?.['birthPlace']).toBe('P\u00e9nang');
  });
});

describe('the other request bodies and queries', () => {
  it('refuse attack strings in a rejection reason, a webhook URL and a search, at the field', async () => {
    const created = await call('POST', '/v1/births', hospital, notification({ notificationId: 'ft-decide' }));
    const id = String(created.body.registrationId);
    await waitFor(async () => (await call('GET', `/v1/births/${id}`, registrar)).body.status, (s) => s === 'AWAITING_APPROVAL');
    const wrong: string[] = [];
    for (const [name, attack] of Object.entries(ATTACKS)) {
      const decision = await call('POST', `/v1/approvals/${id}`, registrar, { decision: 'REJECT', reasonCode: 'OTHER', reason: `Data tidak cocok${attack}` });
      if (decision.status !== 400 || !decision.body.issues?.some((i) => i.path === 'reason')) wrong.push(`reason with ${name}: ${decision.status}`);
      const webhook = await call('PUT', '/v1/webhook', hospital, { url: `https://rs.example.org/hooks${attack}` });
      if (webhook.status !== 400 || !webhook.body.issues?.some((i) => i.path === 'url')) wrong.push(`url with ${name}: ${webhook.status}`);
      // A query string is bytes: a lone surrogate cannot be sent in one (it arrives as U+FFFD).
      if (name === 'loneSurrogate') continue;
      const search = await call('GET', `/v1/search?q=${encodeURIComponent(`3510165203950001${attack}`)}`, registrar);
      if (search.status !== 400 || !search.body.issues?.some((i) => i.path === 'q')) wrong.push(`q with ${name}: ${search.status}`);
    }
    expect(wrong).toEqual([]);
    // Nothing was decided: the case still waits for a registrar.
    expect((await call('GET', `/v1/births/${id}`, registrar)).body.status).toBe('AWAITING_APPROVAL');
  });
});
