import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { apiClient, FLOOD_QUOTA, startTestStack, waitFor } from '../support/local-stack.js';
import { DEMO, notification } from '../support/fixtures.js';
import { expireToken, launch, newPage, shoot, signIn } from './browser-support.js';
import { recentBirth } from '../support/dates.js';

/**
 * A working day at the console (issue 16), in Chromium against the local stack: sessions that
 * expire mid-form, every word in Indonesian, a queue of more than a page, the clinic's outbox.
 */
let stack: LocalStack;
let browser: Browser;
let call: ReturnType<typeof apiClient>;

beforeAll(async () => {
  stack = await startTestStack({ intakeQuota: FLOOD_QUOTA });
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
  await page.fill('#f-child-birthDateTime', recentBirth({ daysAgo: 11, at: '06:40' }).slice(0, 16));
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
    const id = await pendingCase('WEB-EXPIRE-2', { name: 'Raka Pratama', birthDateTime: recentBirth({ daysAgo: 9, at: '09:00' }) });
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

/** `count` pending cases, sent in parallel (a few at a time), oldest first in `ids`. */
async function pendingCases(prefix: string, count: number): Promise<string[]> {
  const token = await stack.issuer.signHospitalToken('rsud-blambangan');
  const ids: string[] = [];
  for (let start = 0; start < count; start += 10) {
    const batch = Array.from({ length: Math.min(10, count - start) }, (_, i) => start + i);
    // One at a time within the order that matters (the queue is oldest first): sent in sequence per batch slot.
    for (const n of batch) {
      const sent = await call<{ registrationId: string }>('POST', '/v1/births', {
        token,
        body: notification({ notificationId: `${prefix}-${n}`, child: { name: `Anak Antrean ${String.fromCharCode(65 + (n % 26))}o${String.fromCharCode(65 + Math.floor(n / 26))}`, birthDateTime: recentBirth({ daysAgo: 8, at: '08:00' }) } }),
      });
      ids.push(sent.body.registrationId);
    }
  }
  const registrar = await stack.issuer.signRegistrarToken('registrar.demo');
  for (const id of ids) await waitFor(() => call('GET', `/v1/births/${id}`, { token: registrar }), (r) => r.body['status'] === 'AWAITING_APPROVAL');
  return ids;
}

describe('a queue for a full day (issue 16 item 2)', () => {
  let ids: string[] = [];

  it('a queue of 150 cases is paged with its count; a name finds its case; a case past the first 100 opens directly with its data', async () => {
    ids = await pendingCases('WEB-Q', 150);
    const page = await newPage(browser);
    await signIn(stack, page, /petugas registrasi/);
    await page.getByRole('heading', { name: 'Antrean persetujuan' }).waitFor();
    await expect.poll(() => page.textContent('#queue-count')).toMatch(/^Menampilkan 1–50 dari 15\d kasus$/);
    expect(await page.locator('table.queue tbody tr').count()).toBe(50);
    await shoot(page, '21-queue-page-1');
    await page.getByRole('link', { name: 'Halaman berikutnya →' }).click();
    await expect.poll(() => page.textContent('#queue-count')).toMatch(/^Menampilkan 51–100/);
    await page.getByRole('link', { name: 'Halaman berikutnya →' }).click();
    await expect.poll(() => page.textContent('#queue-count')).toMatch(/^Menampilkan 101–1\d\d/);
    expect(await page.locator(`table.queue tr[data-registration-id="${ids[120]}"]`).count()).toBe(1);
    await page.getByRole('link', { name: '← Halaman sebelumnya' }).click();
    await expect.poll(() => page.textContent('#queue-count')).toMatch(/^Menampilkan 51–100/);

    // The name search (the server's, or on today's API this page's).
    await page.goto(`${stack.url}/console/#/antrean`);
    await page.getByLabel('Nama anak atau ibu').fill('Anak Antrean CoA');
    await page.getByRole('button', { name: 'Terapkan' }).click();
    await expect.poll(() => page.locator('table.queue tbody tr').count()).toBe(1);
    expect(await page.locator('table.queue tbody tr').getAttribute('data-registration-id')).toBe(ids[2]);
    await shoot(page, '22-queue-filtered');

    await page.goto(`${stack.url}/console/#/kasus/${ids[120]}`);
    await page.getByRole('heading', { name: 'Anak Antrean QoE' }).waitFor();
    expect(await page.locator('.facts').first().textContent()).toContain(DEMO.banyuwangi.motherNik);
    await page.getByRole('button', { name: 'Setujui' }).waitFor();
    await page.context().close();
  });

  it('a case whose data cannot be loaded offers no decision', async () => {
    const page = await newPage(browser);
    await signIn(stack, page, /petugas registrasi/);
    await page.getByRole('heading', { name: 'Antrean persetujuan' }).waitFor();
    // The API answering the case without its notification and a queue without it (a case of another page, a lost answer).
    await page.route('**/v1/births/*', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as Record<string, unknown>;
      delete body['notification'];
      await route.fulfill({ response, json: body });
    });
    await page.route(/\/v1\/approvals\?/, (route) => route.fulfill({ json: { items: [], total: 0 } }));
    await page.goto(`${stack.url}/console/#/kasus/${ids[5]}`);
    await page.locator('#case-no-data').waitFor();
    expect(await page.getByRole('button', { name: 'Setujui' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Tolak' }).count()).toBe(0);
    await shoot(page, '23-case-no-data');
    await page.context().close();
  });

  it('approving asks first and lists what will be issued; afterwards "next case" has the focus; going back at once keeps the queue', async () => {
    const page = await newPage(browser);
    await signIn(stack, page, /petugas registrasi/);
    await page.getByRole('heading', { name: 'Antrean persetujuan' }).waitFor();
    await page.goto(`${stack.url}/console/#/kasus/${ids[0]}`);
    await page.getByRole('button', { name: 'Setujui' }).click();
    const confirm = page.locator('#confirm');
    await confirm.getByRole('heading', { name: 'Setujui dan terbitkan dokumen?' }).waitFor();
    const listed = (await confirm.textContent())!;
    for (const thing of ['NIK anak', 'Akta kelahiran', `Kartu Keluarga ${DEMO.banyuwangi.familyCardNumber}`, 'Kartu Identitas Anak (KIA)']) expect(listed).toContain(thing);
    expect(await page.evaluate('document.activeElement?.id')).toBe('confirm');
    await shoot(page, '24-case-confirm');
    // Nothing was decided yet.
    const registrar = await stack.issuer.signRegistrarToken('registrar.demo');
    expect((await call('GET', `/v1/births/${ids[0]}`, { token: registrar })).body['status']).toBe('AWAITING_APPROVAL');
    await page.getByRole('button', { name: 'Ya, setujui dan terbitkan' }).click();
    const next = page.locator('#next-case');
    await next.waitFor();
    expect(await next.textContent()).toMatch(/^Kasus berikutnya: \p{L}/u);
    expect(await next.getAttribute('href')).not.toContain(ids[0]);
    expect(await page.evaluate('document.activeElement?.id')).toBe('next-case');
    await shoot(page, '25-case-decided-next');

    // Decide, then back to the queue before the page has finished: the queue stays the queue.
    await next.click();
    await page.getByRole('button', { name: 'Setujui' }).click();
    const nextLookup = page.waitForResponse((r) => r.url().includes('/v1/approvals?limit=3'));
    await page.getByRole('button', { name: 'Ya, setujui dan terbitkan' }).click();
    await page.goto(`${stack.url}/console/#/antrean`);
    await nextLookup;
    await page.locator('table.queue').waitFor();
    await page.evaluate('new Promise((resolve) => setTimeout(resolve, 0))');
    expect(await page.locator('h1').textContent()).toBe('Antrean persetujuan');
    await page.context().close();
  });

  it('no reason is preselected; a second registrar’s decision first is a 409 said in Indonesian', async () => {
    const page = await newPage(browser);
    await signIn(stack, page, /petugas registrasi/);
    await page.getByRole('heading', { name: 'Antrean persetujuan' }).waitFor();
    await page.goto(`${stack.url}/console/#/kasus/${ids[10]}`);
    await page.getByLabel('Alasan penolakan').waitFor();
    expect(await page.inputValue('#reject-reason')).toBe('');
    await page.getByRole('button', { name: 'Tolak' }).click();
    await expect.poll(() => page.textContent('#decision-message')).toBe('Pilih alasan penolakan.');

    // Another registrar decides the case meanwhile.
    const other = await call('POST', `/v1/approvals/${ids[10]}`, { token: await stack.issuer.signRegistrarToken('registrar.lain'), body: { decision: 'APPROVE' } });
    expect(other.status).toBe(200);
    await page.getByLabel('Alasan penolakan').selectOption('DATA_MISMATCH');
    await page.getByRole('button', { name: 'Tolak' }).click();
    await expect.poll(() => page.textContent('#decision-message')).toContain('sudah diputuskan');
    await shoot(page, '26-case-conflict');
    await page.context().close();
  });

  it('rejected cases are in the follow-up list', async () => {
    const registrar = await stack.issuer.signRegistrarToken('registrar.demo');
    await call('POST', `/v1/approvals/${ids[20]}`, { token: registrar, body: { decision: 'REJECT', reason: 'Data tidak sesuai', reasonCode: 'DATA_MISMATCH' } });
    const page = await newPage(browser);
    await signIn(stack, page, /petugas registrasi/);
    await page.getByRole('heading', { name: 'Antrean persetujuan' }).waitFor();
    await page.getByRole('link', { name: 'Tindak lanjut', exact: true }).click();
    await page.getByRole('heading', { name: 'Perlu tindak lanjut' }).waitFor();
    const row = page.locator(`table.follow-ups tr[data-registration-id="${ids[20]}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Petugas Dukcapil: Data tidak sesuai dengan registri');
    await shoot(page, '27-follow-ups');
    await page.context().close();
  });
});

describe('the form as a midwife needs it (issue 16 item 5)', () => {
  it('twins are reported with their count and order; a rejected notification comes back prefilled to correct and send again', async () => {
    const page = await newPage(browser);
    await signIn(stack, page, /RSUD Blambangan/);
    await page.getByRole('heading', { name: 'Laporkan kelahiran' }).waitFor();
    // Nothing is chosen for the midwife.
    for (const id of ['#f-child-sex-FEMALE', '#f-child-sex-MALE', '#f-attendant-type-MIDWIFE', '#f-multiple-no', '#f-multiple-yes']) expect(await page.isChecked(id)).toBe(false);
    expect(await page.isVisible('#f-child-multipleBirth-count')).toBe(false);
    await fillBirth(page, { notificationId: 'WEB-TWIN-1', name: 'Putri Kembar' });
    await page.check('#f-multiple-yes');
    await page.fill('#f-child-multipleBirth-count', '2');
    await page.fill('#f-child-multipleBirth-order', '1');
    await shoot(page, '28-hospital-twins');
    await page.getByRole('button', { name: 'Kirim pemberitahuan' }).click();
    await page.locator('#sent-panel').waitFor();
    const registrationId = /Nomor pendaftaran: ([0-9a-f-]{36})/.exec((await page.textContent('#sent-panel'))!)![1]!;
    const registrar = await stack.issuer.signRegistrarToken('registrar.demo');
    const view = await waitFor(() => call<{ status: string; notification?: { child: { multipleBirth?: unknown } } }>('GET', `/v1/births/${registrationId}`, { token: registrar }), (r) => r.body.status === 'AWAITING_APPROVAL');
    expect(view.body.notification?.child.multipleBirth).toEqual({ count: 2, order: 1 });

    await call('POST', `/v1/approvals/${registrationId}`, { token: registrar, body: { decision: 'REJECT', reason: 'Data tidak sesuai dengan registri: berat', reasonCode: 'DATA_MISMATCH' } });
    await page.reload();
    const item = page.locator(`.submissions li[data-registration-id="${registrationId}"]`);
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 20_000 }).toBe('REJECTED');
    await item.getByRole('button', { name: 'Perbaiki & kirim ulang' }).click();
    await expect.poll(() => page.inputValue('#f-child-name')).toBe('Putri Kembar');
    expect(await page.inputValue('#f-mother-nik')).toBe(DEMO.banyuwangi.motherNik);
    expect(await page.inputValue('#f-child-multipleBirth-count')).toBe('2');
    expect(await page.inputValue('#f-notificationId')).toBe('');
    expect(await page.evaluate('document.activeElement?.id')).toBe('f-notificationId');
    await shoot(page, '29-hospital-resubmit');
    await page.fill('#f-notificationId', 'WEB-TWIN-1b');
    await page.getByRole('button', { name: 'Kirim pemberitahuan' }).click();
    await page.locator('#sent-panel').waitFor();
    await page.context().close();
  });
});

describe('the clinic outbox (issue 16 item 3)', () => {
  it('a birth sent with the network off waits as "menunggu sinyal", survives a reload while offline, and goes out once when the network returns', async () => {
    const page = await newPage(browser);
    await signIn(stack, page, /RSUD Blambangan/);
    await page.getByRole('heading', { name: 'Laporkan kelahiran' }).waitFor();
    // The service worker has the app shell before the signal goes.
    await page.waitForFunction('navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller || true)');
    await page.reload();
    await page.getByRole('heading', { name: 'Laporkan kelahiran' }).waitFor();
    await expect.poll(() => page.evaluate('!!navigator.serviceWorker.controller')).toBe(true);

    await page.context().setOffline(true);
    await fillBirth(page, { notificationId: 'WEB-OFFLINE-1', name: 'Sinta Maharani' });
    await page.getByRole('button', { name: 'Kirim pemberitahuan' }).click();
    await page.getByRole('heading', { name: 'Menunggu sinyal' }).first().waitFor();
    await page.locator('#outbox li[data-notification-id="WEB-OFFLINE-1"]').waitFor();
    await shoot(page, '30-outbox-offline');

    await page.reload();
    await page.locator('#outbox li[data-notification-id="WEB-OFFLINE-1"]').waitFor();
    await shoot(page, '31-outbox-offline-reloaded');

    await page.context().setOffline(false);
    await page.locator('#outbox li').waitFor({ state: 'detached' });
    await page.getByText(/Terkirim setelah sinyal kembali: Sinta Maharani/).waitFor();
    const list = await call<{ items: { notificationId: string }[] }>('GET', '/v1/births?limit=100', { token: await stack.issuer.signHospitalToken('rsud-blambangan') });
    expect(list.body.items.filter((i) => i.notificationId === 'WEB-OFFLINE-1')).toHaveLength(1);
    await page.context().close();
  });
});
