import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxKey } from '../../functions/shared/keys.js';
import type { LocalStack } from '../../local/stack.js';
import { DEMO, notification } from '../support/fixtures.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';
import type { Birth } from '../support/birth.js';
import { pdfText } from '../documents/pdf-inspect.js';
import { birthYearsAgo, civilDate, nikDateDigits, recentBirth, validThroughBeforeBirthday } from '../support/dates.js';

/**
 * Issue 13, second pass (items 7, 10, 8, 6, 4, 5): fathers registered elsewhere, an omitted KK
 * number, births outside hospitals, parents without a recorded marriage, children registered at 5
 * or older, the kutipan's statements. Black-box: through the HTTP API and the real workflow.
 */
let stack: LocalStack;
let call: ReturnType<typeof apiClient>;
let hospital: string;
let registrar: string;
/** A head of office decides every case here: children registered at 5 or older are late registrations (UU 24/2013 art. 32). */
let head: string;

beforeAll(async () => {
  stack = await startTestStack();
  call = apiClient(stack.url);
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  registrar = await stack.issuer.signRegistrarToken('registrar.test');
  head = await stack.issuer.signHeadOfOfficeToken('kepala.test');
});

afterAll(async () => {
  await stack?.stop();
});

const getBirth = async (id: string, token = registrar) => (await call<Birth>('GET', `/v1/births/${id}`, { token })).body;
const settled = (id: string) => waitFor(() => getBirth(id), (b) => ['AWAITING_APPROVAL', 'REJECTED', 'FAILED'].includes(b.status));

async function submit(body: Record<string, unknown>): Promise<{ registrationId: string; accessCode: string }> {
  const response = await call<{ registrationId: string; accessCode: string }>('POST', '/v1/births', { token: hospital, body });
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  return response.body;
}

/** A document's printed text, upper-cased with whitespace collapsed (as a reader would compare it). */
async function documentText(id: string, type: 'BIRTH_CERTIFICATE' | 'FAMILY_CARD' | 'CHILD_ID_CARD'): Promise<string> {
  const response = await fetch(`${stack.url}/v1/births/${id}/documents/${type}`, { headers: { authorization: `Bearer ${registrar}` } });
  expect(response.status).toBe(200);
  return (await pdfText(new Uint8Array(await response.arrayBuffer()))).replace(/\s+/g, ' ').toUpperCase();
}

async function approve(id: string): Promise<Birth> {
  expect((await call('POST', `/v1/approvals/${id}`, { token: head, body: { decision: 'APPROVE' } })).status).toBe(200);
  return waitFor(() => getBirth(id), (b) => b.status === 'COMPLETED' || b.status === 'FAILED');
}

describe('item 7: a father registered elsewhere', () => {
  it('refuses a father whose NIK is the mother’s with 400 at father.nik, storing nothing', async () => {
    const response = await call<{ issues: { path: string; message: string }[] }>('POST', '/v1/births', {
      token: hospital,
      body: notification({ notificationId: 'father-is-mother', father: { nik: DEMO.banyuwangi.motherNik } }),
    });
    expect(response.status).toBe(400);
    expect(response.body.issues).toEqual([{ path: 'father.nik', code: 'FATHER_NIK_IS_MOTHERS', message: expect.stringMatching(/mother/) }]);
  });

  it('still refuses a malformed father NIK with 400', async () => {
    const response = await call<{ issues: { path: string }[] }>('POST', '/v1/births', {
      token: hospital,
      body: notification({ notificationId: 'father-malformed', father: { nik: '35101614079200' } }),
    });
    expect(response.status).toBe(400);
    expect([...new Set(response.body.issues.map((i) => i.path))]).toEqual(['father.nik']);
  });

  it('sends a father the regency does not hold to the registrar as a WARNING, and the akta names him as notified', async () => {
    const { registrationId } = await submit(
      notification({
        notificationId: 'father-elsewhere',
        father: { nik: '3578011505900007', name: 'Budi Hartono' },
        child: { birthDateTime: recentBirth({ daysAgo: 57 }), birthOrder: 3 },
      }),
    );
    const pending = await settled(registrationId);
    expect(pending.status).toBe('AWAITING_APPROVAL');
    expect(pending.checks).toEqual([expect.objectContaining({ code: 'FATHER_NOT_FOUND', severity: 'WARNING' })]);
    expect((await getBirth(registrationId, hospital)).checks).toEqual([]);
    const done = await approve(registrationId);
    expect(done.status).toBe('COMPLETED');
    const akta = await documentText(registrationId, 'BIRTH_CERTIFICATE');
    expect(akta).toContain('BUDI HARTONO');
    expect(akta).not.toContain('ANAK SEORANG IBU');
  });
});

describe('item 10: the family card number may be omitted', () => {
  it('uses the mother’s KK in the registry, says so to the registrar, and issues the child onto it', async () => {
    const { familyCardNumber: _omitted, ...body } = notification({ notificationId: 'no-kk', child: { birthDateTime: recentBirth({ daysAgo: 47 }), birthOrder: 3 } });
    const { registrationId } = await submit(body);
    const pending = await settled(registrationId);
    expect(pending.status).toBe('AWAITING_APPROVAL');
    expect(pending.checks.map((c) => [c.code, c.severity])).toEqual([['FAMILY_CARD_FROM_REGISTRY', 'INFO']]);
    // The case page (the queue's row carries only what the list shows) names the card the registry gave.
    const casePage = await call<{ notification?: { familyCardNumber?: string } }>('GET', `/v1/births/${registrationId}`, { token: registrar });
    expect(casePage.body.notification?.familyCardNumber).toBe(DEMO.banyuwangi.familyCardNumber);
    const done = await approve(registrationId);
    expect(done.status).toBe('COMPLETED');
    expect(done.issued?.familyCardNumber).toBe(DEMO.banyuwangi.familyCardNumber);
  });

  it('still checks a KK number when given: one not in the registry rejects', async () => {
    const { registrationId } = await submit(notification({ notificationId: 'wrong-kk', familyCardNumber: '3510160101209999', child: { birthDateTime: recentBirth({ daysAgo: 37 }) } }));
    const birth = await settled(registrationId);
    expect(birth.status).toBe('REJECTED');
    expect(birth.checks.map((c) => c.code)).toEqual(['FAMILY_NOT_FOUND']);
  });

  it('refuses a malformed KK number with 400', async () => {
    const response = await call('POST', '/v1/births', { token: hospital, body: notification({ notificationId: 'bad-kk', familyCardNumber: '35101601' }) });
    expect(response.status).toBe(400);
  });
});

describe('item 8: births outside hospitals', () => {
  it('registers a home birth attended by a midwife, reported by the father, as an ordinary case', async () => {
    const { registrationId } = await submit(
      notification({
        notificationId: 'home-birth',
        child: { birthDateTime: recentBirth({ daysAgo: 26, at: '03:40' }), birthOrder: 3, birthPlaceKind: 'HOME', birthPlace: 'Banyuwangi' },
        attendant: { type: 'MIDWIFE', name: 'Bidan Sri Wahyuni' },
        informant: { nik: DEMO.banyuwangi.fatherNik, relationship: 'FATHER' },
      }),
    );
    const pending = await settled(registrationId);
    expect(pending.status).toBe('AWAITING_APPROVAL');
    expect(pending.checks).toEqual([]);
    const casePage = await call<{ notification?: { child: { birthPlaceKind?: string }; informant?: unknown } }>('GET', `/v1/births/${registrationId}`, { token: registrar });
    const item = casePage.body.notification;
    expect(item?.child.birthPlaceKind).toBe('HOME');
    expect(item?.informant).toEqual({ nik: DEMO.banyuwangi.fatherNik, relationship: 'FATHER' });
    expect((await approve(registrationId)).status).toBe('COMPLETED');
  });

  it('refuses an unknown kind of place and an informant said to be the mother with another NIK, at their fields', async () => {
    const badKind = await call<{ issues: { path: string }[] }>('POST', '/v1/births', {
      token: hospital,
      body: notification({ notificationId: 'bad-kind', child: { birthPlaceKind: 'BOAT' } }),
    });
    expect(badKind.status).toBe(400);
    expect(badKind.body.issues.map((i) => i.path)).toEqual(['child.birthPlaceKind']);
    const wrongMother = await call<{ issues: { path: string }[] }>('POST', '/v1/births', {
      token: hospital,
      body: notification({ notificationId: 'bad-informant', informant: { nik: DEMO.genteng.motherNik, relationship: 'MOTHER' } }),
    });
    expect(wrongMother.status).toBe(400);
    expect(wrongMother.body.issues.map((i) => i.path)).toEqual(['informant.nik']);
  });
});

describe('item 6: parents without a recorded marriage', () => {
  it('with a father and the parents’ SPTJM, the akta names both parents with the phrase that the marriage is not yet recorded', async () => {
    const { registrationId } = await submit(
      notification({
        notificationId: 'sptjm',
        marriageCertificateNumber: undefined,
        sptjm: { kind: 'HUSBAND_AND_WIFE', signedOn: '2026-11-06' },
        child: { birthDateTime: recentBirth({ daysAgo: 16 }), birthOrder: 3 },
      }),
    );
    const pending = await settled(registrationId);
    expect(pending.checks.map((c) => [c.code, c.severity])).toEqual([['MARRIAGE_NOT_RECORDED', 'INFO']]);
    expect((await approve(registrationId)).status).toBe('COMPLETED');
    const akta = await documentText(registrationId, 'BIRTH_CERTIFICATE');
    expect(akta).toContain('DARI AYAH AGUS');
    expect(akta).toContain('YANG PERKAWINANNYA BELUM TERCATAT SESUAI DENGAN KETENTUAN PERATURAN PERUNDANG-UNDANGAN');
    expect(akta).not.toContain('ANAK SEORANG IBU');
  });

  it('without a marriage record, an SPTJM or a father, the akta names the mother only', async () => {
    const { registrationId } = await submit(
      notification({ notificationId: 'mother-only', marriageCertificateNumber: undefined, father: undefined, child: { birthDateTime: recentBirth({ daysAgo: 6 }), birthOrder: 3 } }),
    );
    const pending = await settled(registrationId);
    expect(pending.checks.map((c) => c.code)).toEqual(['NO_MARRIAGE_RECORD']);
    expect((await approve(registrationId)).status).toBe('COMPLETED');
    const akta = await documentText(registrationId, 'BIRTH_CERTIFICATE');
    expect(akta).toContain('ANAK SEORANG IBU');
    expect(akta).not.toContain('BELUM TERCATAT');
  });

  it('refuses an SPTJM without a father with 400 at sptjm', async () => {
    const response = await call<{ issues: { path: string }[] }>('POST', '/v1/births', {
      token: hospital,
      body: notification({ notificationId: 'sptjm-no-father', marriageCertificateNumber: undefined, father: undefined, sptjm: { kind: 'HUSBAND_AND_WIFE', signedOn: '2026-11-06' } }),
    });
    expect(response.status).toBe(400);
    expect(response.body.issues.map((i) => i.path)).toEqual(['sptjm']);
  });
});

describe('item 4: children registered at 5 or older', () => {
  const smsText = async (id: string) =>
    (await stack.documentClient.send(new GetCommand({ TableName: stack.tableName, Key: outboxKey(id, 'COMPLETED', 'SMS'), ConsistentRead: true }))).Item?.['sms']?.['text'] as string;
  const documentTypes = async (id: string) =>
    (await call<{ documents: { type: string }[] }>('GET', `/v1/births/${id}/documents`, { token: registrar })).body.documents.map((d) => d.type);

  it('5-17: issues NIK, KK and akta, records the 5-17 KIA as waiting for a photo, and the parents’ view and SMS say so', async () => {
    const born = birthYearsAgo(6, 174); // six and a half: between 5 and 17 on any day
    const { registrationId, accessCode } = await submit(
      notification({ notificationId: 'six-years', child: { name: 'Anak Enam Tahun', birthDateTime: born, birthOrder: 1 } }),
    );
    const pending = await settled(registrationId);
    expect(pending.checks.map((c) => c.code)).toContain('LATE_REGISTRATION');
    const done = await approve(registrationId);
    expect(done.status).toBe('COMPLETED');
    expect(done.issued).toMatchObject({ nik: `351016${nikDateDigits(civilDate(born), 'MALE')}0001`, childIdCardKind: 'KIA_5_17', childIdCardStatus: 'AWAITING_PHOTO', childIdCardValidThrough: validThroughBeforeBirthday(civilDate(born), 17) });
    expect(done.issued?.childIdCardNumber).toBeUndefined();
    expect(done.timeline.map((t) => t.step)).not.toContain('CHILD_ID_CARD_ISSUED');
    expect(await documentTypes(registrationId)).toEqual(['BIRTH_CERTIFICATE', 'FAMILY_CARD']);
    const parents = await fetch(`${stack.url}/v1/births/${registrationId}`, { headers: { 'x-access-code': accessCode } });
    const parentView = (await parents.json()) as { childIdCardNote?: { id: string } };
    expect(parentView.childIdCardNote?.id).toMatch(/foto anak/);
    expect(await smsText(registrationId)).toMatch(/KIA menunggu foto anak/);
  });

  it('from 17: issues NIK, KK and akta and no KIA', async () => {
    const { registrationId } = await submit(
      notification({ notificationId: 'eighteen-years', mother: { nik: DEMO.rogojampi.motherNik }, father: { nik: DEMO.rogojampi.fatherNik }, familyCardNumber: DEMO.rogojampi.familyCardNumber, child: { name: 'Anak Dewasa', birthDateTime: '2008-05-10T09:00:00+07:00', birthOrder: 1 } }),
    );
    await settled(registrationId);
    const done = await approve(registrationId);
    expect(done.status).toBe('COMPLETED');
    expect(done.issued?.childIdCardStatus).toBe('NOT_ELIGIBLE');
    expect(done.issued?.childIdCardKind).toBeUndefined();
    expect(await documentTypes(registrationId)).toEqual(['BIRTH_CERTIFICATE', 'FAMILY_CARD']);
    expect(await smsText(registrationId)).not.toMatch(/KIA/);
  });

  it('under 5 (4 years and 364 days): the 0-5 KIA as before', async () => {
    const born = new Date(Date.now() - (5 * 365) * 86_400_000);
    const { registrationId } = await submit(
      notification({ notificationId: 'almost-five', mother: { nik: DEMO.genteng.motherNik }, father: undefined, marriageCertificateNumber: undefined, familyCardNumber: DEMO.genteng.familyCardNumber, child: { name: 'Hampir Lima', birthDateTime: born.toISOString(), birthOrder: 1 } }),
    );
    await settled(registrationId);
    const done = await approve(registrationId);
    expect(done.issued).toMatchObject({ childIdCardKind: 'KIA_0_5', childIdCardStatus: 'ISSUED', childIdCardNumber: done.issued?.nik });
    expect(await documentTypes(registrationId)).toEqual(['BIRTH_CERTIFICATE', 'FAMILY_CARD', 'CHILD_ID_CARD']);
  });
});

describe('item 5: what the kutipan akta states', () => {
  it('states the child’s citizenship (WNI) and that it is a true extract of the birth register', async () => {
    const { registrationId } = await submit(notification({ notificationId: 'kutipan', mother: { nik: DEMO.rogojampi.motherNik }, father: { nik: DEMO.rogojampi.fatherNik }, familyCardNumber: DEMO.rogojampi.familyCardNumber, child: { birthDateTime: recentBirth({ daysAgo: 11 }), birthOrder: 1 } }));
    await settled(registrationId);
    expect((await approve(registrationId)).status).toBe('COMPLETED');
    const akta = await documentText(registrationId, 'BIRTH_CERTIFICATE');
    expect(akta).toContain('KEWARGANEGARAAN : WNI');
    expect(akta).toContain('KUTIPAN INI SESUAI DENGAN DATA YANG TERCATAT DALAM REGISTER AKTA KELAHIRAN.');
  });
});
