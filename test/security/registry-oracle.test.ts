import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import type { Birth } from '../support/birth.js';
import { DEMO, notification } from '../support/fixtures.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';
import { recentBirth } from '../support/dates.js';

/**
 * The registry checks must not answer questions a hospital should not ask. As the attack did: a
 * hospital probes with a made-up mother NIK, a man's NIK as the mother, and a woman of another family;
 * from the codes it would learn whether a NIK exists, its sex and whether it is on a KK. And a second
 * notification of the same mother a few days apart would tell it, by POSSIBLE_DUPLICATE, that another
 * birth is registered (bisecting the dates gives its day). The hospital must see the same answer for
 * every probe (the field to check), the registrar the codes.
 */
let stack: LocalStack;
let call: ReturnType<typeof apiClient>;
let hospital: string;
let otherHospital: string;
let registrar: string;

beforeAll(async () => {
  stack = await startTestStack();
  call = apiClient(stack.url);
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  otherHospital = await stack.issuer.signHospitalToken('rs-al-huda');
  registrar = await stack.issuer.signRegistrarToken('registrar.test');
});

afterAll(async () => {
  await stack?.stop();
});

const getBirth = async (id: string, token: string) => (await call<Birth>('GET', `/v1/births/${id}`, { token })).body;

async function submit(token: string, body: Record<string, unknown>): Promise<string> {
  const response = await call<{ registrationId: string }>('POST', '/v1/births', { token, body });
  expect(response.status).toBe(202);
  return response.body.registrationId;
}

it('answers a hospital the same for a made-up NIK, a man as the mother and a woman of another family', async () => {
  const probes = {
    unknown: '3510165203950099',
    male: DEMO.banyuwangi.fatherNik, // without a father: his NIK as both parents' is refused at intake
    otherFamily: DEMO.genteng.motherNik,
  };
  const ids = Object.fromEntries(
    await Promise.all(
      Object.entries(probes).map(async ([probe, nik]) => [probe, await submit(hospital, notification({ notificationId: `oracle-${probe}`, mother: { nik }, father: undefined }))] as const),
    ),
  ) as Record<keyof typeof probes, string>;

  const seen = await Promise.all(Object.values(ids).map((id) => waitFor(() => getBirth(id, hospital), (b) => b.status === 'REJECTED')));
  const answers = seen.map((b) => JSON.stringify({ checks: b.checks, rejection: b.rejection }));
  expect(new Set(answers).size).toBe(1);
  expect(seen[0]!.checks).toEqual([]);
  expect(seen[0]!.rejection).toEqual({ source: 'REGISTRY_CHECKS', reason: expect.any(String), fields: ['mother.nik'] });

  const list = await call<{ items: { registrationId: string; rejection?: unknown }[] }>('GET', '/v1/births', { token: hospital });
  const listed = list.body.items.filter((i) => Object.values(ids).includes(i.registrationId)).map((i) => JSON.stringify(i.rejection));
  expect(listed).toHaveLength(3);
  expect(new Set(listed).size).toBe(1);

  // The registrar sees what the registry said.
  const codes = await Promise.all(Object.values(ids).map(async (id) => (await getBirth(id, registrar)).checks.map((c) => c.code)));
  expect(codes).toEqual([['MOTHER_NOT_FOUND'], ['MOTHER_NOT_FEMALE'], ['MOTHER_NOT_IN_FAMILY']]);
});

it('never shows a hospital that another birth of the same mother is registered', async () => {
  // Another hospital's birth of this mother, then this hospital's notification three days later.
  const first = await submit(otherHospital, notification({ notificationId: 'oracle-first', mother: { nik: DEMO.rogojampi.motherNik }, familyCardNumber: DEMO.rogojampi.familyCardNumber, father: { nik: DEMO.rogojampi.fatherNik }, child: { birthDateTime: recentBirth({ daysAgo: 21, at: '09:00' }) } }));
  await waitFor(() => getBirth(first, registrar), (b) => b.status === 'AWAITING_APPROVAL');
  const probe = await submit(hospital, notification({ notificationId: 'oracle-probe', mother: { nik: DEMO.rogojampi.motherNik }, familyCardNumber: DEMO.rogojampi.familyCardNumber, father: { nik: DEMO.rogojampi.fatherNik }, child: { birthDateTime: recentBirth({ daysAgo: 18, at: '09:00' }) } }));
  await waitFor(() => getBirth(probe, registrar), (b) => b.status === 'AWAITING_APPROVAL');

  expect((await getBirth(probe, registrar)).checks.map((c) => c.code)).toContain('POSSIBLE_DUPLICATE');
  const seenByHospital = await getBirth(probe, hospital);
  expect(seenByHospital.checks.map((c) => c.code)).not.toContain('POSSIBLE_DUPLICATE');
  expect(JSON.stringify(seenByHospital)).not.toContain(first);
});
