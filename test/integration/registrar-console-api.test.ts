import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { DEMO, notification } from '../support/fixtures.js';
import { startTestStack, waitFor } from '../support/local-stack.js';
import { civilDate, recentBirth } from '../support/dates.js';

/**
 * What the registrars' console needs of the API for a working day (issue 16, API side): words in the
 * caller's language with stable codes; a queue with a total, filters and search by name; the case by
 * id with everything the decision needs; the cases that need following up.
 */
let stack: LocalStack;
let hospital: string;
let otherHospital: string;
let registrar: string;

type Json = Record<string, any>;

async function request(method: 'GET' | 'POST', path: string, options: { token?: string; body?: unknown; language?: string } = {}): Promise<{ status: number; body: Json; bytes: number }> {
  const headers: Record<string, string> = {};
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.language) headers['accept-language'] = options.language;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${stack.url}${path}`, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Json) : {}, bytes: Buffer.byteLength(text) };
}

async function pending(notificationId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const submitted = await request('POST', '/v1/births', { token: hospital, body: notification({ notificationId, ...overrides }) });
  expect(submitted.status).toBe(202);
  const id = submitted.body['registrationId'] as string;
  await waitFor(() => request('GET', `/v1/births/${id}`, { token: registrar }), (r) => r.body['status'] === 'AWAITING_APPROVAL');
  return id;
}

beforeAll(async () => {
  stack = await startTestStack();
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  otherHospital = await stack.issuer.signHospitalToken('rs-al-huda');
  registrar = await stack.issuer.signRegistrarToken('registrar.console');
});

afterAll(async () => {
  await stack?.stop();
});

describe('words in the caller’s language, with stable codes', () => {
  it('a 400 lists {path, code, message}: English by default, Indonesian for Accept-Language: id', async () => {
    const body = notification({ notificationId: 'LANG-1' });
    delete (body['child'] as Json)['weightGrams'];
    (body['mother'] as Json)['nik'] = '123';

    const english = await request('POST', '/v1/births', { token: hospital, body });
    expect(english.status).toBe(400);
    expect(english.body).toMatchObject({ error: 'The request is invalid', code: 'VALIDATION_FAILED' });
    expect(english.body['issues']).toEqual(
      expect.arrayContaining([
        { path: 'child.weightGrams', code: 'REQUIRED', message: 'Required' },
        { path: 'mother.nik', code: 'NIK_DIGITS', message: 'A NIK has exactly 16 digits' },
      ]),
    );

    const indonesian = await request('POST', '/v1/births', { token: hospital, body, language: 'id-ID,id;q=0.9,en;q=0.5' });
    expect(indonesian.status).toBe(400);
    expect(indonesian.body).toMatchObject({ error: 'Permintaan tidak valid', code: 'VALIDATION_FAILED' });
    expect(indonesian.body['issues']).toEqual(
      expect.arrayContaining([
        { path: 'child.weightGrams', code: 'REQUIRED', message: 'Wajib diisi' },
        { path: 'mother.nik', code: 'NIK_DIGITS', message: 'NIK terdiri dari tepat 16 angka' },
      ]),
    );
  });

  it('401, 403, 404 and 409 bodies carry a code and speak Indonesian when asked', async () => {
    const unauthorized = await request('GET', '/v1/births/0b8f8c5e-3f1e-4d6a-9c41-2a7d5e9b1c30', { language: 'id' });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.body).toEqual({ error: 'Sesi berakhir atau tidak sah; silakan masuk lagi', code: 'UNAUTHORIZED' });

    const forbidden = await request('GET', '/v1/births/0b8f8c5e-3f1e-4d6a-9c41-2a7d5e9b1c30/history', { token: hospital, language: 'id' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body).toMatchObject({ code: 'FORBIDDEN_ROLE', error: 'Halaman ini tidak terbuka untuk peran Anda' });

    const notFound = await request('GET', '/v1/births/0b8f8c5e-3f1e-4d6a-9c41-2a7d5e9b1c30', { token: registrar, language: 'id' });
    expect(notFound.status).toBe(404);
    expect(notFound.body).toEqual({ error: 'Registrasi tidak ditemukan', code: 'REGISTRATION_NOT_FOUND' });

    const id = await pending('LANG-409');
    expect((await request('POST', `/v1/approvals/${id}`, { token: registrar, body: { decision: 'REJECT', reason: 'Data berbeda', reasonCode: 'DATA_MISMATCH' } })).status).toBe(200);
    const second = await request('POST', `/v1/approvals/${id}`, { token: registrar, body: { decision: 'APPROVE' }, language: 'id' });
    expect(second.status).toBe(409);
    expect(second.body).toEqual({ error: 'Registrasi ini sudah diputuskan', code: 'ALREADY_DECIDED', decision: 'REJECT', status: 'REJECTED' });
    const english = await request('POST', `/v1/approvals/${id}`, { token: registrar, body: { decision: 'APPROVE' } });
    expect(english.body).toMatchObject({ error: 'This registration has already been decided', code: 'ALREADY_DECIDED' });
  });

  it('a registry rejection’s reason follows the language too', async () => {
    const submitted = await request('POST', '/v1/births', { token: hospital, body: notification({ notificationId: 'LANG-REG', familyCardNumber: '3510169999990001' }) });
    const id = submitted.body['registrationId'] as string;
    await waitFor(() => request('GET', `/v1/births/${id}`, { token: registrar }), (r) => r.body['status'] === 'REJECTED');
    const asRegistrar = await request('GET', `/v1/births/${id}`, { token: registrar, language: 'id' });
    expect(asRegistrar.body['rejection']).toMatchObject({ codes: ['FAMILY_NOT_FOUND'], reason: 'Nomor Kartu Keluarga tidak ditemukan dalam database kependudukan.' });
    const asHospital = await request('GET', `/v1/births/${id}`, { token: hospital });
    expect(asHospital.body['rejection'].reason).toMatch(/^The notification does not match the population registry/);
  });
});

describe('the queue for a full day', () => {
  const ids = {} as Record<'arka' | 'ayu' | 'bagus' | 'other', string>;
  const bagusBorn = recentBirth({ daysAgo: 9, at: '09:00' });
  const pageOf = (query: string) => request('GET', `/v1/approvals${query}`, { token: registrar });

  beforeAll(async () => {
    ids.arka = await pending('QUEUE-ARKA');
    ids.ayu = await pending('QUEUE-AYU', {
      child: { name: 'Ayu Lestari', sex: 'FEMALE', birthDateTime: recentBirth({ daysAgo: 6 }) },
      mother: { nik: DEMO.genteng.motherNik },
      familyCardNumber: DEMO.genteng.familyCardNumber,
      father: undefined,
    });
    // The same mother as Arka, two days later, not a recorded twin: POSSIBLE_DUPLICATE, linked to Arka's case.
    ids.bagus = await pending('QUEUE-BAGUS', { child: { name: 'Bagus Pratama', birthDateTime: bagusBorn } });
    const other = await request('POST', '/v1/births', {
      token: otherHospital,
      body: notification({ notificationId: 'QUEUE-OTHER', child: { name: 'Ni Luh Putu Ayu Dewi', birthDateTime: recentBirth({ daysAgo: 5, at: '07:00' }) }, mother: { nik: DEMO.rogojampi.motherNik }, familyCardNumber: DEMO.rogojampi.familyCardNumber, father: { nik: DEMO.rogojampi.fatherNik } }),
    });
    ids.other = other.body['registrationId'] as string;
    await waitFor(() => request('GET', `/v1/births/${ids.other}`, { token: registrar }), (r) => r.body['status'] === 'AWAITING_APPROVAL');
  });

  it('searches by the child’s or the mother’s name (it answered "The request is invalid")', async () => {
    const byChild = await pageOf('?q=arka');
    expect(byChild.status).toBe(200);
    expect(byChild.body['items'].map((i: Json) => i['registrationId'])).toEqual([ids.arka]);
    expect(byChild.body['total']).toBe(1);

    // The mother's name is the registry's (the notification has only her NIK); case and diacritics do not matter.
    const byMother = await pageOf(`?q=${encodeURIComponent('SITI RÁHMAWATI')}`);
    expect(byMother.body['items'].map((i: Json) => i['registrationId'])).toEqual([ids.arka, ids.bagus]);
    expect(byMother.body['items'][0]['mother']).toEqual({ name: 'Siti Rahmawati' });

    // Part of a name, across the queue: Ayu Lestari (child) and Ni Luh Putu Ayu Dewi (child of the other hospital).
    expect((await pageOf('?q=ayu')).body['items'].map((i: Json) => i['registrationId'])).toEqual([ids.ayu, ids.other]);

    const digits = await pageOf('?q=a1');
    expect(digits.status).toBe(400);
    expect(digits.body['issues']).toEqual([{ path: 'q', code: 'NAME_QUERY_CHARACTERS', message: 'A name: letters and spaces' }]);
  });

  it('lists only what the queue shows: no NIKs, no family card, with a total and who may decide', async () => {
    const all = await pageOf('');
    expect(all.status).toBe(200);
    expect(all.body['total']).toBe(4);
    const item = all.body['items'].find((i: Json) => i['registrationId'] === ids.bagus);
    expect(Object.keys(item).sort()).toEqual(
      ['checks', 'child', 'decidableBy', 'escalated', 'facilityId', 'mother', 'overdue', 'registrationId', 'requestedAt', 'waitingMinutes'].sort(),
    );
    expect(item).toMatchObject({ decidableBy: 'REGISTRAR', overdue: false, escalated: false, facilityId: 'rsud-blambangan' });
    expect(item['child']).toEqual({ name: 'Bagus Pratama', birthDateTime: bagusBorn, birthDate: civilDate(bagusBorn) });
    expect(item['checks']).toEqual(expect.arrayContaining([{ code: 'POSSIBLE_DUPLICATE', severity: 'WARNING' }]));
    const text = JSON.stringify(all.body);
    for (const number of [DEMO.banyuwangi.motherNik, DEMO.banyuwangi.fatherNik, DEMO.banyuwangi.familyCardNumber, DEMO.genteng.motherNik]) expect(text).not.toContain(number);
  });

  it('pages past the first page with the total on each, every case once, oldest first', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await pageOf(`?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body['total']).toBe(4);
      seen.push(...page.body['items'].map((i: Json) => i['registrationId']));
      cursor = page.body['nextCursor'];
      pages += 1;
    } while (cursor && pages < 10);
    expect(seen).toEqual([ids.arka, ids.ayu, ids.bagus, ids.other]);
    expect(pages).toBe(4); // no empty last page
  });

  it('filters by facility, check, overdue and who may decide; filtered pages keep the filter with the cursor', async () => {
    const idsOf = async (query: string) => {
      const page = await pageOf(query);
      expect(page.status, query).toBe(200);
      return { ids: page.body['items'].map((i: Json) => i['registrationId']), total: page.body['total'], nextCursor: page.body['nextCursor'] };
    };
    expect(await idsOf('?facility=rs-al-huda')).toEqual({ ids: [ids.other], total: 1, nextCursor: undefined });
    expect(await idsOf('?check=POSSIBLE_DUPLICATE')).toEqual({ ids: [ids.bagus], total: 1, nextCursor: undefined });
    expect((await idsOf('?overdue=true')).total).toBe(0);
    expect((await idsOf('?overdue=false')).total).toBe(4);
    expect((await idsOf('?decidableBy=REGISTRAR')).total).toBe(4);
    const first = await idsOf('?facility=rsud-blambangan&limit=2');
    expect(first).toMatchObject({ ids: [ids.arka, ids.ayu], total: 3 });
    expect(await idsOf(`?facility=rsud-blambangan&limit=2&cursor=${first.nextCursor}`)).toEqual({ ids: [ids.bagus], total: 3, nextCursor: undefined });

    const unknown = await request('GET', '/v1/approvals?check=NOPE', { token: registrar, language: 'id' });
    expect(unknown.status).toBe(400);
    expect(unknown.body['issues'][0]).toMatchObject({ path: 'check', code: 'CHECK_CODE_UNKNOWN' });
  });

  it('opens a case by id with everything the decision needs, and links a possible duplicate to the other case', async () => {
    const view = await request('GET', `/v1/births/${ids.bagus}`, { token: registrar });
    expect(view.status).toBe(200);
    expect(view.body['notification']).toMatchObject({
      child: { name: 'Bagus Pratama', weightGrams: 3150 },
      mother: { nik: DEMO.banyuwangi.motherNik, name: 'Siti Rahmawati' },
      father: { nik: DEMO.banyuwangi.fatherNik },
      familyCardNumber: DEMO.banyuwangi.familyCardNumber,
      attendant: { type: 'MIDWIFE', name: 'Bidan Sri Wahyuni' },
    });
    expect(view.body['approval']).toMatchObject({ overdue: false, escalated: false, decidableBy: 'REGISTRAR' });
    const duplicate = view.body['checks'].find((c: Json) => c['code'] === 'POSSIBLE_DUPLICATE');
    expect(duplicate['relatedRegistrationIds']).toEqual([ids.arka]);
    // The other case opens the same way.
    expect((await request('GET', `/v1/births/${duplicate['relatedRegistrationIds'][0]}`, { token: registrar })).body['notification']['child']['name']).toBe('Muhammad Arka Santoso');

    // The hospital's view stays as it was: no notification echo, no approval clock.
    const asHospital = await request('GET', `/v1/births/${ids.bagus}`, { token: hospital });
    expect(asHospital.body).not.toHaveProperty('notification');
    expect(asHospital.body).not.toHaveProperty('approval');
  });
});

describe('the cases that need following up', () => {
  it('lists REJECTED and FAILED cases newest first, without NIKs, with a total and the status filter', async () => {
    const citraBorn = recentBirth({ daysAgo: 4 });
    const rejected = await pending('FOLLOW-REJECT', { child: { name: 'Citra Lestari', sex: 'FEMALE', birthDateTime: citraBorn }, mother: { nik: DEMO.genteng.motherNik }, familyCardNumber: DEMO.genteng.familyCardNumber, father: undefined });
    expect((await request('POST', `/v1/approvals/${rejected}`, { token: registrar, body: { decision: 'REJECT', reason: 'Dokumen kurang', reasonCode: 'DOCUMENTS_MISSING' } })).status).toBe(200);
    await waitFor(() => request('GET', `/v1/births/${rejected}`, { token: registrar }), (r) => r.body['status'] === 'REJECTED');

    const list = await request('GET', '/v1/follow-ups', { token: registrar });
    expect(list.status).toBe(200);
    const items = list.body['items'] as Json[];
    expect(items[0]).toMatchObject({ registrationId: rejected, status: 'REJECTED', rejection: { source: 'REGISTRAR', reasonCode: 'DOCUMENTS_MISSING' }, child: { name: 'Citra Lestari', birthDate: civilDate(citraBorn) }, mother: { name: 'Dewi Anggraini' } });
    // The registry's own rejection (the made-up family card) is there too, with its codes.
    expect(items.find((i) => i['notificationId'] === 'LANG-REG')).toMatchObject({ status: 'REJECTED', rejection: { source: 'REGISTRY_CHECKS', codes: ['FAMILY_NOT_FOUND'] } });
    expect(list.body['total']).toBe(items.length);
    expect(items.map((i) => i['endedAt'])).toEqual([...items.map((i) => i['endedAt'])].sort().reverse());
    expect(JSON.stringify(list.body)).not.toContain(DEMO.genteng.motherNik);

    expect((await request('GET', '/v1/follow-ups?status=FAILED', { token: registrar })).body).toEqual({ items: [], total: 0 });
    const byName = await request('GET', '/v1/follow-ups?q=citra', { token: registrar });
    expect(byName.body['items'].map((i: Json) => i['registrationId'])).toEqual([rejected]);
    expect((await request('GET', '/v1/follow-ups', { token: hospital })).status).toBe(403);
  });
});
