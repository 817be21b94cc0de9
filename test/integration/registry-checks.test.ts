import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { DEMO, notification } from '../support/fixtures.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';
import type { Birth } from '../support/birth.js';

/** The registry checks as hospitals and registrars meet them, through the real workflow. */
let stack: LocalStack;
let call: ReturnType<typeof apiClient>;
let hospital: string;
let registrar: string;


beforeAll(async () => {
  stack = await startTestStack();
  call = apiClient(stack.url);
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  registrar = await stack.issuer.signRegistrarToken('registrar.test');
});

afterAll(async () => {
  await stack?.stop();
});

const getBirth = async (id: string, token = registrar) => (await call<Birth>('GET', `/v1/births/${id}`, { token })).body;
const settled = (id: string) => waitFor(() => getBirth(id), (b) => b.status === 'AWAITING_APPROVAL' || b.status === 'REJECTED');

async function submit(body: Record<string, unknown>): Promise<string> {
  const response = await call<{ registrationId: string }>('POST', '/v1/births', { token: hospital, body });
  expect(response.status).toBe(202);
  return response.body.registrationId;
}

async function approve(id: string): Promise<Birth> {
  expect((await call('POST', `/v1/approvals/${id}`, { token: registrar, body: { decision: 'APPROVE' } })).status).toBe(200);
  return waitFor(() => getBirth(id), (b) => b.status === 'COMPLETED');
}

describe('registry checks through the workflow', () => {
  it('registers twins as two births with consecutive serials and no duplicate flag', async () => {
    const twin = (order: number) =>
      notification({
        notificationId: `twin-${order}`,
        mother: { nik: DEMO.rogojampi.motherNik },
        father: { nik: DEMO.rogojampi.fatherNik },
        familyCardNumber: DEMO.rogojampi.familyCardNumber,
        child: { name: order === 1 ? 'Kembar Pertama' : 'Kembar Kedua', sex: 'MALE', birthDateTime: '2026-11-21T04:0' + order + ':00+07:00', birthOrder: order, multipleBirth: { count: 2, order } },
      });
    const ids = await Promise.all([submit(twin(1)), submit(twin(2))]);
    const pending = await Promise.all(ids.map(settled));
    for (const birth of pending) {
      expect(birth.status).toBe('AWAITING_APPROVAL');
      expect(birth.checks.map((c) => c.code)).not.toContain('POSSIBLE_DUPLICATE');
    }
    const done = await Promise.all(ids.map(approve));
    const serials = done.map((b) => b.issued?.nik ?? '').sort();
    expect(serials).toEqual(['3510132111260001', '3510132111260002']);
  });

  it('flags a second notification of the same birth as a possible duplicate for the registrar', async () => {
    const first = await submit(notification({ notificationId: 'dup-a', child: { birthDateTime: '2026-11-15T09:00:00+07:00' } }));
    await settled(first);
    const second = await submit(notification({ notificationId: 'dup-b', child: { birthDateTime: '2026-11-15T09:00:00+07:00' } }));
    const birth = await settled(second);
    expect(birth.status).toBe('AWAITING_APPROVAL');
    expect(birth.checks).toEqual([expect.objectContaining({ code: 'POSSIBLE_DUPLICATE', severity: 'WARNING' })]);
    const queue = await call<{ items: { registrationId: string; checks: { code: string }[] }[] }>('GET', '/v1/approvals', { token: registrar });
    expect(queue.body.items.find((i) => i.registrationId === second)?.checks.map((c) => c.code)).toEqual(['POSSIBLE_DUPLICATE']);
  });

  it('issues a NIK with 2902 for a boy born on 29 February, flagged late, KIA through 28 Feb of the common year', async () => {
    const id = await submit(
      notification({ notificationId: 'leap-boy', child: { name: 'Kabisat', birthDateTime: '2024-02-29T12:00:00+07:00', birthOrder: 1 } }),
    );
    const pending = await settled(id);
    expect(pending.checks.map((c) => c.code)).toEqual(['LATE_REGISTRATION']);
    const done = await approve(id);
    expect(done.issued?.nik).toBe('3510162902240001');
    expect(done.issued?.childIdCardValidThrough).toBe('2029-02-28');
  });

  it('gives a girl born on 29 February day 69', async () => {
    const id = await submit(
      notification({ notificationId: 'leap-girl', child: { name: 'Febri', sex: 'FEMALE', birthDateTime: '2024-02-29T12:00:00+07:00' } }),
    );
    await settled(id);
    expect((await approve(id)).issued?.nik).toBe('3510166902240001');
  });

  it('flags a notification 61 days after the birth as LATE_REGISTRATION for the registrar', async () => {
    const born = new Date(Date.now() - 61 * 86_400_000 - 3_600_000);
    const id = await submit(notification({ notificationId: 'late-61', child: { birthDateTime: born.toISOString().replace('Z', '+00:00') } }));
    const birth = await settled(id);
    expect(birth.status).toBe('AWAITING_APPROVAL');
    expect(birth.checks.map((c) => c.code)).toEqual(['LATE_REGISTRATION']);
  });

  it('rejects at once a father who is not in the registry: the registrar sees the check, the hospital the field to correct', async () => {
    const id = await submit(notification({ notificationId: 'ghost-father', father: { nik: '3510160101900099' }, child: { birthDateTime: '2026-11-01T10:00:00+07:00' } }));
    const birth = await waitFor(() => getBirth(id), (b) => b.status === 'REJECTED');
    expect(birth.checks.map((c) => c.code)).toEqual(['FATHER_NOT_FOUND']);
    expect(birth.rejection).toMatchObject({ source: 'REGISTRY_CHECKS', codes: ['FATHER_NOT_FOUND'] });
    expect(birth.checks[0]?.message.id).toMatch(/ayah/);
    const seenByHospital = await getBirth(id, hospital);
    expect(seenByHospital.checks).toEqual([]);
    // The one standard wording, in the caller's language (English without Accept-Language: api/messages.ts REGISTRY_MISMATCH).
    expect(seenByHospital.rejection).toEqual({ source: 'REGISTRY_CHECKS', reason: expect.stringMatching(/does not match the population registry/), fields: ['father.nik'] });
  });

  it('rejects a mother whose family is registered in another regency (Jember)', async () => {
    const id = await submit(
      notification({
        notificationId: 'jember',
        mother: { nik: '3509014111940003' },
        father: { nik: '3509012004890004' },
        familyCardNumber: '3509012008180005',
      }),
    );
    const birth = await waitFor(() => getBirth(id), (b) => b.status === 'REJECTED');
    expect(birth.checks.map((c) => c.code)).toEqual(['OUT_OF_JURISDICTION']);
    // Where a family lives is the registry's: the hospital is told which field to check.
    expect((await getBirth(id, hospital)).rejection).toMatchObject({ source: 'REGISTRY_CHECKS', fields: ['familyCardNumber'] });
  });

  it('tells the registrar there is no marriage record (mother-only akta)', async () => {
    const body = notification({ notificationId: 'no-marriage', child: { birthDateTime: '2026-10-20T09:00:00+07:00' } });
    delete body['marriageCertificateNumber'];
    delete body['father'];
    const birth = await settled(await submit(body));
    expect(birth.checks).toEqual([expect.objectContaining({ code: 'NO_MARRIAGE_RECORD', severity: 'INFO' })]);
  });

  it('refuses impossible input at intake: a future birth, order above count, unsurvivable weight', async () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const response = await call<{ issues: { path: string }[] }>('POST', '/v1/births', {
      token: hospital,
      body: notification({ notificationId: 'impossible', child: { birthDateTime: future, multipleBirth: { count: 2, order: 3 }, weightGrams: 8000 } }),
    });
    expect(response.status).toBe(400);
    expect(response.body.issues.map((i) => i.path).sort()).toEqual(['child.birthDateTime', 'child.multipleBirth.order', 'child.weightGrams']);
  });
});
