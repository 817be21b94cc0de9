import { AxeBuilder } from '@axe-core/playwright';
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { DEMO, notification } from '../support/fixtures.js';
import { apiClient, startTestStack, waitFor } from '../support/local-stack.js';
import { recentBirth } from '../support/dates.js';

/**
 * The console after the akta, in a real browser (Debian's Chromium, playwright-core) against the
 * local stack: a registrar files a correction at the counter (the API's messages at the field, the
 * NIK-changing case in Indonesian), a head of office reads it in the queue with the current and
 * requested values side by side and the draft of the re-issued akta and approves it; four-eyes on a
 * revocation a head filed; the parents ask for a misspelt name to be corrected on a phone and follow
 * it; a late registration is in the head's queue. Screenshots at 1280×800 and 390×844 into
 * test/browser/screenshots/ (amend-*).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

type Json = Record<string, any>;
let stack: LocalStack;
let browser: Browser;
let call: ReturnType<typeof apiClient>;
let hospital: string;
let registrar: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is not at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does), or set CHROMIUM_PATH`);
  }
  mkdirSync(SHOTS, { recursive: true });
  stack = await startTestStack();
  call = apiClient(stack.url);
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
  registrar = await stack.issuer.signRegistrarToken('registrar.demo');
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
  const context = await browser.newContext({ viewport, locale: 'id-ID' });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

async function shoot(page: Page, name: string): Promise<void> {
  const own = page.viewportSize() ?? DESKTOP;
  for (const [size, viewport] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `${SHOTS}amend-${name}-${size}.png`, fullPage: true });
  }
  await page.setViewportSize(own);
}

/** No WCAG 2.1 A/AA violation axe can find on the page as it is now (rule ids and targets in the failure). */
async function accessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Signs in with one of the local sign-in page's buttons, and waits for the page it lands on. */
async function signIn(page: Page, button: RegExp, landing: string): Promise<void> {
  await page.goto(`${stack.url}/console/#/masuk`);
  await page.getByRole('button', { name: button }).click();
  await page.getByRole('heading', { name: landing }).waitFor();
}

let counter = 0;
/** A completed birth of the Rogojampi family, approved over the API. */
async function completedBirth(name: string) {
  counter += 1;
  const sent = await call<{ registrationId: string; accessCode: string }>('POST', '/v1/births', {
    token: hospital,
    body: notification({
      notificationId: `WEB-AMEND-${counter}`,
      mother: { nik: DEMO.rogojampi.motherNik },
      father: { nik: DEMO.rogojampi.fatherNik },
      familyCardNumber: DEMO.rogojampi.familyCardNumber,
      child: { name, sex: 'FEMALE', birthOrder: counter, birthDateTime: recentBirth({ daysAgo: 11, at: '08:15' }) },
    }),
  });
  expect(sent.status).toBe(202);
  const { registrationId, accessCode } = sent.body;
  await waitFor(() => call<Json>('GET', `/v1/births/${registrationId}`, { token: registrar }), (r) => r.body['status'] === 'AWAITING_APPROVAL');
  expect((await call('POST', `/v1/approvals/${registrationId}`, { token: registrar, body: { decision: 'APPROVE' } })).status).toBe(200);
  const done = await waitFor(() => call<Json>('GET', `/v1/births/${registrationId}`, { token: registrar }), (r) => r.body['status'] === 'COMPLETED');
  return { registrationId, accessCode, issued: done.body['issued'] as Json };
}

const amendmentsOf = async (registrationId: string, token = registrar) => ((await call<Json>('GET', `/v1/births/${registrationId}`, { token })).body['amendments'] ?? []) as Json[];

describe('web console after the akta', () => {
  it('a registrar files a correction at the counter; a head of office compares, reads the draft of the re-issued akta and approves', async () => {
    const { registrationId, issued } = await completedBirth('Putri Ayu Lestary');

    const desk = await newPage();
    await signIn(desk, /petugas registrasi/, 'Antrean persetujuan');
    await desk.goto(`${stack.url}/console/#/kasus/${registrationId}`);
    await desk.getByRole('link', { name: 'Ajukan pembetulan atau pembatalan' }).click();
    await desk.getByRole('heading', { name: 'Pembetulan atau pembatalan akta' }).waitFor();
    expect(await desk.textContent('.correction-fields')).toContain('Sekarang: Putri Ayu Lestary');

    // A name intake would refuse: the API's own message, under the field.
    await desk.fill('#a-child-name', 'Putri Ayu 2');
    await desk.fill('#a-reason', 'Salah ketik nama pada akta');
    await desk.getByRole('button', { name: 'Ajukan permohonan' }).click();
    const apiAnswer = await call<{ issues: { path: string; message: string }[] }>('POST', `/v1/births/${registrationId}/amendments`, {
      token: registrar,
      body: { kind: 'CORRECTION', changes: { child: { name: 'Putri Ayu 2' } }, reason: 'x' },
      language: 'id', // as the console asks
    });
    const apiMessage = apiAnswer.body.issues.find((i) => i.path === 'changes.child.name')!.message;
    await expect.poll(() => desk.textContent('#a-child-name-error')).toBe(apiMessage);
    expect(await desk.textContent('#amend-summary')).toBe('Periksa isian yang ditandai.');

    // A correction that would change the NIK: refused, with the way forward in Indonesian.
    await desk.fill('#a-child-name', '');
    await desk.selectOption('#a-child-sex', 'MALE');
    await desk.getByRole('button', { name: 'Ajukan permohonan' }).click();
    await desk.getByText(/Ajukan pembatalan pendaftaran ini, lalu daftarkan kelahiran kembali/).waitFor();
    await shoot(desk, '01-counter-refused');

    await desk.selectOption('#a-child-sex', '');
    await desk.fill('#a-child-name', 'Putri Ayu Lestari');
    await desk.selectOption('#a-evidence-type', 'SURAT_KETERANGAN_LAHIR');
    await desk.fill('#a-evidence-ref', 'SKL/RSUD/2026/1187');
    await desk.getByRole('button', { name: 'Ajukan permohonan' }).click();
    await desk.getByText(/Permohonan tercatat \(nomor [0-9a-f-]{36}\)\. Menunggu keputusan kepala dinas\./).waitFor();
    const amendmentId = (await desk.getAttribute('#amend-summary', 'data-amendment-id'))!;
    await desk.locator(`.amendments li[data-amendment-id="${amendmentId}"]`, { hasText: 'Menunggu keputusan kepala dinas' }).waitFor();
    await shoot(desk, '02-counter-filed');
    await accessible(desk);
    // The registrar's own requests.
    await desk.getByRole('link', { name: 'Perubahan' }).click();
    await desk.locator(`.amendments li[data-amendment-id="${amendmentId}"]`).waitFor();
    await desk.context().close();

    const head = await newPage();
    await signIn(head, /kepala dinas \(kepala\.dinas\.demo\)/, 'Antrean kepala dinas');
    const row = head.locator(`table.amendment-queue tr[data-amendment-id="${amendmentId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Nama anak: Putri Ayu Lestari');
    await shoot(head, '03-head-queue');
    await accessible(head);
    await row.getByRole('link', { name: 'Pembetulan' }).click();
    const compare = head.locator('table.compare tr[data-path="child.name"]');
    await compare.waitFor();
    expect(await compare.locator('td.current').textContent()).toBe('Putri Ayu Lestary');
    expect(await compare.locator('td.requested').textContent()).toBe('Putri Ayu Lestari');
    const draft = head.locator('.draft-doc');
    expect(await draft.textContent()).toContain(`Kutipan Akta Kelahiran Nomor ${issued['birthCertificateNumber']} — kutipan ke-2`);
    expect(await draft.locator('.marginal').textContent()).toBe('Pembetulan nama anak berdasarkan surat keterangan lahir SKL/RSUD/2026/1187');
    await shoot(head, '04-head-amendment');
    await accessible(head);

    await head.getByRole('button', { name: 'Setujui' }).click();
    await head.locator('[data-status="APPROVED"]').waitFor();
    const applied = await waitFor(() => amendmentsOf(registrationId), (list) => list[0]?.['status'] === 'APPLIED');
    expect(applied[0]!['reissued'].map((r: Json) => r['type'])).toContain('BIRTH_CERTIFICATE');
    await head.goto(`${stack.url}/console/#/kasus/${registrationId}`);
    await head.locator(`.amendments li[data-status="APPLIED"]`, { hasText: 'Selesai: dokumen yang dibetulkan sudah terbit' }).waitFor();
    await shoot(head, '05-case-corrected');
    await head.context().close();
  });

  it('four-eyes: a head of office who filed a revocation cannot decide it; another head approves, and the parents see it revoked', async () => {
    const { registrationId, accessCode } = await completedBirth('Dewi Kartika Sari');

    const first = await newPage();
    await signIn(first, /kepala dinas \(kepala\.dinas\.demo\)/, 'Antrean kepala dinas');
    await first.goto(`${stack.url}/console/#/ubah/${registrationId}`);
    await first.getByRole('radio', { name: 'Pembatalan' }).check();
    await first.getByText('semua dokumen pendaftaran ini menjadi DIBATALKAN').waitFor();
    await first.fill('#a-reason', 'NIK ganda: kelahiran yang sama sudah tercatat');
    await first.getByRole('button', { name: 'Ajukan permohonan' }).click();
    await first.getByText(/Permohonan tercatat/).waitFor();
    const amendmentId = (await first.getAttribute('#amend-summary', 'data-amendment-id'))!;
    await first.goto(`${stack.url}/console/#/permohonan/${amendmentId}`);
    await first.locator('.four-eyes', { hasText: 'Diajukan oleh Anda: kepala dinas lain yang memutuskan (empat mata).' }).waitFor();
    expect(await first.getByRole('button', { name: 'Setujui' }).count()).toBe(0);
    await shoot(first, '06-head-own-request');
    await first.context().close();

    const second = await newPage();
    await signIn(second, /kepala dinas \(pejabat\.demo\)/, 'Antrean kepala dinas');
    await second.goto(`${stack.url}/console/#/permohonan/${amendmentId}`);
    await second.getByRole('heading', { name: 'Permohonan Pembatalan' }).waitFor();
    // A rejection needs a reason: said before anything is sent.
    await second.getByRole('button', { name: 'Tolak' }).click();
    await second.getByText('Tuliskan alasan penolakan.').waitFor();
    await second.getByRole('button', { name: 'Setujui' }).click();
    await second.locator('[data-status="APPROVED"]').waitFor();
    await second.context().close();
    await waitFor(() => call<Json>('GET', `/v1/births/${registrationId}`, { token: registrar }), (r) => r.body['status'] === 'REVOKED');

    const parents = await newPage(PHONE);
    await parents.goto(`${stack.url}/console/#/ortu?id=${registrationId}`);
    await parents.fill('#p-code', accessCode);
    await parents.getByRole('button', { name: 'Lihat status' }).click();
    await parents.getByText('Dibatalkan. Dokumen pendaftaran ini tidak berlaku lagi.').waitFor();
    await parents.locator('.amendments li[data-status="APPLIED"]', { hasText: 'Pembatalan' }).waitFor();
    expect(await parents.locator('.parents-fix-form').count()).toBe(0);
    await shoot(parents, '07-parents-revoked');
    await parents.context().close();
  });

  it('the parents ask for a misspelt name to be corrected on a phone and follow it until the documents are re-issued', async () => {
    const { registrationId, accessCode } = await completedBirth('Siti Nurhaliza Putry');
    const page = await newPage(PHONE);
    await page.goto(`${stack.url}/console/#/ortu?id=${registrationId}`);
    await page.fill('#p-code', accessCode);
    await page.getByRole('button', { name: 'Lihat status' }).click();
    await page.getByRole('heading', { name: 'Ada salah ejaan nama?' }).waitFor();
    await page.fill('#a-child-name', 'Siti Nurhaliza Putri');
    await page.fill('#a-reason', 'Huruf terakhir seharusnya i, bukan y');
    await shoot(page, '08-parents-ask');
    await accessible(page);
    await page.getByRole('button', { name: 'Kirim permohonan pembetulan' }).click();
    await page.locator('.amendments li[data-status="PENDING"]', { hasText: 'Menunggu keputusan kepala dinas' }).waitFor();
    expect(await page.locator('.parents-fix-form').count()).toBe(0); // one open request at a time
    await shoot(page, '09-parents-pending');

    // A head of office decides it (over the API here: the console's decision is the first test's).
    const head = await stack.issuer.signHeadOfOfficeToken('kepala.dinas.demo');
    const [pending] = await waitFor(() => amendmentsOf(registrationId), (list) => list.length === 1);
    await waitFor(
      () => call('POST', `/v1/amendments/${pending!['amendmentId']}`, { token: head, body: { decision: 'APPROVE' } }),
      (r) => r.status === 200,
    );
    await waitFor(() => amendmentsOf(registrationId), (list) => list[0]?.['status'] === 'APPLIED');
    await page.getByRole('button', { name: 'Lihat status' }).click();
    await page.locator('.amendments li[data-status="APPLIED"]', { hasText: 'Selesai: dokumen yang dibetulkan sudah terbit' }).waitFor();
    await shoot(page, '10-parents-applied');
    await page.context().close();
  });

  it('a late registration waits in the head of office’s queue; a plain registrar may not decide it; the head approves with the decree number', async () => {
    const sent = await call<{ registrationId: string }>('POST', '/v1/births', {
      token: hospital,
      body: notification({
        notificationId: 'WEB-AMEND-LATE',
        child: { name: 'Raka Pratama', sex: 'MALE', birthDateTime: recentBirth({ daysAgo: 113, at: '07:00' }) }, // late: more than 60 days
      }),
    });
    expect(sent.status).toBe(202);
    const { registrationId } = sent.body;
    await waitFor(() => call<Json>('GET', `/v1/births/${registrationId}`, { token: registrar }), (r) => r.body['status'] === 'AWAITING_APPROVAL');

    const desk = await newPage();
    await signIn(desk, /petugas registrasi/, 'Antrean persetujuan');
    expect(await desk.getByRole('link', { name: 'Kepala dinas' }).count()).toBe(0);
    await desk.goto(`${stack.url}/console/#/kepala`);
    await desk.getByText('Silakan masuk terlebih dahulu.').waitFor();
    // The case page says who decides, and offers a plain registrar no buttons (the API would answer 403).
    await desk.goto(`${stack.url}/console/#/kasus/${registrationId}`);
    await desk.getByText('hanya kepala dinas yang memutuskan (UU 24/2013 pasal 32)').waitFor();
    expect(await desk.getByRole('button', { name: 'Setujui' }).count()).toBe(0);
    await desk.context().close();

    const head = await newPage();
    await signIn(head, /kepala dinas \(kepala\.dinas\.demo\)/, 'Antrean kepala dinas');
    const row = head.locator(`table.late-queue tr[data-registration-id="${registrationId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Raka Pratama');
    await shoot(head, '11-head-queue-late');
    await row.getByRole('link', { name: 'Raka Pratama' }).click();
    await head.getByLabel('Nomor SK kepala dinas (jika ada)').fill('474.1/123/429.110/2026');
    await shoot(head, '12-head-late-case');
    await head.getByRole('button', { name: 'Setujui' }).click();
    // The console asks first and lists what will be issued (issue 16); then the decision is taken.
    await head.locator('#confirm-yes').click();
    await head.locator('#next-case').waitFor({ timeout: 30_000 });
    // The case's history names the decider as head of office (the audit entry's role), not as a plain registrar.
    await head.goto(`${stack.url}/console/#/riwayat/${registrationId}`);
    const decision = head.locator('table.history tr.event-audit', { hasText: 'kepala.dinas.demo' }).first();
    await decision.waitFor();
    expect(await decision.locator('td').nth(2).textContent()).toBe('Kepala dinas kepala.dinas.demo');
    await head.context().close();
    const decided = await call<Json>('GET', `/v1/births/${registrationId}`, { token: registrar });
    expect(decided.body['decision']).toMatchObject({ decision: 'APPROVE', decreeNumber: '474.1/123/429.110/2026' });
  });
});
