import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';
import { notification } from '../support/fixtures.js';
import { DESKTOP, launch, newPage as openPage, PHONE, shoot, signIn as signInAs } from './browser-support.js';
import { civilDate, indonesianDate, recentBirth } from '../support/dates.js';

/** The birth the hospital form reports: 11 days ago, 06:40 WIB (the form's field takes WIB local time). */
const formBirth = recentBirth({ daysAgo: 11, at: '06:40' });

/**
 * The web console in a real browser (Debian's Chromium driven by playwright-core) against the local
 * stack: a clinic submits a birth in the form, a registrar approves it, the parents download the
 * bundle on a phone and the QR's page says the document is genuine; a rejected case shows its reason
 * to the clinic; the registrar finds a case by its akta number, reads its history and the dashboard
 * (in Indonesian, then English). Every page is photographed at desktop and phone size into test/browser/screenshots/.
 */
let stack: LocalStack;
let browser: Browser;
let call: ReturnType<typeof apiClient>;
const shared: { registrationId?: string; accessCode?: string } = {};

beforeAll(async () => {
  stack = await startTestStack();
  call = apiClient(stack.url);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const newPage = (viewport = DESKTOP) => openPage(browser, viewport);
const signIn = (page: Page, button: RegExp) => signInAs(stack, page, button, '01-sign-in');

describe('web console', () => {
  it('a clinic submits a birth in the form, with the API’s messages at the fields it got wrong', async () => {
    const page = await newPage();
    await signIn(page, /RSUD Blambangan/);
    await page.getByRole('heading', { name: 'Laporkan kelahiran' }).waitFor();
    await page.fill('#f-notificationId', 'WEB-FORM-1');
    await page.fill('#f-child-name', 'Ayu Lestari');
    await page.check('#f-child-sex-FEMALE');
    await page.fill('#f-child-birthDateTime', formBirth.slice(0, 16));
    await page.fill('#f-child-birthPlace', 'Banyuwangi');
    await page.fill('#f-child-birthOrder', '2');
    await page.check('#f-multiple-no');
    await page.fill('#f-child-weightGrams', '99999');
    await page.fill('#f-child-lengthCm', '48.5');
    await page.fill('#f-mother-nik', '3510165203950001');
    // 16 digits (the browser's check passes) but day 99: the API's NIK check refuses it.
    await page.fill('#f-father-nik', '3510169907920001');
    await page.fill('#f-familyCardNumber', '3510160101200001');
    await page.check('#f-attendant-type-MIDWIFE');
    await page.fill('#f-attendant-name', 'Bidan Sri Wahyuni');
    await page.fill('#f-contactPhone', '081234567890');
    await page.getByRole('button', { name: 'Kirim pemberitahuan' }).click();

    // Checked in the browser first: the summary lists the error, links to its field and has the focus.
    const summary = page.locator('#error-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('Berat (gram): Di atas 7000 gram tidak wajar; periksa lagi.');
    expect(await page.evaluate('document.activeElement?.id')).toBe('error-summary');
    expect(await page.getAttribute('#f-child-weightGrams', 'aria-invalid')).toBe('true');
    await shoot(page, '02-hospital-form-errors');
    await summary.getByRole('link', { name: /Berat/ }).click();
    expect(await page.evaluate('document.activeElement?.id')).toBe('f-child-weightGrams');

    // The API's issue (today an English message, soon a code) lands at its field in Indonesian.
    await page.fill('#f-child-weightGrams', '3050');
    await page.getByRole('button', { name: 'Kirim pemberitahuan' }).click();
    await expect.poll(() => page.textContent('#f-father-nik-error')).toBe('NIK tidak valid: bagian tanggal lahirnya (DDMMYY, +40 untuk perempuan) tidak mungkin.');
    expect(await page.locator('#error-summary li').count()).toBe(1);
    await shoot(page, '02b-hospital-form-api-errors');

    await page.fill('#f-father-nik', '3510161407920001');
    await page.getByRole('button', { name: 'Kirim pemberitahuan' }).click();
    const panel = page.locator('#sent-panel');
    await panel.getByRole('heading', { name: 'Pemberitahuan terkirim' }).waitFor();
    expect(await page.evaluate('document.activeElement?.id')).toBe('sent-panel');
    shared.accessCode = (await panel.locator('code[data-access-code]').textContent())!;
    expect(shared.accessCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    const item = page.locator('.submissions li', { hasText: 'WEB-FORM-1' });
    await item.waitFor();
    shared.registrationId = (await item.getAttribute('data-registration-id'))!;
    expect(await item.textContent()).toContain(shared.accessCode);
    await shoot(page, '03-hospital-list');

    await item.getByRole('link', { name: 'Cetak slip' }).click();
    await page.locator('.slip .qr svg').waitFor();
    const slip = (await page.textContent('.slip'))!;
    expect(slip).toContain(shared.accessCode);
    expect(slip).toContain('Ayu Lestari');
    expect(slip).toContain(indonesianDate(civilDate(formBirth)));
    expect(slip).toContain('RSUD Blambangan');
    // The code on one line: its box is one line high.
    const code = await page.locator('.slip code.big').boundingBox();
    expect(code!.height).toBeLessThan(40);
    await shoot(page, '04-parents-slip');
    await page.context().close();
  });

  it('a registrar signs in, sees the case in the queue, opens it with its checks and draft documents, and approves', async () => {
    const { registrationId } = shared;
    expect(registrationId).toBeTruthy();
    const registrarToken = await stack.issuer.signRegistrarToken('registrar.demo');
    await waitFor(() => call('GET', `/v1/births/${registrationId}`, { token: registrarToken }), (r) => r.body['status'] === 'AWAITING_APPROVAL');

    const page = await newPage();
    await signIn(page, /petugas registrasi/);
    const row = page.locator('table.queue tr', { hasText: 'Ayu Lestari' });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/\d+ j \d+ mnt/);
    await shoot(page, '05-registrar-queue');

    await row.getByRole('link', { name: 'Ayu Lestari' }).click();
    await page.getByRole('heading', { name: 'Pemeriksaan registri' }).waitFor();
    // No marriage record was given: the registry check says the akta names the mother only.
    await page.locator('.checks li[data-code="NO_MARRIAGE_RECORD"]', { hasText: 'Informasi · Tanpa akta nikah' }).waitFor();
    const frame = page.locator('iframe.pdf[data-state="loaded"]');
    await frame.waitFor();
    expect(await frame.getAttribute('data-type')).toBe('application/pdf');
    expect(Number(await frame.getAttribute('data-bytes'))).toBeGreaterThan(10_000);
    await shoot(page, '06-registrar-case');

    await page.getByRole('button', { name: 'Setujui' }).click();
    await page.getByRole('button', { name: 'Ya, setujui dan terbitkan' }).click();
    await page.locator('#next-case').waitFor();
    // The case again: issuing, then completed with its documents.
    await page.reload();
    await page.locator('[data-status="COMPLETED"]').waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Periksa keaslian' }).first().waitFor();
    await shoot(page, '07-registrar-case-completed');
    await page.context().close();
  });

  it('the parents open the link on a phone, download the bundle, and the QR’s page says the document is genuine', async () => {
    const { registrationId, accessCode } = shared;
    const page = await newPage(PHONE);
    // One API request shows the documents (issue 16 item 7: round trips cost 400 ms on a phone): the
    // parents' view carries them, so the page never asks for the list, and the code is used once.
    const apiRequests: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/v1/')) apiRequests.push(path);
    });
    await page.goto(`${stack.url}/console/#/ortu?id=${registrationId}`);
    await page.fill('#p-code', accessCode!);
    await page.getByRole('button', { name: 'Lihat status' }).click();
    await page.getByText('Selesai. Akta kelahiran, KK dan KIA sudah terbit.').waitFor();
    await page.locator('#parents-result .documents li').first().waitFor();
    expect(apiRequests).toEqual([`/v1/births/${registrationId}`]);
    await shoot(page, '08-parents-documents');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Unduh semua dokumen/ }).click()]);
    expect(download.suggestedFilename()).toBe(`dokumen-${registrationId}.pdf`);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

    await page.getByRole('link', { name: 'Periksa keaslian' }).first().click();
    await page.getByText('Dokumen ASLI').waitFor();
    expect(page.url()).toContain('/v1/verify/');
    await shoot(page, '09-verification');
    // Back from the verification page: the code and the documents are still there.
    await page.goBack();
    await page.getByText('Selesai. Akta kelahiran, KK dan KIA sudah terbit.').waitFor();
    expect(await page.inputValue('#p-code')).toBe(accessCode);

    // English on request.
    await page.goto(`${stack.url}/console/#/ortu`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: "Your child's documents" }).waitFor();
    await page.context().close();
  });

  it('a registrar finds the case by its akta number, opens its history, reads the dashboard, and switches to English', async () => {
    const { registrationId } = shared;
    const registrarToken = await stack.issuer.signRegistrarToken('registrar.demo');
    const birth = await call<{ issued: { birthCertificateNumber: string } }>('GET', `/v1/births/${registrationId}`, { token: registrarToken });
    const akta = birth.body.issued.birthCertificateNumber;

    const page = await newPage();
    await signIn(page, /petugas registrasi/);
    await page.getByRole('heading', { name: 'Antrean persetujuan' }).waitFor();
    await page.getByLabel('Nomor pendaftaran, NIK anak atau ibu, atau nomor akta').fill(akta);
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    const result = page.locator(`table.search-results tr[data-registration-id="${registrationId}"]`);
    await result.waitFor();
    expect(await result.textContent()).toContain('Nomor akta');
    await shoot(page, '12-registrar-search');

    await result.getByRole('link', { name: 'Ayu Lestari' }).click();
    await page.getByRole('link', { name: 'Riwayat lengkap dan jejak audit' }).click();
    await page.getByRole('heading', { name: `Riwayat kasus ${registrationId}` }).waitFor();
    const history = page.locator('table.history tbody');
    await history.locator('tr', { hasText: 'Pemberitahuan kelahiran dikirim' }).waitFor();
    const decision = history.locator('tr', { hasText: 'Keputusan petugas dicatat' });
    expect(await decision.textContent()).toContain('registrar.demo');
    expect(await history.locator('tr').first().textContent()).toContain('Pemberitahuan diterima');
    await shoot(page, '13-registrar-history');

    await page.getByRole('link', { name: 'Dasbor' }).click();
    await page.getByRole('heading', { name: 'Kelahiran tercatat per hari' }).waitFor();
    // The main region has the focus after navigating, without a ring around the whole page.
    expect(await page.evaluate('document.activeElement?.id')).toBe('main');
    expect(await page.evaluate("getComputedStyle(document.getElementById('main')).outlineStyle")).toBe('none');
    // Four charts, each an image with a name, and each with its numbers as a table.
    const charts = page.locator('svg.chart[role="img"]');
    await expect.poll(() => charts.count()).toBe(4);
    expect(await page.locator('svg.chart rect.bar').count()).toBeGreaterThanOrEqual(30);
    expect(await page.locator('details.data table').count()).toBe(3);
    expect(await page.locator('[data-figure="median"]').textContent()).toMatch(/menit/);
    await shoot(page, '14-registrar-dashboard');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Births registered per day' }).waitFor();
    await page.getByRole('heading', { name: 'Waiting for a decision, by waiting time' }).waitFor();
    await shoot(page, '15-registrar-dashboard-en');
    await page.getByRole('link', { name: 'Search' }).click();
    await page.getByRole('heading', { name: 'Find a registration' }).waitFor();
    await page.context().close();
  });

  it('a registrar rejects a case with a reason from the list and a note; the clinic sees the reason', async () => {
    const hospitalToken = await stack.issuer.signHospitalToken('rsud-blambangan');
    const registrarToken = await stack.issuer.signRegistrarToken('registrar.demo');
    const sent = await call<{ registrationId: string; accessCode: string }>('POST', '/v1/births', {
      token: hospitalToken,
      body: notification({ notificationId: 'WEB-REJECT-1', child: { name: 'Bima Saputra', birthDateTime: recentBirth({ daysAgo: 10 }) } }),
    });
    const id = sent.body.registrationId;
    await waitFor(() => call('GET', `/v1/births/${id}`, { token: registrarToken }), (r) => r.body['status'] === 'AWAITING_APPROVAL');

    const registrar = await newPage();
    await signIn(registrar, /petugas registrasi/);
    // Let the queue finish rendering first, so it cannot land over the case page.
    await registrar.getByRole('heading', { name: 'Antrean persetujuan' }).waitFor();
    await registrar.goto(`${stack.url}/console/#/kasus/${id}`);
    await registrar.getByLabel('Alasan penolakan').selectOption('DUPLICATE');
    await registrar.getByLabel('Keterangan').fill('Sudah terdaftar di Disdukcapil Jember');
    await shoot(registrar, '10-registrar-reject');
    await registrar.getByRole('button', { name: 'Tolak' }).click();
    await registrar.locator('#next-case').waitFor();
    await registrar.reload();
    await registrar.locator('[data-status="REJECTED"]').waitFor({ timeout: 30_000 });
    await registrar.context().close();

    const clinic = await newPage();
    await signIn(clinic, /RSUD Blambangan/);
    const item = clinic.locator(`.submissions li[data-registration-id="${id}"]`);
    await item.waitFor();
    await expect.poll(async () => item.locator('.reason').textContent(), { timeout: 20_000 }).toBe(
      'Alasan: Kelahiran sudah didaftarkan: Sudah terdaftar di Disdukcapil Jember',
    );
    await shoot(clinic, '11-hospital-rejected');
    await clinic.context().close();

    // The parents of a case that is not COMPLETED: its status and reason, no documents and no error.
    const parents = await newPage(PHONE);
    await parents.goto(`${stack.url}/console/#/ortu?id=${id}`);
    await parents.fill('#p-code', sent.body.accessCode);
    await parents.getByRole('button', { name: 'Lihat status' }).click();
    await parents.locator('#parents-result [data-status="REJECTED"]').waitFor();
    expect(await parents.locator('#parents-result .documents, #parents-result [role="alert"]').count()).toBe(0);
    expect(await parents.getByRole('button', { name: /Unduh semua dokumen/ }).count()).toBe(0);
    await parents.context().close();
  });
});
