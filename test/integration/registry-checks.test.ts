import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { DEMO, notification } from '../support/fixtures.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';
import type { Birth } from '../support/birth.js';
import { civilDate, leapDayAtLeast, nikDateDigits, recentBirth, validThroughBeforeBirthday } from '../support/dates.js';

/** The registry checks as hospitals and registrars meet them, through the real workflow. */
let stack: LocalStack;
let call: ReturnType<typeof apiClient>;
let hospital: string;
let registrar: string;
let headOfOffice: string;


beforeAll(async () => {
  stack = await startTestStack();
  call = apiClient(stack.url);
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  registrar = await stack.issuer.signRegistrarToken('registrar.test');
  headOfOffice = await stack.issuer.signHeadOfOfficeToken('kepala.test');
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

/** Approves as a registrar; a late registration (`by: headOfOffice`) is the head of office's decision. */
async function approve(id: string, token = registrar): Promise<Birth> {
  expect((await call('POST', `/v1/approvals/${id}`, { token, body: { decision: 'APPROVE' } })).status).toBe(200);
  return waitFor(() => getBirth(id), (b) => b.status === 'COMPLETED');
}

describe('registry checks through the workflow', () => {
  it('registers twins as two births with consecutive serials and no duplicate flag', async () => {
    const born = [recentBirth({ daysAgo: 10, at: '04:01' }), recentBirth({ daysAgo: 10, at: '04:02' })] as const;
    const twin = (order: 1 | 2) =>
      notification({
        notificationId: `twin-${order}`,
        mother: { nik: DEMO.rogojampi.motherNik },
        father: { nik: DEMO.rogojampi.fatherNik },
        familyCardNumber: DEMO.rogojampi.familyCardNumber,
        child: { name: order === 1 ? 'Kembar Pertama' : 'Kembar Kedua', sex: 'MALE', birthDateTime: born[order - 1], birthOrder: order, multipleBirth: { count: 2, order } },
      });
    const ids = await Promise.all([submit(twin(1)), submit(twin(2))]);
    const pending = await Promise.all(ids.map(settled));
    for (const birth of pending) {
      expect(birth.status).toBe('AWAITING_APPROVAL');
      expect(birth.checks.map((c) => c.code)).not.toContain('POSSIBLE_DUPLICATE');
    }
    const done = await Promise.all(ids.map((id) => approve(id)));
    const serials = done.map((b) => b.issued?.nik ?? '').sort();
    expect(serials).toEqual([`351013${nikDateDigits(civilDate(born[0]), 'MALE')}0001`, `351013${nikDateDigits(civilDate(born[1]), 'MALE')}0002`]);
  });

  it('flags a second notification of the same birth as a possible duplicate for the registrar', async () => {
    const first = await submit(notification({ notificationId: 'dup-a', child: { birthDateTime: recentBirth({ daysAgo: 16, at: '09:00' }) } }));
    await settled(first);
    const second = await submit(notification({ notificationId: 'dup-b', child: { birthDateTime: recentBirth({ daysAgo: 16, at: '09:00' }) } }));
    const birth = await settled(second);
    expect(birth.status).toBe('AWAITING_APPROVAL');
    expect(birth.checks).toEqual([expect.objectContaining({ code: 'POSSIBLE_DUPLICATE', severity: 'WARNING' })]);
    const queue = await call<{ items: { registrationId: string; checks: { code: string }[] }[] }>('GET', '/v1/approvals', { token: registrar });
    expect(queue.body.items.find((i) => i.registrationId === second)?.checks.map((c) => c.code)).toEqual(['POSSIBLE_DUPLICATE']);
  });

  it('issues a NIK with 2902 for a boy born on 29 February, flagged late, KIA through 28 Feb of the common year', async () => {
    const leapDay = leapDayAtLeast(61); // late on any day, and under 5
    const id = await submit(
      notification({ notificationId: 'leap-boy', child: { name: 'Kabisat Putra', birthDateTime: `${leapDay}T12:00:00+07:00`, birthOrder: 1 } }),
    );
    const pending = await settled(id);
    expect(pending.checks.map((c) => c.code)).toEqual(['LATE_REGISTRATION']);
    const done = await approve(id, headOfOffice);
    expect(done.issued?.nik).toBe(`351016${nikDateDigits(leapDay, 'MALE')}0001`);
    expect(done.issued?.childIdCardValidThrough).toBe(validThroughBeforeBirthday(leapDay, 5));
    expect(done.issued?.childIdCardValidThrough).toMatch(/-02-28$/);
  });

  it('gives a girl born on 29 February day 69', async () => {
    const leapDay = leapDayAtLeast(61);
    const id = await submit(
      notification({ notificationId: 'leap-girl', child: { name: 'Febri Kabisat', sex: 'FEMALE', birthDateTime: `${leapDay}T12:00:00+07:00` } }),
    );
    await settled(id);
    expect((await approve(id, headOfOffice)).issued?.nik).toBe(`351016${nikDateDigits(leapDay, 'FEMALE')}0001`);
  });

  it('flags a notification 61 days after the birth as LATE_REGISTRATION for the registrar', async () => {
    const born = new Date(Date.now() - 61 * 86_400_000 - 3_600_000);
    const id = await submit(notification({ notificationId: 'late-61', child: { birthDateTime: born.toISOString().replace('Z', '+00:00') } }));
    const birth = await settled(id);
    expect(birth.status).toBe('AWAITING_APPROVAL');
    expect(birth.checks.map((c) => c.code)).toEqual(['LATE_REGISTRATION']);
  });

  it('sends a father who is not in the registry to the registrar as a WARNING (he may be registered elsewhere); the hospital sees nothing of it', async () => {
    const id = await submit(notification({ notificationId: 'ghost-father', father: { nik: '3510160101900099' }, child: { birthDateTime: recentBirth({ daysAgo: 30 }) } }));
    const birth = await settled(id);
    expect(birth.status).toBe('AWAITING_APPROVAL');
    expect(birth.checks.map((c) => [c.code, c.severity])).toEqual([['FATHER_NOT_FOUND', 'WARNING']]);
    expect(birth.checks[0]?.message.id).toMatch(/ayah/);
    const seenByHospital = await getBirth(id, hospital);
    expect(seenByHospital.checks).toEqual([]);
    expect(seenByHospital.rejection).toBeUndefined();
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
    const body = notification({ notificationId: 'no-marriage', child: { birthDateTime: recentBirth({ daysAgo: 42, at: '09:00' }) } });
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
