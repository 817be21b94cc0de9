import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { satusehatBundleExample } from '../../api/fhir/examples.js';
import type { LocalStack } from '../../local/stack.js';
import { FLOOD_QUOTA, startTestStack } from '../support/local-stack.js';

/**
 * Fuzzed FHIR Bundles never answer 5xx: the example Bundle with any element replaced by any JSON
 * value or removed, entries of any shape, whole bodies of any JSON. The mapping reads untrusted
 * JSON that only looks like FHIR (api/fhir/bundle-mapping.ts); a wrong type anywhere must end as a
 * 400 OperationOutcome (or, for a change the door ignores, the same registration), never a crash.
 */
let stack: LocalStack;
let hospital: string;

beforeAll(async () => {
  stack = await startTestStack({ intakeQuota: FLOOD_QUOTA });
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

type Path = readonly (string | number)[];

/** Every path of the example (objects and arrays included), the places a mutation can hit. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return [prefix, ...value.flatMap((item, index) => pathsOf(item, [...prefix, index]))];
  if (value && typeof value === 'object') return [prefix, ...Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...prefix, key]))];
  return [prefix];
}
const PATHS = pathsOf(satusehatBundleExample).filter((path) => path.length > 0);

function mutate(path: Path, replacement: unknown, remove: boolean): unknown {
  const copy = structuredClone(satusehatBundleExample) as unknown as Record<string | number, unknown>;
  let holder = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) holder = holder[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (remove) delete holder[last];
  else holder[last] = replacement;
  return copy;
}

const weirdValue = () =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(null, '', 0, -1, 1e308, true, [], {}, '\u0000', '\uD800', 'a'.repeat(5000), '2026-02-30T00:00:00Z', '9'.repeat(16)),
    fc.string({ unit: 'binary', maxLength: 50 }),
  );

const bundleArbitrary = () =>
  fc.oneof(
    { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...PATHS), weirdValue(), fc.boolean()).map(([path, value, remove]) => mutate(path, value, remove)) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...PATHS), weirdValue(), fc.constantFrom(...PATHS), weirdValue()).map(([a, x, b, y]) => {
      const once = mutate(a, x, false) as Record<string, unknown>;
      return { ...once, entry: Array.isArray(once['entry']) ? [...(once['entry'] as unknown[]), { resource: { resourceType: 'Patient', identifier: [{ system: 'https://fhir.kemkes.go.id/id/nik-ibu', value: y }] }, fullUrl: b.join('/') }] : once['entry'] };
    }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
    { weight: 1, arbitrary: fc.record({ resourceType: fc.constant('Bundle'), type: fc.constantFrom('message', 'collection', 'transaction'), identifier: fc.record({ value: fc.string() }), entry: fc.array(fc.record({ resource: fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })) }), { maxLength: 5 }) }) },
  );

it('answers fuzzed Bundles without a 5xx', async () => {
  const failures: string[] = [];
  await fc.assert(
    fc.asyncProperty(bundleArbitrary(), async (body) => {
      const response = await fetch(`${stack.url}/fhir/Bundle`, {
        method: 'POST',
        headers: { authorization: `Bearer ${hospital}`, 'content-type': 'application/fhir+json' },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      // The case, with long digit runs (NIKs, phone numbers) masked: the run's output is scanned for personal data.
      if (response.status >= 500) failures.push(`${response.status}: ${JSON.stringify(body).replace(/\d{8,}/g, '<digits>').slice(0, 600)}`);
      // Every answer of the door is a FHIR resource (the gateway's own 4xx aside).
      if (response.status < 500 && response.status !== 413 && (JSON.parse(text) as { resourceType?: string }).resourceType !== 'OperationOutcome') {
        failures.push(`${response.status} without an OperationOutcome: ${text.slice(0, 200)}`);
      }
      return response.status < 500;
    }),
    { numRuns: 250, seed: 15, endOnFailure: true },
  ).catch(() => undefined);
  expect(failures).toEqual([]);
}, 300_000);

it('answers 300,000 entries with a short OperationOutcome, not an echo', async () => {
  const body = { ...structuredClone(satusehatBundleExample), entry: Array.from({ length: 300_000 }, () => 0) };
  const response = await fetch(`${stack.url}/fhir/Bundle`, { method: 'POST', headers: { authorization: `Bearer ${hospital}`, 'content-type': 'application/fhir+json' }, body: JSON.stringify(body) });
  const text = await response.text();
  expect(response.status).toBe(400);
  expect(text.length).toBeLessThan(20_000);
}, 60_000);
