import { dynamodb } from '../functions/shared/aws.js';
import { startBenchStack } from './bench-stack.js';
import { importPopulation } from '../population/import.js';
import { loadRegionCodes } from '../population/regions.js';
import { syntheticPopulation } from './synthetic-population.js';

/**
 * npm run bench:queue [-- --cases 500]: the registrars' queue as the console reads it, measured
 * against the local stack: `cases` births waiting for a decision, then the queue read page by page
 * (`GET /v1/approvals?limit=100`) and one case (`GET /v1/births/{id}`). Prints the JSON bytes (whole
 * queue, per case, first page), the DynamoDB calls each read makes and a filtered read's. Figures in
 * the README's Performance section. Works against earlier versions of the API too (no `total`).
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const CASES = option('cases', 500);
const HOSPITALS = 5;
const out = (line = '') => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let calls = 0;
dynamodb.middlewareStack.add(
  (next) => async (input) => {
    calls += 1;
    return next(input);
  },
  { step: 'initialize', name: 'queueBenchCounter' },
);

const { stack, stop } = await startBenchStack('queue');
try {
  out(`Queue of ${CASES} pending cases, ${new Date().toISOString()}`);
  const population = syntheticPopulation(CASES);
  await importPopulation(stack.documentClient, stack.tableName, population, { regions: await loadRegionCodes(), concurrency: 16 });
  const registrar = await stack.issuer.signRegistrarToken('bench.registrar');
  const hospitals = await Promise.all(Array.from({ length: HOSPITALS }, (_, i) => stack.issuer.signHospitalToken(`bench-hospital-${i + 1}`)));
  const names = ['Muhammad Arka Santoso', 'Aisyah Putri Rahmawati', 'Ni Luh Putu Ayu Lestari', 'Bagus Pratama Wijaya', 'Siti Nur Halimah'];
  const ids: string[] = [];
  for (let start = 0; start < CASES; start += 25) {
    const batch = population.families.slice(start, start + 25).map(async (family, offset) => {
      const i = start + offset;
      const born = new Date(Date.now() - 3 * 3600_000 - i * 1000);
      const response = await fetch(`${stack.url}/v1/births`, {
        method: 'POST',
        headers: { authorization: `Bearer ${hospitals[i % HOSPITALS]}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          notificationId: `QUEUE-${i}`,
          child: { name: names[i % names.length], sex: i % 2 ? 'FEMALE' : 'MALE', birthDateTime: born.toISOString(), birthPlace: 'Banyuwangi', birthOrder: 2, weightGrams: 3100, lengthCm: 49 },
          mother: { nik: family.members[1]!.nik },
          father: { nik: family.members[0]!.nik },
          familyCardNumber: family.familyCardNumber,
          ...(i % 3 ? { marriageCertificateNumber: 'BENCH/2010' } : {}),
          attendant: { type: 'MIDWIFE', name: 'Bidan Sri Wahyuni' },
          contactPhone: '081234567890',
        }),
      });
      if (response.status !== 202) throw new Error(`intake ${response.status}: ${await response.text()}`);
      ids.push(String(((await response.json()) as { registrationId: string }).registrationId));
    });
    await Promise.all(batch);
  }
  const get = async (path: string) => {
    const before = calls;
    const response = await fetch(`${stack.url}${path}`, { headers: { authorization: `Bearer ${registrar}` } });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${text.slice(0, 200)}`);
    return { body: JSON.parse(text) as { items: { registrationId: string }[]; nextCursor?: string; total?: number }, bytes: Buffer.byteLength(text), calls: calls - before };
  };
  // Wait until every case is in the queue.
  for (;;) {
    let queued = 0;
    let cursor: string | undefined;
    do {
      const page = await get(`/v1/approvals?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      queued += page.body.items.length;
      cursor = page.body.nextCursor;
    } while (cursor);
    if (queued >= CASES) break;
    await sleep(200);
  }

  let bytes = 0;
  let pages = 0;
  let listed = 0;
  const pageCalls: number[] = [];
  let firstPage = 0;
  let cursor: string | undefined;
  do {
    const page = await get(`/v1/approvals?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    if (pages === 0) firstPage = page.bytes;
    bytes += page.bytes;
    pages += 1;
    listed += page.body.items.length;
    pageCalls.push(page.calls);
    cursor = page.body.nextCursor;
  } while (cursor);
  const oneCase = await get(`/v1/births/${ids[0]}`);
  // An earlier version answers the filters 400: reported as n/a.
  const none = { body: { items: [] as unknown[], total: undefined as number | undefined }, calls: NaN };
  const filtered = await get('/v1/approvals?limit=100&q=ayu').catch(() => none);
  const counted = await get('/v1/approvals?limit=100&check=NO_MARRIAGE_RECORD').catch(() => none);
  out(`  queue JSON, all ${listed} cases in ${pages} pages of 100: ${(bytes / 1024).toFixed(1)} KB (${Math.round(bytes / listed)} bytes a case); first page ${(firstPage / 1024).toFixed(1)} KB`);
  out(`  DynamoDB calls per page read: ${pageCalls.join(', ')}`);
  out(`  total on the first page: ${String((await get('/v1/approvals?limit=100')).body.total ?? 'n/a (this version has none)')}`);
  out(`  one case, GET /v1/births/{id} (registrar): ${(oneCase.bytes / 1024).toFixed(2)} KB, ${oneCase.calls} DynamoDB calls`);
  out(`  search ?q=ayu: ${filtered.body.items.length} of total ${String(filtered.body.total ?? 'n/a')}, ${filtered.calls} DynamoDB calls`);
  out(`  filter ?check=NO_MARRIAGE_RECORD: ${counted.body.items.length} on the page of total ${String(counted.body.total ?? 'n/a')}, ${counted.calls} DynamoDB calls`);
} finally {
  await stop();
}
// The local stack's bundler service and the SDK's kept-alive sockets would hold the process open.
process.exit(0);
