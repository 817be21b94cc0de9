import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../documents/indonesian.js';
import type { LocalStack } from '../../local/stack.js';
import { pdfText } from '../documents/pdf-inspect.js';
import { notification } from '../support/fixtures.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';
import { dateDaysAgo, recentBirth } from '../support/dates.js';

/**
 * One birth date everywhere (black box, through the local stack's HTTP API): whatever offset the
 * hospital writes, the civil date is the date in the regency's zone (Banyuwangi: WIB, UTC+7) of the
 * instant given. The NIK's DDMMYY, the akta's printed date of birth, the KIA's printed date of birth
 * and the KIA's validity (the day before the 5th birthday) must all agree on it.
 */
// Day D is 11 days ago (the day after, 10): recent, so no case is a late registration on any day.
const CASES = [
  // SATUSEHAT sends UTC: 20:00Z is 03:00 WIB on the next day.
  { birthDateTime: recentBirth({ daysAgo: 11, at: '20:00', offset: 'Z' }), civil: dateDaysAgo(10), time: '03.00 WIB' },
  { birthDateTime: recentBirth({ daysAgo: 11, at: '16:59', offset: 'Z' }), civil: dateDaysAgo(11), time: '23.59 WIB' },
  { birthDateTime: recentBirth({ daysAgo: 11, at: '23:30' }), civil: dateDaysAgo(11), time: '23.30 WIB' },
  { birthDateTime: recentBirth({ daysAgo: 10, at: '00:10' }), civil: dateDaysAgo(10), time: '00.10 WIB' },
  // A WITA or WIT clock past midnight is still the evening before in Banyuwangi.
  { birthDateTime: recentBirth({ daysAgo: 10, at: '00:30', offset: '+08:00' }), civil: dateDaysAgo(11), time: '23.30 WIB' },
  { birthDateTime: recentBirth({ daysAgo: 10, at: '01:30', offset: '+09:00' }), civil: dateDaysAgo(11), time: '23.30 WIB' },
] as const;

let stack: LocalStack;
let hospital: string;
let registrar: string;
let call: ReturnType<typeof apiClient>;

type Json = Record<string, any>;

async function pdf(path: string, token: string): Promise<string> {
  const response = await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await pdfText(new Uint8Array(await response.arrayBuffer()))).replace(/\s+/g, ' ');
}

beforeAll(async () => {
  stack = await startTestStack();
  call = apiClient(stack.url);
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  registrar = await stack.issuer.signRegistrarToken('registrar.birth-date');
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('the civil date of a birth', () => {
  it.each(CASES)('$birthDateTime is born on $civil in the NIK, the akta and the KIA', async ({ birthDateTime, civil, time }) => {
    const created = await call<Json>('POST', '/v1/births', {
      token: hospital,
      body: notification({ notificationId: `BIRTH-DATE-${birthDateTime.replace(/[^0-9]/g, '')}`, child: { birthDateTime } }),
    });
    expect(created.status).toBe(202);
    const { registrationId } = created.body as { registrationId: string };
    await waitFor(() => call<Json>('GET', `/v1/births/${registrationId}`, { token: registrar }), (r) => r.body['status'] === 'AWAITING_APPROVAL');
    expect((await call('POST', `/v1/approvals/${registrationId}`, { token: registrar, body: { decision: 'APPROVE' } })).status).toBe(200);
    const completed = await waitFor(
      () => call<Json>('GET', `/v1/births/${registrationId}`, { token: registrar }),
      (r) => r.body['status'] === 'COMPLETED',
    );
    const issued = completed.body['issued'] as Json;

    const [year, month, day] = civil.split('-');
    // A boy: the NIK's day is the day itself (a girl's would be +40).
    expect((issued['nik'] as string).slice(6, 12)).toBe(`${day}${month}${year!.slice(2)}`);
    const validThrough = new Date(Date.UTC(Number(year) + 5, Number(month) - 1, Number(day) - 1)).toISOString().slice(0, 10);
    expect(issued['childIdCardValidThrough']).toBe(validThrough);

    const akta = await pdf(`/v1/births/${registrationId}/documents/BIRTH_CERTIFICATE`, registrar);
    expect(akta).toContain(`${formatDate(civil)}, pukul ${time}`);
    const kia = await pdf(`/v1/births/${registrationId}/documents/CHILD_ID_CARD`, registrar);
    expect(kia).toContain(`, ${formatDate(civil)}`);
    expect(kia).toContain(formatDate(validThrough));
  });
});
