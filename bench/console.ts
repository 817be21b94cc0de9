import type { Page } from 'playwright-core';
import { startBenchStack } from './bench-stack.js';
import { importPopulation } from '../population/import.js';
import { loadRegionCodes } from '../population/regions.js';
import { launch } from '../test/browser/browser-support.js';
import { syntheticPopulation } from './synthetic-population.js';

/**
 * npm run bench:console [-- --cases 500 --runs 3]: the console in Debian's Chromium against the local
 * stack, on two profiles set through the DevTools protocol: desk (no throttling) and phone (CPU 4×
 * slower, 400 kbit/s each way, 400 ms round trip). With `cases` births waiting, it prints the time from
 * opening the queue until its first rows are shown (usable), and from opening the parents' page until
 * their documents are listed (the code typed and sent at once). Median of `runs`, each in a fresh
 * browser context (no cache, no service worker). Targets (issue 16): queue ≤ 1.5 s on the desk
 * profile, parents' documents ≤ 3 s on the phone profile.
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const CASES = option('cases', 500);
const RUNS = option('runs', 3);
const out = (line = '') => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Profile {
  readonly name: string;
  readonly cpu: number;
  readonly network?: { readonly latency: number; readonly downloadThroughput: number; readonly uploadThroughput: number };
}
const PROFILES: readonly Profile[] = [
  { name: 'desk', cpu: 1 },
  // 400 kbit/s = 50,000 bytes/s; the round trip as the DevTools protocol counts it (added latency).
  { name: 'phone', cpu: 4, network: { latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 } },
];

const { stack, stop } = await startBenchStack('console');
const browser = await launch();
try {
  out(`Console benchmark: ${CASES} cases waiting, median of ${RUNS}, ${new Date().toISOString()}`);
  const population = syntheticPopulation(CASES + 1);
  await importPopulation(stack.documentClient, stack.tableName, population, { regions: await loadRegionCodes(), concurrency: 16 });
  const registrar = await stack.issuer.signRegistrarToken('bench.registrar');
  const hospital = await stack.issuer.signHospitalToken('bench-hospital-1');
  const submit = async (i: number) => {
    const family = population.families[i]!;
    const response = await fetch(`${stack.url}/v1/births`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hospital}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        notificationId: `CONSOLE-${i}`,
        child: { name: 'Bagus Pratama Wijaya', sex: 'MALE', birthDateTime: new Date(Date.now() - 3 * 3600_000 - i * 1000).toISOString(), birthPlace: 'Banyuwangi', birthOrder: 2, weightGrams: 3100, lengthCm: 49 },
        mother: { nik: family.members[1]!.nik },
        father: { nik: family.members[0]!.nik },
        familyCardNumber: family.familyCardNumber,
        marriageCertificateNumber: 'BENCH/2010',
        attendant: { type: 'MIDWIFE', name: 'Bidan Sri Wahyuni' },
        contactPhone: '081234567890',
      }),
    });
    if (response.status !== 202) throw new Error(`intake ${response.status}: ${await response.text()}`);
    return (await response.json()) as { registrationId: string; accessCode: string };
  };
  const status = async (id: string) =>
    ((await (await fetch(`${stack.url}/v1/births/${id}`, { headers: { authorization: `Bearer ${registrar}` } })).json()) as { status: string }).status;
  // The parents' case: decided and completed first, so the queue holds exactly `cases`.
  const parents = await submit(CASES);
  while ((await status(parents.registrationId)) !== 'AWAITING_APPROVAL') await sleep(50);
  await fetch(`${stack.url}/v1/approvals/${parents.registrationId}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${registrar}`, 'content-type': 'application/json' },
    body: JSON.stringify({ decision: 'APPROVE' }),
  });
  while ((await status(parents.registrationId)) !== 'COMPLETED') await sleep(50);
  for (let start = 0; start < CASES; start += 25) await Promise.all(Array.from({ length: Math.min(25, CASES - start) }, (_, k) => submit(start + k)));
  for (;;) {
    const queue = (await (await fetch(`${stack.url}/v1/approvals?limit=1`, { headers: { authorization: `Bearer ${registrar}` } })).json()) as { total?: number };
    if ((queue.total ?? 0) >= CASES) break;
    await sleep(200);
  }

  const throttled = async (page: Page, profile: Profile) => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
    if (profile.network) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile.network });
  };
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

  const queueMs = async (profile: Profile) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'id-ID', serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`${stack.url}/console/#/masuk`);
    await page.getByRole('button', { name: /petugas registrasi/ }).click();
    await page.waitForURL(/#\/antrean/);
    await throttled(page, profile);
    const started = Date.now();
    await page.goto('about:blank');
    await page.goto(`${stack.url}/console/#/antrean`);
    await page.locator(`a[href^="#/kasus/"]`).first().waitFor({ timeout: 60_000 });
    const elapsed = Date.now() - started;
    await context.close();
    return elapsed;
  };
  const parentsMs = async (profile: Profile) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID', serviceWorkers: 'block' });
    const page = await context.newPage();
    await throttled(page, profile);
    const started = Date.now();
    await page.goto(`${stack.url}/console/#/ortu?id=${parents.registrationId}`);
    await page.fill('#p-code', parents.accessCode);
    await page.getByRole('button', { name: 'Lihat status' }).click();
    await page.getByRole('button', { name: /Unduh semua dokumen/ }).waitFor({ timeout: 60_000 });
    const elapsed = Date.now() - started;
    await context.close();
    return elapsed;
  };

  out('');
  out(`profile   queue usable (${CASES} waiting)   parents: documents shown   targets: queue ≤ 1500 ms desk, documents ≤ 3000 ms phone`);
  for (const profile of PROFILES) {
    const queue: number[] = [];
    const docs: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      queue.push(await queueMs(profile));
      docs.push(await parentsMs(profile));
    }
    out(`${profile.name.padEnd(9)} ${`${median(queue)} ms`.padEnd(28)} ${median(docs)} ms`);
  }
} finally {
  await browser.close();
  await stop();
}
// The local stack's bundler service and the SDK's kept-alive sockets would hold the process open.
process.exit(0);
