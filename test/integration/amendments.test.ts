import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { registrationAuditPartition } from '../../functions/shared/audit.js';
import { amendmentKey, familyKey, familyMemberKey, personKey, registrationDocumentKey, registrationKey, verificationKey } from '../../functions/shared/keys.js';
import { lambdaContext } from '../../local/lambda-runtime.js';
import { DEMO, notification } from '../support/fixtures.js';
import { startTestStack, waitFor } from '../support/local-stack.js';
import { recentBirth } from '../support/dates.js';

/**
 * After the akta, end to end on the local stack (bundle mode: the synthesized amendment workflow run
 * by the local engine): a correction re-issues the changed documents as new versions and keeps the
 * old ones, a correction that would change the NIK is refused, a revocation ends the registration;
 * four-eyes, parents' corrections, replays and 50 concurrent identical decisions.
 */
let stack: LocalStack;
let hospital: string;
let registrar: string;
let head1: string;
let head2: string;

type Json = Record<string, any>;

async function request(path: string, options: { token?: string; accessCode?: string; method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.accessCode !== undefined) headers['x-access-code'] = options.accessCode;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${stack.url}${path}`, { method: options.method ?? 'GET', headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : {}) as Json };
}

const get = async (key: { pk: string; sk: string }) => (await stack.documentClient.send(new GetCommand({ TableName: stack.tableName, Key: key, ConsistentRead: true }))).Item as Json | undefined;
const query = async (pk: string, prefix: string) =>
  ((
    await stack.documentClient.send(
      new QueryCommand({
        TableName: stack.tableName,
        KeyConditionExpression: prefix ? 'pk = :pk AND begins_with(sk, :p)' : 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk, ...(prefix ? { ':p': prefix } : {}) },
        ConsistentRead: true,
      }),
    )
  ).Items ?? []) as Json[];

/** This file's births, 11 days ago, and a correction to the day before (taken at the same instant). */
const BORN = recentBirth({ daysAgo: 11, at: '08:15' });
const DAY_BEFORE = recentBirth({ daysAgo: 12, at: '08:15' });

let counter = 0;
/** A completed birth of the Rogojampi family (its own card, so this file's KK versions are its own). */
async function completedBirth(overrides: Record<string, unknown> = {}) {
  counter += 1;
  const body = notification({
    notificationId: `AMEND-${Date.now()}-${counter}`,
    mother: { nik: DEMO.rogojampi.motherNik },
    father: { nik: DEMO.rogojampi.fatherNik },
    familyCardNumber: DEMO.rogojampi.familyCardNumber,
    child: { name: 'Putri Ayu Lestari', sex: 'FEMALE', birthOrder: counter, birthDateTime: BORN },
    ...overrides,
  });
  const created = await request('/v1/births', { method: 'POST', token: hospital, body });
  expect(created.status).toBe(202);
  const { registrationId, accessCode } = created.json as { registrationId: string; accessCode: string };
  await waitFor(() => request(`/v1/births/${registrationId}`, { token: registrar }), (r) => r.json['status'] === 'AWAITING_APPROVAL');
  expect((await request(`/v1/approvals/${registrationId}`, { method: 'POST', token: registrar, body: { decision: 'APPROVE' } })).status).toBe(200);
  const done = await waitFor(() => request(`/v1/births/${registrationId}`, { token: registrar }), (r) => r.json['status'] === 'COMPLETED');
  return { registrationId, accessCode, issued: done.json['issued'] as Json };
}

const amendmentOf = (amendmentId: string) => get(amendmentKey(amendmentId));
const settled = (amendmentId: string) => waitFor(() => amendmentOf(amendmentId), (a) => ['APPLIED', 'REJECTED', 'FAILED'].includes(String(a?.['status'])));
/** Filed and parked: the workflow stored its task token (or the test decides before; both are handled). */
const parked = (amendmentId: string) => waitFor(() => amendmentOf(amendmentId), (a) => typeof a?.['taskToken'] === 'string');

beforeAll(async () => {
  stack = await startTestStack();
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  registrar = await stack.issuer.signRegistrarToken('registrar.ana');
  head1 = await stack.issuer.signHeadOfOfficeToken('kadis.budi');
  head2 = await stack.issuer.signHeadOfOfficeToken('kabid.citra');
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe('a correction (pembetulan)', () => {
  it('re-issues the akta (same number, kutipan ke-2, marginal note), the KK print and the KIA as new versions; the old ones stay, superseded', async () => {
    const birth = await completedBirth();
    const before = Object.fromEntries((await query(registrationKey(birth.registrationId).pk, 'DOC#')).map((d) => [d['type'], d]));
    const filed = await request(`/v1/births/${birth.registrationId}/amendments`, {
      method: 'POST',
      token: registrar,
      body: { kind: 'CORRECTION', changes: { child: { name: 'Putri Ayu Lestary' } }, reason: 'Salah ketik nama', evidence: [{ type: 'SURAT_KETERANGAN_LAHIR', reference: 'SKL/2026/0123' }] },
    });
    expect(filed.status).toBe(202);
    expect(filed.json['status']).toBe('PENDING');
    const amendmentId = filed.json['amendmentId'] as string;
    await parked(amendmentId);

    const queue = await request('/v1/amendments?status=PENDING', { token: head1 });
    expect(queue.status).toBe(200);
    const entry = (queue.json['items'] as Json[]).find((i) => i['amendmentId'] === amendmentId);
    expect(entry).toMatchObject({ registrationId: birth.registrationId, kind: 'CORRECTION', changes: { 'child.name': 'Putri Ayu Lestary' }, currentValues: { 'child.name': 'Putri Ayu Lestari' }, requestedBy: { kind: 'registrar', id: 'registrar.ana' }, mayDecide: true });
    // The head reads the re-issued akta's draft as the server words it (domain/amendment.ts), the one home of the marginal note.
    const draft = { birthCertificateNumber: birth.issued['birthCertificateNumber'], printNumber: 2, marginalNote: 'Pembetulan nama anak berdasarkan surat keterangan lahir SKL/2026/0123' };
    expect(entry?.['draft']).toEqual(draft);

    expect((await request(`/v1/amendments/${amendmentId}`, { method: 'POST', token: registrar, body: { decision: 'APPROVE' } })).status).toBe(403);
    const decided = await request(`/v1/amendments/${amendmentId}`, { method: 'POST', token: head1, body: { decision: 'APPROVE' } });
    expect(decided.status).toBe(200);
    expect(decided.json).toEqual({ amendmentId, decision: 'APPROVE', status: 'APPROVED' });
    expect((await settled(amendmentId))?.['status']).toBe('APPLIED');

    const after = Object.fromEntries((await query(registrationKey(birth.registrationId).pk, 'DOC#')).map((d) => [d['type'], d]));
    for (const type of ['BIRTH_CERTIFICATE', 'FAMILY_CARD', 'CHILD_ID_CARD']) {
      expect(after[type]?.['version'], type).toBe(2);
      expect(after[type]?.['number'], type).toBe(before[type]?.['number']);
      expect(after[type]?.['verificationId'], type).not.toBe(before[type]?.['verificationId']);
      expect(after[type]?.['digest'], type).not.toBe(before[type]?.['digest']);
      // The previous version is kept, and its QR code's pointer leads to it, superseded.
      const archived = await query(registrationKey(birth.registrationId).pk, `DOCV#${type}#`);
      expect(archived.map((a) => a['verificationId']), type).toEqual([before[type]?.['verificationId']]);
      expect(archived[0]?.['supersededAt'], type).toBeTypeOf('string');
      expect((await get(verificationKey(before[type]?.['verificationId'])))?.['version'], type).toBe(1);
    }
    // Scanned: the old akta's QR code answers SUPERSEDED (genuine, not valid), the new one ACTIVE.
    const oldScan = await request(`/v1/verify/${before['BIRTH_CERTIFICATE']?.['verificationId']}`);
    expect(oldScan.json).toMatchObject({ valid: false, status: 'SUPERSEDED' });
    const newScan = await request(`/v1/verify/${after['BIRTH_CERTIFICATE']?.['verificationId']}`);
    expect(newScan.json).toMatchObject({ valid: true, status: 'ACTIVE' });
    const akta = after['BIRTH_CERTIFICATE']?.['content'] as Json;
    expect(akta['child']['name']).toBe('Putri Ayu Lestary');
    expect(akta['printNumber']).toBe(2);
    expect(akta['marginalNotes']).toEqual([expect.objectContaining({ printNumber: 2, by: 'kadis.budi', text: 'Pembetulan nama anak berdasarkan surat keterangan lahir SKL/2026/0123' })]);
    // What the head was shown is what was printed.
    expect(akta['marginalNotes'][0]['text']).toBe(draft.marginalNote);
    expect(akta['number']).toBe(draft.birthCertificateNumber);
    expect((after['CHILD_ID_CARD']?.['content'] as Json)['name']).toBe('Putri Ayu Lestary');

    // The registry follows; the registration shows the amendment; NIK and numbers unchanged.
    expect((await get(personKey(birth.issued['nik'])))?.['name']).toBe('Putri Ayu Lestary');
    const view = await request(`/v1/births/${birth.registrationId}`, { token: hospital });
    expect(view.json['status']).toBe('COMPLETED');
    expect(view.json['issued']).toEqual(birth.issued);
    expect(view.json['amendments']).toEqual([expect.objectContaining({ amendmentId, kind: 'CORRECTION', status: 'APPLIED', reissued: expect.arrayContaining([{ type: 'BIRTH_CERTIFICATE', version: 2 }]) })]);

    // Parents get an SMS, the hospital's outbox an event of its own per correction; history and audit say who did what.
    const outbox = (await stack.documentClient.send(new GetCommand({ TableName: stack.tableName, Key: { pk: `OUTBOX#${birth.registrationId}#CORRECTED#${amendmentId}#SMS`, sk: 'OUTBOX' } }))).Item;
    expect(outbox?.['event']).toBe('registration.corrected');
    const trail = await query(registrationAuditPartition(birth.registrationId), '');
    const audit = trail.map((a) => a['action']);
    expect(audit).toEqual(expect.arrayContaining(['AMENDMENT_REQUESTED', 'AMENDMENT_DECIDED', 'CORRECTION_APPLIED']));
    // Filed by a registrar, decided by a head of office: the trail records the head's role.
    expect(trail.find((a) => a['action'] === 'AMENDMENT_REQUESTED')?.['actor']).toEqual({ kind: 'registrar', id: 'registrar.ana' });
    expect(trail.find((a) => a['action'] === 'AMENDMENT_DECIDED')?.['actor']).toEqual({ kind: 'registrar', id: 'kadis.budi', role: 'head-of-office' });
    const history = await request(`/v1/births/${birth.registrationId}/history`, { token: registrar });
    expect((history.json['events'] as Json[]).some((e) => e['step'] === 'CORRECTED')).toBe(true);
  });

  it('refuses a correction that would change the NIK with 422 naming the path (revoke and register again), storing nothing', async () => {
    const birth = await completedBirth();
    const refused = await request(`/v1/births/${birth.registrationId}/amendments`, { method: 'POST', token: registrar, body: { kind: 'CORRECTION', changes: { child: { sex: 'MALE' } }, reason: 'Jenis kelamin salah' } });
    expect(refused.status).toBe(422);
    expect(refused.json['fields']).toEqual(['child.sex']);
    expect(refused.json['error']).toMatch(/revoke/i);
    const otherDay = await request(`/v1/births/${birth.registrationId}/amendments`, { method: 'POST', token: registrar, body: { kind: 'CORRECTION', changes: { child: { birthDateTime: DAY_BEFORE } }, reason: 'Tanggal salah' } });
    expect(otherDay.status).toBe(422);
    expect(otherDay.json['fields']).toEqual(['child.birthDateTime']);
    expect((await get(registrationKey(birth.registrationId)))?.['amendmentIds']).toBeUndefined();
  });

  it('validates the changes by the intake rules (400 with field paths)', async () => {
    const birth = await completedBirth();
    const bad = await request(`/v1/births/${birth.registrationId}/amendments`, { method: 'POST', token: registrar, body: { kind: 'CORRECTION', changes: { child: { name: 'R2-D2' } }, reason: 'x' } });
    expect(bad.status).toBe(400);
    expect((bad.json['issues'] as Json[]).map((i) => i['path'])).toContain('changes.child.name');
  });

  it('lets parents with their access code ask for a correction (not a revocation); hospitals may not file', async () => {
    const birth = await completedBirth();
    const revocation = await request(`/v1/births/${birth.registrationId}/amendments`, { method: 'POST', accessCode: birth.accessCode, body: { kind: 'REVOCATION', reason: 'x' } });
    expect(revocation.status).toBe(403);
    expect((await request(`/v1/births/${birth.registrationId}/amendments`, { method: 'POST', token: hospital, body: { kind: 'CORRECTION', changes: { child: { birthPlace: 'Rogojampi' } }, reason: 'x' } })).status).toBe(403);
    const body = { kind: 'CORRECTION', changes: { child: { birthPlace: 'Rogojampi' } }, reason: 'Tempat lahir' };
    const filed = await request(`/v1/births/${birth.registrationId}/amendments`, { method: 'POST', accessCode: birth.accessCode, body });
    expect(filed.status).toBe(202);
    // A replay of the same request answers the same amendment; another request while it is open is 409.
    const again = await request(`/v1/births/${birth.registrationId}/amendments`, { method: 'POST', accessCode: birth.accessCode, body });
    expect(again.json).toEqual(filed.json);
    const other = await request(`/v1/births/${birth.registrationId}/amendments`, { method: 'POST', token: registrar, body: { kind: 'REVOCATION', reason: 'Duplikat' } });
    expect(other.status).toBe(409);
    expect(other.json['amendmentId']).toBe(filed.json['amendmentId']);
    const parentView = await request(`/v1/births/${birth.registrationId}`, { accessCode: birth.accessCode });
    expect(parentView.json['amendments']).toEqual([expect.objectContaining({ amendmentId: filed.json['amendmentId'], status: 'PENDING' })]);
    // A rejection needs a reason, closes the amendment and changes nothing.
    const amendmentId = filed.json['amendmentId'] as string;
    expect((await request(`/v1/amendments/${amendmentId}`, { method: 'POST', token: head2, body: { decision: 'REJECT' } })).status).toBe(400);
    expect((await request(`/v1/amendments/${amendmentId}`, { method: 'POST', token: head2, body: { decision: 'REJECT', reason: 'Tidak ada bukti' } })).status).toBe(200);
    expect((await settled(amendmentId))?.['status']).toBe('REJECTED');
    await waitFor(() => get(registrationKey(birth.registrationId)), (r) => r?.['openAmendmentId'] === undefined);
    expect((await request(`/v1/amendments/${amendmentId}`, { method: 'POST', token: head2, body: { decision: 'APPROVE' } })).status).toBe(409);
    const docs = await query(registrationKey(birth.registrationId).pk, 'DOC#');
    expect(docs.every((d) => d['version'] === undefined)).toBe(true);
  });

  it('four-eyes: the head of office who filed it may not decide it (403), another may', async () => {
    const birth = await completedBirth();
    const filed = await request(`/v1/births/${birth.registrationId}/amendments`, { method: 'POST', token: head1, body: { kind: 'CORRECTION', changes: { child: { birthOrder: 9 } }, reason: 'Anak ke-' } });
    expect(filed.status).toBe(202);
    const amendmentId = filed.json['amendmentId'] as string;
    const own = await request(`/v1/amendments/${amendmentId}`, { method: 'POST', token: head1, body: { decision: 'APPROVE' } });
    expect(own.status).toBe(403);
    expect(own.json['error']).toMatch(/four-eyes/i);
    const queue = await request('/v1/amendments', { token: head1 });
    expect((queue.json['items'] as Json[]).find((i) => i['amendmentId'] === amendmentId)?.['mayDecide']).toBe(false);
    expect((await request(`/v1/amendments/${amendmentId}`, { method: 'POST', token: head2, body: { decision: 'APPROVE' } })).status).toBe(200);
    const trail = await query(registrationAuditPartition(birth.registrationId), '');
    expect(trail.find((a) => a['action'] === 'AMENDMENT_REQUESTED')?.['actor']).toEqual({ kind: 'registrar', id: 'kadis.budi', role: 'head-of-office' });
    expect((await settled(amendmentId))?.['status']).toBe('APPLIED');
    // Only the akta printed the birth order: the KK print and the KIA stay as they were.
    const docs = Object.fromEntries((await query(registrationKey(birth.registrationId).pk, 'DOC#')).map((d) => [d['type'], d]));
    expect(docs['BIRTH_CERTIFICATE']?.['version']).toBe(2);
    expect(docs['FAMILY_CARD']?.['version']).toBeUndefined();
    expect(docs['CHILD_ID_CARD']?.['version']).toBeUndefined();
  });

  it('50 concurrent identical approvals: all answer 200, one decision is recorded, one new version of each document', async () => {
    const birth = await completedBirth();
    const filed = await request(`/v1/births/${birth.registrationId}/amendments`, { method: 'POST', token: registrar, body: { kind: 'CORRECTION', changes: { child: { name: 'Putri Ayu Lestari Dewi' } }, reason: 'Nama lengkap' } });
    const amendmentId = filed.json['amendmentId'] as string;
    await parked(amendmentId);
    const answers = await Promise.all(Array.from({ length: 50 }, () => request(`/v1/amendments/${amendmentId}`, { method: 'POST', token: head2, body: { decision: 'APPROVE' } })));
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 50 }, () => 200));
    expect((await settled(amendmentId))?.['status']).toBe('APPLIED');
    const audit = (await query(registrationAuditPartition(birth.registrationId), '')).filter((a) => a['action'] === 'AMENDMENT_DECIDED');
    expect(audit).toHaveLength(1);
    for (const type of ['BIRTH_CERTIFICATE', 'FAMILY_CARD', 'CHILD_ID_CARD']) {
      expect(await query(registrationKey(birth.registrationId).pk, `DOCV#${type}#`), type).toHaveLength(1);
      expect((await get(registrationDocumentKey(birth.registrationId, type as 'FAMILY_CARD')))?.['version'], type).toBe(2);
    }
    // A replay of the applying step (a re-run after a lost answer) writes nothing.
    const apply = stack.functionHandler('ApplyAmendment');
    await apply({ amendmentId }, lambdaContext('ApplyAmendment', 30_000));
    await Promise.all([apply({ amendmentId }, lambdaContext('ApplyAmendment', 30_000)), apply({ amendmentId }, lambdaContext('ApplyAmendment', 30_000))]);
    for (const type of ['BIRTH_CERTIFICATE', 'FAMILY_CARD', 'CHILD_ID_CARD']) {
      expect(await query(registrationKey(birth.registrationId).pk, `DOCV#${type}#`), type).toHaveLength(1);
    }
  });
});

describe('a revocation (pembatalan)', () => {
  it('revokes the registration: status REVOKED, the child deactivated and off the family card (new KK version), search shows it, SMS and webhook event queued', async () => {
    const birth = await completedBirth();
    const nik = birth.issued['nik'] as string;
    const familyBefore = await get(familyKey(DEMO.rogojampi.familyCardNumber));
    expect(await get(familyMemberKey(DEMO.rogojampi.familyCardNumber, nik))).toBeDefined();
    const filed = await request(`/v1/births/${birth.registrationId}/amendments`, { method: 'POST', token: registrar, body: { kind: 'REVOCATION', reason: 'NIK ganda: tercatat dua kali' } });
    expect(filed.status).toBe(202);
    const amendmentId = filed.json['amendmentId'] as string;
    expect((await request(`/v1/amendments/${amendmentId}`, { method: 'POST', token: head1, body: { decision: 'APPROVE' } })).status).toBe(200);
    expect((await settled(amendmentId))?.['status']).toBe('APPLIED');

    const view = await request(`/v1/births/${birth.registrationId}`, { token: registrar });
    expect(view.json['status']).toBe('REVOKED');
    // Every document of it answers REVOKED when scanned.
    for (const doc of await query(registrationKey(birth.registrationId).pk, 'DOC#')) {
      expect((await request(`/v1/verify/${doc['verificationId']}`)).json, String(doc['type'])).toMatchObject({ valid: false, status: 'REVOKED' });
    }
    expect(view.json['amendments']).toEqual([expect.objectContaining({ kind: 'REVOCATION', status: 'APPLIED' })]);
    const person = await get(personKey(nik));
    expect(person).toMatchObject({ nik, active: false, deactivatedBy: amendmentId });
    expect(await get(familyMemberKey(DEMO.rogojampi.familyCardNumber, nik))).toBeUndefined();
    expect((await get(familyKey(DEMO.rogojampi.familyCardNumber)))?.['version']).toBe(Number(familyBefore?.['version']) + 1);
    const search = await request(`/v1/search?q=${nik}`, { token: registrar });
    expect(search.json['items']).toEqual([expect.objectContaining({ registrationId: birth.registrationId, status: 'REVOKED' })]);
    const sms = (await stack.documentClient.send(new GetCommand({ TableName: stack.tableName, Key: { pk: `OUTBOX#${birth.registrationId}#REVOKED#SMS`, sk: 'OUTBOX' } }))).Item;
    expect(sms?.['event']).toBe('registration.revoked');
    // Nothing more can be filed against it.
    expect((await request(`/v1/births/${birth.registrationId}/amendments`, { method: 'POST', token: registrar, body: { kind: 'REVOCATION', reason: 'lagi' } })).status).toBe(409);
  });
});
