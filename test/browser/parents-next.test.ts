import { SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OFFICE_CONTACT } from '../../api/console-config.js';
import type { LocalStack } from '../../local/stack.js';
import { DEMO, notification } from '../support/fixtures.js';
import { recentBirth } from '../support/dates.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';
import { launch, newPage, PHONE, shoot } from './browser-support.js';

/**
 * Issue 16 item 6, in Chromium on a phone: for every end state a parent can meet, what happens now and
 * what to do in plain Indonesian, and the office's contact (the local stack's config.json, from
 * cdk.json's `officeContact`) where the next step is the office. Screenshots `parents-next-*`.
 */
type Json = Record<string, any>;
let stack: LocalStack;
let browser: Browser;
let call: ReturnType<typeof apiClient>;
let hospital: string;
let registrar: string;
let head: string;
let counter = 0;

beforeAll(async () => {
  stack = await startTestStack();
  call = apiClient(stack.url);
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  registrar = await stack.issuer.signRegistrarToken('registrar.demo');
  head = await stack.issuer.signHeadOfOfficeToken('kepala.dinas.demo');
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const viewOf = (id: string) => call<Json>('GET', `/v1/births/${id}`, { token: registrar });

/** A birth sent straight to the API; `until` the status it is waited for. */
async function sent(overrides: Record<string, unknown>, until: string): Promise<{ registrationId: string; accessCode: string }> {
  counter += 1;
  const answer = await call<{ registrationId: string; accessCode: string }>('POST', '/v1/births', {
    token: hospital,
    body: notification({ notificationId: `WEB-NEXT-${counter}`, ...overrides }),
  });
  expect(answer.status).toBe(202);
  await waitFor(() => viewOf(answer.body.registrationId), (r) => r.body['status'] === until);
  return answer.body;
}

/** The parents' page on a phone, opened with the slip's link and the access code. */
async function parentsSee(registrationId: string, accessCode: string): Promise<Page> {
  const page = await newPage(browser, PHONE);
  await page.goto(`${stack.url}/console/#/ortu?id=${registrationId}`);
  await page.fill('#p-code', accessCode);
  await page.getByRole('button', { name: 'Lihat status' }).click();
  await page.getByRole('heading', { name: 'Apa yang terjadi sekarang' }).waitFor();
  return page;
}

/** The office's contact as config.json gives it: name, a tel: link, WhatsApp, e-mail and the hours. */
async function expectContact(page: Page): Promise<void> {
  const panel = page.locator('.next-steps');
  await panel.getByText(DEMO_OFFICE_CONTACT.name).waitFor();
  expect(await panel.getByRole('link', { name: DEMO_OFFICE_CONTACT.phone }).getAttribute('href')).toBe('tel:+62333000000');
  expect(await panel.getByRole('link', { name: DEMO_OFFICE_CONTACT.whatsApp! }).getAttribute('href')).toBe('https://wa.me/6281200000000');
  expect(await panel.getByRole('link', { name: DEMO_OFFICE_CONTACT.email }).getAttribute('href')).toBe(`mailto:${DEMO_OFFICE_CONTACT.email}`);
  await panel.getByText(DEMO_OFFICE_CONTACT.hours.id).waitFor();
  await panel.getByText(DEMO_OFFICE_CONTACT.address).waitFor();
}

describe("the parents' next steps and the office's contact (issue 16 item 6)", () => {
  it('REJECTED for missing documents: the reason in words, what to bring to the office, and the contact', async () => {
    const { registrationId, accessCode } = await sent({ child: { name: 'Nadia Putri', birthDateTime: recentBirth({ daysAgo: 10, at: '07:00' }) } }, 'AWAITING_APPROVAL');
    const decided = await call('POST', `/v1/approvals/${registrationId}`, { token: registrar, body: { decision: 'REJECT', reason: 'Surat keterangan lahir belum ada', reasonCode: 'DOCUMENTS_MISSING' } });
    expect(decided.status).toBe(200);
    await waitFor(() => viewOf(registrationId), (r) => r.body['status'] === 'REJECTED');

    const page = await parentsSee(registrationId, accessCode);
    await page.getByText('Pendaftaran ditolak.').waitFor();
    await page.getByText('Alasan: Dokumen pendukung kurang').waitFor();
    await page.getByText(/Dokumen pendukung belum lengkap\. Rumah sakit akan menghubungi Anda/).waitFor();
    await page.getByRole('heading', { name: 'Dokumen yang dibawa' }).waitFor();
    expect(await page.locator('.bring li').allTextContents()).toContain('KTP-el ayah dan ibu');
    await expectContact(page);
    // Never the registrar's own note, never a code.
    expect(await page.locator('#parents-result').textContent()).not.toMatch(/Surat keterangan lahir belum ada|DOCUMENTS_MISSING/);
    await shoot(page, 'parents-next-rejected');
    await page.context().close();
  });

  it('out of the regency (the registry rejects a family of Jember): go to your own regency’s Dukcapil, not this office', async () => {
    const { registrationId, accessCode } = await sent(
      { mother: { nik: '3509014111940003' }, father: { nik: '3509012004890004' }, familyCardNumber: '3509012008180005' },
      'REJECTED',
    );
    const page = await parentsSee(registrationId, accessCode);
    await page.getByText('Alasan: Di luar wilayah kabupaten').waitFor();
    await page.getByText(/datanglah ke Dinas Dukcapil kabupaten\/kota Anda sendiri/).waitFor();
    await page.getByRole('heading', { name: 'Dokumen yang dibawa' }).waitFor();
    // This office's contact would send them to the wrong desk; and not "the hospital will correct it".
    expect(await page.locator('.office-contact').count()).toBe(0);
    expect(await page.locator('#parents-result').textContent()).not.toMatch(/rumah sakit akan memperbaiki/i);
    await shoot(page, 'parents-next-out-of-area');
    await page.context().close();
  });

  it('FAILED (its execution stopped): the office handles it, nothing to send again, and the contact', async () => {
    const { registrationId, accessCode } = await sent({ child: { name: 'Bagas Saputra', sex: 'MALE', birthDateTime: recentBirth({ daysAgo: 9, at: '10:00' }) } }, 'AWAITING_APPROVAL');
    // As in test/integration/execution-end.test.ts: an execution that ends outside any Catch makes the registration FAILED.
    const sfn = new SFNClient({ endpoint: stack.stepFunctionsUrl, region: 'ap-southeast-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    await sfn.send(new StopExecutionCommand({ executionArn: `${stack.stateMachineArn.replace(':stateMachine:', ':execution:')}:${registrationId}`, error: 'OperatorStopped' }));
    sfn.destroy();
    await waitFor(() => viewOf(registrationId), (r) => r.body['status'] === 'FAILED');

    const page = await parentsSee(registrationId, accessCode);
    await page.getByText('Terjadi kendala. Hubungi Dukcapil.').waitFor();
    await page.getByText(/Ini bukan kesalahan Anda: petugas Dinas Dukcapil menanganinya/).waitFor();
    await expectContact(page);
    await shoot(page, 'parents-next-failed');

    // The same state in English: every word from the English table, the hours in English.
    await page.evaluate(() => localStorage.setItem('lang', 'en'));
    await page.reload();
    await page.getByRole('heading', { name: 'What happens now' }).waitFor();
    await page.getByText(/It is not your fault: Dukcapil staff are handling it/).waitFor();
    await page.getByText(DEMO_OFFICE_CONTACT.hours.en).waitFor();
    // The office's name and address stay Indonesian, and say so (lang="id") on the English page.
    expect(await page.locator('.office-name').getAttribute('lang')).toBe('id');
    await shoot(page, 'parents-next-failed-en');
    await page.context().close();
  });

  it('REVOKED: the documents are no longer valid, and the contact', async () => {
    const { registrationId, accessCode } = await sent(
      {
        mother: { nik: DEMO.rogojampi.motherNik },
        father: { nik: DEMO.rogojampi.fatherNik },
        familyCardNumber: DEMO.rogojampi.familyCardNumber,
        child: { name: 'Sekar Ayu', sex: 'FEMALE', birthDateTime: recentBirth({ daysAgo: 8, at: '08:15' }) },
      },
      'AWAITING_APPROVAL',
    );
    expect((await call('POST', `/v1/approvals/${registrationId}`, { token: registrar, body: { decision: 'APPROVE' } })).status).toBe(200);
    await waitFor(() => viewOf(registrationId), (r) => r.body['status'] === 'COMPLETED');
    const filed = await call<{ amendmentId: string }>('POST', `/v1/births/${registrationId}/amendments`, { token: registrar, body: { kind: 'REVOCATION', reason: 'NIK ganda: tercatat dua kali' } });
    expect(filed.status).toBe(202);
    // The head decides once the request waits for a decision (a decision before that is refused).
    await waitFor(() => call('POST', `/v1/amendments/${filed.body.amendmentId}`, { token: head, body: { decision: 'APPROVE' } }), (r) => r.status === 200);
    await waitFor(() => viewOf(registrationId), (r) => r.body['status'] === 'REVOKED');

    const page = await parentsSee(registrationId, accessCode);
    await page.getByText('Dibatalkan. Dokumen pendaftaran ini tidak berlaku lagi.').waitFor();
    await page.getByText(/tidak berlaku lagi: jangan dipakai/).waitFor();
    await expectContact(page);
    await shoot(page, 'parents-next-revoked');
    await page.context().close();
  });

  it('COMPLETED at six years old: the documents, what to do with them, and the KIA waiting for the child’s photo at the office', async () => {
    const { registrationId, accessCode } = await sent({ child: { name: 'Anak Enam Tahun', birthDateTime: '2020-06-10T09:00:00+07:00', birthOrder: 1 } }, 'AWAITING_APPROVAL');
    // A late registration: while it waits, the parents are told the head of office decides.
    const waiting = await parentsSee(registrationId, accessCode);
    await waiting.getByText(/yang memutuskan adalah Kepala Dinas Dukcapil/).waitFor();
    expect(await waiting.locator('.office-contact').count()).toBe(0);
    await shoot(waiting, 'parents-next-late-waiting');
    await waiting.context().close();

    expect((await call('POST', `/v1/approvals/${registrationId}`, { token: head, body: { decision: 'APPROVE' } })).status).toBe(200);
    await waitFor(() => viewOf(registrationId), (r) => r.body['status'] === 'COMPLETED');
    const page = await parentsSee(registrationId, accessCode);
    await page.getByRole('button', { name: 'Unduh semua dokumen (satu PDF)' }).waitFor();
    // Not "KIA issued": it waits for the photo.
    await page.getByText('Selesai. Akta kelahiran dan KK sudah terbit.').waitFor();
    await page.getByText(/Anda boleh mencetaknya sendiri di kertas A4 biasa/).waitFor();
    await page.getByRole('heading', { name: 'KIA (Kartu Identitas Anak)' }).waitFor();
    // The API's own note (childIdCardNote), and the step: come with the child for the photo.
    await page.locator('.kia-note', { hasText: /perlu foto anak/ }).waitFor();
    await page.getByText(/datang ke kantor Dinas Dukcapil bersama anak/).waitFor();
    await expectContact(page);
    await shoot(page, 'parents-next-completed-kia-photo');
    await page.context().close();
  });
});
