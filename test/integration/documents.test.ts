import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { pdfText, qrCodesOnPage } from '../documents/pdf-inspect.js';
import { DEMO, notification } from '../support/fixtures.js';
import { startTestStack, waitFor } from '../support/local-stack.js';
import { registrationAuditPartition, verificationAuditPartition } from '../../functions/shared/audit.js';
import { REGISTRATION_DOCUMENT_PREFIX, registrationDocumentKey, registrationKey } from '../../functions/shared/keys.js';

/**
 * The documents people hold, end to end on the local stack: issuance in the workflow, the parents'
 * access code, downloads, the bundle, the registrar's draft preview and the public QR verification.
 */
let stack: LocalStack;
let hospital: string;
let otherHospital: string;
let registrar: string;

type Json = Record<string, any>;

async function request(path: string, options: { token?: string; accessCode?: string; accept?: string; method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.accessCode !== undefined) headers['x-access-code'] = options.accessCode;
  if (options.accept) headers['accept'] = options.accept;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${stack.url}${path}`, {
    method: options.method ?? 'GET',
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    type,
    headers: response.headers,
    bytes,
    json: (type.includes('json') ? JSON.parse(Buffer.from(bytes).toString('utf8')) : {}) as Json,
    text: Buffer.from(bytes).toString('utf8'),
  };
}

async function submit(body: Json) {
  const created = await request('/v1/births', { method: 'POST', token: hospital, body });
  expect(created.status).toBe(202);
  const { registrationId, accessCode } = created.json as { registrationId: string; accessCode: string };
  await waitFor(() => request(`/v1/births/${registrationId}`, { token: registrar }), (r) => r.json['status'] === 'AWAITING_APPROVAL');
  return { registrationId, accessCode };
}

async function approve(registrationId: string) {
  const decided = await request(`/v1/approvals/${registrationId}`, { method: 'POST', token: registrar, body: { decision: 'APPROVE' } });
  expect(decided.status).toBe(200);
  return waitFor(() => request(`/v1/births/${registrationId}`, { token: registrar }), (r) => r.json['status'] === 'COMPLETED');
}

let boy: { registrationId: string; accessCode: string; nik: string; akta: string };

/** Everything the handlers log while this file runs (Powertools writes JSON lines to stdout/stderr). */
const logged: string[] = [];
const originalWrites = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };

beforeAll(async () => {
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    logged.push(String(chunk));
    return originalWrites.out(chunk, ...rest);
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    logged.push(String(chunk));
    return originalWrites.err(chunk, ...rest);
  }) as typeof process.stderr.write;
  stack = await startTestStack({ logLevel: 'INFO' });
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  otherHospital = await stack.issuer.signHospitalToken('rs-al-huda');
  registrar = await stack.issuer.signRegistrarToken('registrar.documents');
  const { registrationId, accessCode } = await submit(notification({ notificationId: 'DOC-BOY-1' }));
  const completed = await approve(registrationId);
  boy = { registrationId, accessCode, nik: completed.json['issued'].nik, akta: completed.json['issued'].birthCertificateNumber };
}, 60_000);

afterAll(async () => {
  process.stdout.write = originalWrites.out;
  process.stderr.write = originalWrites.err;
  await stack?.stop();
});

describe('issued documents', () => {
  it('issues three signed document records once, with unguessable verification ids, before completing', async () => {
    const { Items } = await stack.documentClient.send(
      new QueryCommand({
        TableName: stack.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :doc)',
        ExpressionAttributeValues: { ':pk': registrationKey(boy.registrationId).pk, ':doc': REGISTRATION_DOCUMENT_PREFIX },
      }),
    );
    expect(Items!.map((i) => i['type']).sort()).toEqual(['BIRTH_CERTIFICATE', 'CHILD_ID_CARD', 'FAMILY_CARD']);
    for (const item of Items!) {
      expect(item['digest']).toMatch(/^[0-9a-f]{64}$/);
      expect(item['signature']).toBeTruthy();
      expect(item['verificationId']).toMatch(/^[0-9a-hjkmnp-tv-z]{26}$/);
      expect(item['verificationId']).not.toContain(boy.nik);
    }
    const view = await request(`/v1/births/${boy.registrationId}`, { token: hospital });
    expect(view.json['timeline'].map((s: { step: string }) => s.step)).toContain('DOCUMENTS_ISSUED');
  });

  it('lets the parents list and download with their access code, hospitals and registrars with their tokens', async () => {
    const list = await request(`/v1/births/${boy.registrationId}/documents`, { accessCode: boy.accessCode });
    expect(list.status).toBe(200);
    expect(list.json['documents'].map((d: Json) => d['type'])).toEqual(['BIRTH_CERTIFICATE', 'FAMILY_CARD', 'CHILD_ID_CARD']);
    expect(list.json['documents'][0].number).toBe(boy.akta);
    for (const token of [hospital, registrar]) {
      const pdf = await request(`/v1/births/${boy.registrationId}/documents/BIRTH_CERTIFICATE`, { token });
      expect(pdf.status).toBe(200);
      expect(pdf.type).toBe('application/pdf');
    }
    const kia = await request(`/v1/births/${boy.registrationId}/documents/CHILD_ID_CARD`, { accessCode: boy.accessCode.toLowerCase().replace(/-/g, '') });
    expect(kia.status).toBe(200);
    expect(Buffer.from(kia.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(kia.headers.get('cache-control')).toContain('no-store');
    const wrongType = await request(`/v1/births/${boy.registrationId}/documents/PASSPORT`, { accessCode: boy.accessCode });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json['issues'][0].path).toBe('type');
  });

  it("gives the parents the documents in their view of a COMPLETED registration, as the list gives them (one request on a phone)", async () => {
    const list = await request(`/v1/births/${boy.registrationId}/documents`, { accessCode: boy.accessCode });
    const view = await request(`/v1/births/${boy.registrationId}`, { accessCode: boy.accessCode });
    expect(view.status).toBe(200);
    expect(view.json['documents']).toEqual(list.json['documents']);
    expect(view.json['bundleUrl']).toBe(list.json['bundleUrl']);
    // The verification address printed in the QR code, from the deployment's PUBLIC_BASE_URL.
    expect(view.json['documents'][0].verificationUrl).toMatch(/\/v1\/verify\/[0-9a-hjkmnp-tv-z]{26}$/);
    // Hospitals and registrars read the list at its own route; their view carries none.
    expect((await request(`/v1/births/${boy.registrationId}`, { token: hospital })).json).not.toHaveProperty('documents');
  });

  it("serves the bundle as one PDF (akta, KK, KIA front and back) whose QR code verifies, and a changed digit does not", async () => {
    const bundle = await request(`/v1/births/${boy.registrationId}/bundle`, { accessCode: boy.accessCode });
    expect(bundle.status).toBe(200);
    const pdf = await PDFDocument.load(bundle.bytes);
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(4);
    const text = await pdfText(bundle.bytes);
    const kk = DEMO.banyuwangi.familyCardNumber;
    for (const expected of ['MUHAMMAD ARKA SANTOSO', boy.nik, boy.akta, kk]) expect(text.replace(/\s+/g, ' ').toUpperCase()).toContain(expected);

    const [qr] = await qrCodesOnPage(bundle.bytes, 1);
    expect(qr).toMatch(new RegExp(`^${stack.url}/v1/verify/[0-9a-hjkmnp-tv-z]{26}$`));
    const verified = await request(new URL(qr!).pathname);
    expect(verified.status).toBe(200);
    expect(verified.json).toMatchObject({ valid: true, type: 'BIRTH_CERTIFICATE', number: boy.akta, subject: { name: 'M******* A*** S******' } });
    expect(JSON.stringify(verified.json)).not.toContain(boy.nik);

    const id = new URL(qr!).pathname.split('/').pop()!;
    const changed = id.replace(/\d/, (d) => String((Number(d) + 1) % 10));
    expect(changed).not.toBe(id);
    const forged = await request(`/v1/verify/${changed}`);
    expect(forged.status).toBe(404);
    expect(forged.json).toEqual({ valid: false });
  });

  it('shows people who scan the QR code an HTML page, and masks numbers that are personal', async () => {
    const list = await request(`/v1/births/${boy.registrationId}/documents`, { token: hospital });
    const kia = list.json['documents'].find((d: Json) => d['type'] === 'CHILD_ID_CARD');
    const page = await request(new URL(kia.verificationUrl).pathname, { accept: 'text/html,application/xhtml+xml' });
    expect(page.status).toBe(200);
    expect(page.type).toContain('text/html');
    expect(page.text).toContain('Dokumen ASLI');
    expect(page.text).not.toContain(boy.nik);
    const json = await request(new URL(kia.verificationUrl).pathname);
    expect(json.json['number']).toBe(`${boy.nik.slice(0, 6)}********${boy.nik.slice(14)}`);
  });

  it('answers valid: false once a stored document was altered after signing', async () => {
    const { Item } = await stack.documentClient.send(new GetCommand({ TableName: stack.tableName, Key: registrationDocumentKey(boy.registrationId, 'FAMILY_CARD') }));
    await stack.documentClient.send(
      new UpdateCommand({
        TableName: stack.tableName,
        Key: registrationDocumentKey(boy.registrationId, 'FAMILY_CARD'),
        UpdateExpression: 'SET content.headName = :forged',
        ExpressionAttributeValues: { ':forged': 'SOMEONE ELSE' },
      }),
    );
    const tampered = await request(`/v1/verify/${Item!['verificationId']}`);
    expect(tampered.status).toBe(404);
    expect(tampered.json).toEqual({ valid: false });
    const page = await request(`/v1/verify/${Item!['verificationId']}`, { accept: 'text/html' });
    expect(page.text).toContain('TIDAK DAPAT DIVERIFIKASI');
  });

  it('audits every verification check', async () => {
    const { Items } = await stack.documentClient.send(
      new QueryCommand({
        TableName: stack.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': verificationAuditPartition(new Date()) },
      }),
    );
    const outcomes = Items!.map((i) => i['outcome']);
    expect(outcomes).toContain('VALID');
    expect(outcomes).toContain('INVALID');
  });
});

describe("who may open a family's documents", () => {
  it('answers 409 with the status until the registration is complete, and never opens another family with a code', async () => {
    const pending = await submit(notification({ notificationId: 'DOC-PENDING-1', child: { name: 'Putri Ayu', sex: 'FEMALE' } }));
    const early = await request(`/v1/births/${pending.registrationId}/documents`, { accessCode: pending.accessCode });
    expect(early.status).toBe(409);
    expect(early.json['status']).toBe('AWAITING_APPROVAL');
    const status = await request(`/v1/births/${pending.registrationId}`, { accessCode: pending.accessCode });
    expect(status.status).toBe(200);
    expect(status.json).toMatchObject({ registrationId: pending.registrationId, status: 'AWAITING_APPROVAL' });
    expect(status.json).not.toHaveProperty('checks');
    expect(status.json).not.toHaveProperty('documents');

    // The boy's parents' code does not open the girl's registration, and vice versa.
    expect((await request(`/v1/births/${pending.registrationId}`, { accessCode: boy.accessCode })).status).toBe(401);
    expect((await request(`/v1/births/${boy.registrationId}/bundle`, { accessCode: pending.accessCode })).status).toBe(401);
  });

  it('hides another hospital\'s registration, and refuses missing or forged credentials', async () => {
    expect((await request(`/v1/births/${boy.registrationId}/documents`, { token: otherHospital })).status).toBe(404);
    expect((await request(`/v1/births/${boy.registrationId}/documents`)).status).toBe(401);
    const forged = `${hospital.slice(0, -4)}AAAA`;
    expect((await request(`/v1/births/${boy.registrationId}/documents`, { token: forged })).status).toBe(401);
    const [header, payload] = hospital.split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
    expect(header).toBeTruthy();
    expect((await request(`/v1/births/${boy.registrationId}`, { token: unsigned })).status).toBe(401);
  });

  it('throttles wrong codes per registration: after 5 misses even the right code waits, and each miss is audited', async () => {
    const target = await submit(notification({ notificationId: 'DOC-THROTTLE-1', child: { name: 'Bayu' } }));
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await request(`/v1/births/${target.registrationId}`, { accessCode: `AAAA-BBBB-CCC${attempt}` })).status).toBe(401);
    }
    const locked = await request(`/v1/births/${target.registrationId}`, { accessCode: target.accessCode });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Registrars are not affected by parents' lockouts.
    expect((await request(`/v1/births/${target.registrationId}`, { token: registrar })).status).toBe(200);
    const { Items } = await stack.documentClient.send(
      new QueryCommand({
        TableName: stack.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': registrationAuditPartition(target.registrationId) },
      }),
    );
    expect(Items!.filter((i) => i['action'] === 'ACCESS_CODE_REJECTED')).toHaveLength(5);
    expect(JSON.stringify(Items)).not.toContain('AAAA-BBBB');
  });
});

describe("the registrar's draft preview", () => {
  it('renders the three documents as they will be issued, marked DRAF, for registrars only', async () => {
    const pending = await submit(
      notification({ notificationId: 'DOC-PREVIEW-1', child: { name: 'Nadia Putri' , sex: 'FEMALE' }, marriageCertificateNumber: undefined }),
    );
    const preview = await request(`/v1/approvals/${pending.registrationId}/preview`, { token: registrar });
    expect(preview.status).toBe(200);
    expect(preview.type).toBe('application/pdf');
    const text = (await pdfText(preview.bytes)).replace(/\s+/g, ' ').toUpperCase();
    expect(text).toContain('DRAF');
    expect(text).toContain('NADIA PUTRI');
    expect(text).toContain('ANAK SEORANG IBU');
    expect(await qrCodesOnPage(preview.bytes, 1)).toEqual([]);
    expect((await request(`/v1/approvals/${pending.registrationId}/preview`, { token: hospital })).status).toBe(403);
    await approve(pending.registrationId);
    expect((await request(`/v1/approvals/${pending.registrationId}/preview`, { token: registrar })).status).toBe(409);
  });
});

describe('logs', () => {
  it('never carry a NIK, a name, a phone number, an access code or a token (run last)', () => {
    const output = logged.join('');
    expect(output.length).toBeGreaterThan(0); // INFO logs were written: the check has something to check
    const secrets = [
      boy.nik,
      boy.accessCode,
      boy.accessCode.replace(/-/g, ''),
      DEMO.banyuwangi.motherNik,
      DEMO.banyuwangi.fatherNik,
      'Muhammad Arka',
      'MUHAMMAD ARKA',
      'Siti Rahmawati',
      'Agus Santoso',
      '081234567890',
      '81234567890',
      hospital,
      registrar,
    ];
    for (const secret of secrets) expect(output, secret.slice(0, 12)).not.toContain(secret);
  });
});
