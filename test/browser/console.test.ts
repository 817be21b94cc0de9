import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';
import { notification } from '../support/fixtures.js';

/**
 * The web console in a real browser (Debian's Chromium driven by playwright-core) against the local
 * stack: a clinic submits a birth in the form, a registrar approves it, the parents download the
 * bundle on a phone and the QR's page says the document is genuine; a rejected case shows its reason
 * to the clinic; the registrar finds a case by its akta number, reads its history and the dashboard
 * (in Indonesian, then English). Every page is photographed at desktop and phone size into test/browser/screenshots/.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

let stack: LocalStack;
let browser: Browser;
let call: ReturnType<typeof apiClient>;
const shared: { registrationId?: string; accessCode?: string } = {};

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does), or set CHROMIUM_PATH`);
  }
  mkdirSync(SHOTS, { recursive: true });
  stack = await startTestStack();
  call = apiClient(stack.url);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function newPage(viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, acceptDownloads: true, locale: 'id-ID' });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

/** The page as it is now, at desktop and at phone size (full page), then back to the page's own size. */
async function shoot(page: Page, name: string): Promise<void> {
  const own = page.viewportSize() ?? DESKTOP;
  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${SHOTS}${name}-${size}.png`, fullPage: true });
  }
  await page.setViewportSize(own);
}

async function signIn(page: Page, button: RegExp): Promise<void> {
  await page.goto(`${stack.url}/console/#/masuk`);
  await shoot(page, '01-sign-in');
  await page.getByRole('button', { name: button }).click();
}

describe('web console', () => {
  it('a clinic submits a birth in the form, with the API’s messages at the fields it got wrong', async () => {
    const page = await newPage();
    await signIn(page, /RSUD Blambangan/);
    await page.getByRole('heading', { name: 'Laporkan kelahiran' }).waitFor();
    await page.fill('#f-notificationId', 'WEB-FORM-1');
    await page.fill('#f-child-name', 'Ayu Lestari');
    await page.selectOption('#f-child-sex', 'FEMALE');
    await page.fill('#f-child-birthDateTime', '2026-11-20T06:40');
    await page.fill('#f-child-birthPlace', 'Banyuwangi');
    await page.fill('#f-child-birthOrder', '2');
    await page.fill('#f-child-weightGrams', '99999');
    await page.fill('#f-child-lengthCm', '48.5');
    await page.fill('#f-mother-nik', '3510165203950001');
    await page.fill('#f-father-nik', '3510161407920001');
    await page.fill('#f-familyCardNumber', '3510160101200001');
    await page.selectOption('#f-attendant-type', 'MIDWIFE');
    await page.fill('#f-attendant-name', 'Bidan Sri Wahyuni');
    await page.fill('#f-contactPhone', '081234567890');
    await page.getByRole('button', { name: 'Kirim pemberitahuan' }).click();

    // The message under the field is the API's own, for the same field path.
    const api = await call<{ issues: { path: string; message: string }[] }>('POST', '/v1/births', {
      token: await stack.issuer.signHospitalToken('rsud-blambangan'),
      body: notification({ notificationId: 'WEB-CMP', child: { weightGrams: 99999 } }),
    });
    const apiMessage = api.body.issues.find((i) => i.path === 'child.weightGrams')!.message;
    await expect.poll(() => page.textContent('#f-child-weightGrams-error')).toBe(apiMessage);
    expect(await page.getAttribute('#f-child-weightGrams', 'aria-invalid')).toBe('true');
    await shoot(page, '02-hospital-form-errors');

    await page.fill('#f-child-weightGrams', '3050');
    await page.getByRole('button', { name: 'Kirim pemberitahuan' }).click();
    await page.getByText(/Kode akses orang tua: [A-Z0-9-]+/).waitFor();
    const sent = (await page.textContent('#form-summary'))!;
    shared.accessCode = /: (\S+)$/.exec(sent)![1];

    const item = page.locator('.submissions li', { hasText: 'WEB-FORM-1' });
    await item.waitFor();
    shared.registrationId = (await item.getAttribute('data-registration-id'))!;
    expect(await item.textContent()).toContain(shared.accessCode);
    await shoot(page, '03-hospital-list');

    await item.getByRole('link', { name: 'Cetak slip' }).click();
    await page.locator('.slip .qr svg').waitFor();
    expect(await page.textContent('.slip')).toContain(shared.accessCode);
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
    await page.locator('.checks', { hasText: 'NO_MARRIAGE_RECORD' }).waitFor();
    const frame = page.locator('iframe.pdf[data-state="loaded"]');
    await frame.waitFor();
    expect(await frame.getAttribute('data-type')).toBe('application/pdf');
    expect(Number(await frame.getAttribute('data-bytes'))).toBeGreaterThan(10_000);
    await shoot(page, '06-registrar-case');

    await page.getByRole('button', { name: 'Setujui' }).click();
    await page.locator('[data-status="COMPLETED"]').waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: 'Periksa keaslian' }).first().waitFor();
    await shoot(page, '07-registrar-case-completed');
    await page.context().close();
  });

  it('the parents open the link on a phone, download the bundle, and the QR’s page says the document is genuine', async () => {
    const { registrationId, accessCode } = shared;
    const page = await newPage(PHONE);
    await page.goto(`${stack.url}/console/#/ortu?id=${registrationId}`);
    await page.fill('#p-code', accessCode!);
    await page.getByRole('button', { name: 'Lihat status' }).click();
    await page.getByText('Selesai. Akta kelahiran, KK dan KIA sudah terbit.').waitFor();
    await shoot(page, '08-parents-documents');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Unduh semua dokumen/ }).click()]);
    expect(download.suggestedFilename()).toBe(`dokumen-${registrationId}.pdf`);
    const bytes = readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');

    await page.getByRole('link', { name: 'Periksa keaslian' }).first().click();
    await page.getByText('Dokumen ASLI').waitFor();
    expect(page.url()).toContain('/v1/verify/');
    await shoot(page, '09-verification');

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
    expect(await history.locator('tr').first().textContent()).toContain('RECEIVED');
    await shoot(page, '13-registrar-history');

    await page.getByRole('link', { name: 'Dasbor' }).click();
    await page.getByRole('heading', { name: 'Kelahiran tercatat per hari' }).waitFor();
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
    const sent = await call<{ registrationId: string }>('POST', '/v1/births', {
      token: hospitalToken,
      body: notification({ notificationId: 'WEB-REJECT-1', child: { name: 'Bima Saputra', birthDateTime: '2026-11-21T10:00:00+07:00' } }),
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
  });
});
