import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';
import { DEMO, notification } from '../support/fixtures.js';
import { expireToken, launch, newPage, shoot, signIn } from './browser-support.js';

/**
 * A working day at the console (issue 16), in Chromium against the local stack: sessions that
 * expire mid-form, every word in Indonesian, a queue of more than a page, the clinic's outbox.
 */
let stack: LocalStack;
let browser: Browser;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startTestStack();
  call = apiClient(stack.url);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** A pending case sent straight to the API, waited for until a registrar can decide it. */
async function pendingCase(notificationId: string, child: Record<string, unknown> = {}): Promise<string> {
  const sent = await call<{ registrationId: string }>('POST', '/v1/births', {
    token: await stack.issuer.signHospitalToken('rsud-blambangan'),
    body: notification({ notificationId, child }),
  });
  const id = sent.body.registrationId;
  const token = await stack.issuer.signRegistrarToken('registrar.demo');
  await waitFor(() => call('GET', `/v1/births/${id}`, { token }), (r) => r.body['status'] === 'AWAITING_APPROVAL');
  return id;
}

async function fillBirth(page: Page, values: { notificationId: string; name: string }): Promise<void> {
  await page.fill('#f-notificationId', values.notificationId);
  await page.fill('#f-child-name', values.name);
  await page.check('#f-child-sex-FEMALE');
  await page.fill('#f-child-birthDateTime', '2026-11-20T06:40');
  await page.fill('#f-child-birthOrder', '1');
  await page.check('#f-multiple-no');
  await page.fill('#f-child-weightGrams', '3050');
  await page.fill('#f-child-lengthCm', '48.5');
  await page.fill('#f-mother-nik', DEMO.banyuwangi.motherNik);
  await page.fill('#f-familyCardNumber', DEMO.banyuwangi.familyCardNumber);
  await page.check('#f-attendant-type-MIDWIFE');
  await page.fill('#f-attendant-name', 'Bidan Sri Wahyuni');
  await page.fill('#f-contactPhone', '081234567890');
}

describe('expired sessions (issue 16 item 4)', () => {
  it('a clinic whose token expires mid-form is asked to sign in again and comes back to its form, every field kept', async () => {
    const page = await newPage(browser);
    await signIn(stack, page, /RSUD Blambangan/);
    await page.getByRole('heading', { name: 'Laporkan kelahiran' }).waitFor();
    await fillBirth(page, { notificationId: 'WEB-EXPIRE-1', name: 'Dewi Anggraini' });
    await expireToken(page, await stack.issuer.signHospitalToken('rsud-blambangan', { expiresInSeconds: -60 }));
    await page.getByRole('button', { name: 'Kirim pemberitahuan' }).click();

    await page.getByText('Sesi berakhir, silakan masuk lagi').waitFor();
    expect(page.url()).toContain('#/masuk');
    await shoot(page, '20-session-expired');
    await page.getByRole('button', { name: /RSUD Blambangan/ }).click();
    await page.getByRole('heading', { name: 'Laporkan kelahiran' }).waitFor();
    await expect.poll(() => page.inputValue('#f-child-name')).toBe('Dewi Anggraini');
    expect(await page.inputValue('#f-mother-nik')).toBe(DEMO.banyuwangi.motherNik);
    expect(await page.isChecked('#f-child-sex-FEMALE')).toBe(true);
    await page.getByRole('button', { name: 'Kirim pemberitahuan' }).click();
    await page.getByRole('heading', { name: 'Pemberitahuan terkirim' }).waitFor();
    await page.context().close();
  });

  it('a registrar whose token expires while rejecting comes back to the same case with the reason and the note kept', async () => {
    const id = await pendingCase('WEB-EXPIRE-2', { name: 'Raka Pratama', birthDateTime: '2026-11-22T09:00:00+07:00' });
    const page = await newPage(browser);
    await signIn(stack, page, /petugas registrasi/);
    await page.getByRole('heading', { name: 'Antrean persetujuan' }).waitFor();
    await page.goto(`${stack.url}/console/#/kasus/${id}`);
    await page.getByLabel('Alasan penolakan').selectOption('DOCUMENTS_MISSING');
    await page.getByLabel('Keterangan').fill('Surat keterangan lahir belum dilampirkan');
    await expireToken(page, await stack.issuer.signRegistrarToken('registrar.demo', { expiresInSeconds: -60 }));
    await page.getByRole('button', { name: 'Tolak' }).click();

    await page.getByText('Sesi berakhir, silakan masuk lagi').waitFor();
    await page.getByRole('button', { name: /petugas registrasi/ }).click();
    await page.getByLabel('Keterangan').waitFor();
    expect(page.url()).toContain(`#/kasus/${id}`);
    await expect.poll(() => page.inputValue('#reject-detail')).toBe('Surat keterangan lahir belum dilampirkan');
    expect(await page.inputValue('#reject-reason')).toBe('DOCUMENTS_MISSING');
    await page.context().close();
  });
});
