import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../local/stack.js';
import { DEMO, notification } from '../support/fixtures.js';
import { startTestStack, waitFor } from '../support/local-stack.js';
import { recentBirth } from '../support/dates.js';

/**
 * Intake under hostile and careless input, through the HTTP API: generated invalid notifications
 * (fast-check) and the classics are each a 4xx naming the offending fields, never a 5xx, and leave
 * nothing in the table; valid but unusual notifications are accepted.
 */
let stack: LocalStack;
let hospital: string;

beforeAll(async () => {
  stack = await startTestStack();
  hospital = await stack.issuer.signHospitalToken('rsud-blambangan');
});

afterAll(async () => {
  await stack?.stop();
});

type Issues = { error?: string; issues?: { path: string; message: string }[] };

/** `contentType: null` sends no content type at all (a byte body, which fetch does not label). */
async function post(body: string, contentType: string | null = 'application/json'): Promise<{ status: number; body: Issues }> {
  const response = await fetch(`${stack.url}/v1/births`, {
    method: 'POST',
    headers: { authorization: `Bearer ${hospital}`, ...(contentType ? { 'content-type': contentType } : {}) },
    body: contentType === null ? new TextEncoder().encode(body) : body,
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as Issues };
}

const pathsOf = (body: Issues) => (body.issues ?? []).map((i) => i.path);

/** What the registry holds of intake: registrations, notification ids, hospital submissions. */
async function storedIntake(): Promise<number> {
  const { Items } = await stack.documentClient.send(
    new ScanCommand({
      TableName: stack.tableName,
      FilterExpression: 'begins_with(pk, :reg) OR begins_with(pk, :notif) OR begins_with(pk, :facility)',
      ExpressionAttributeValues: { ':reg': 'REG#', ':notif': 'NOTIF#', ':facility': 'FACILITY#' },
    }),
  );
  return Items?.length ?? 0;
}

// ── Generated invalid notifications ──

const STRING_FIELDS = ['notificationId', 'child.name', 'child.sex', 'child.birthDateTime', 'mother.nik', 'familyCardNumber', 'attendant.type', 'attendant.name', 'contactPhone'];
const NUMBER_FIELDS = ['child.birthOrder', 'child.weightGrams', 'child.lengthCm'];
const OBJECT_FIELDS = ['child', 'mother', 'attendant'];
// familyCardNumber may be omitted (the mother's KK in the registry is used, issue 13 item 10): never required.
const REQUIRED = [...STRING_FIELDS.filter((field) => field !== 'familyCardNumber'), ...NUMBER_FIELDS, ...OBJECT_FIELDS];

type Body = Record<string, unknown>;
interface Mutation {
  readonly path: string;
  readonly apply: (body: Body) => void;
}

function parentOf(body: Body, path: string): [Record<string, unknown>, string] {
  const parts = path.split('.');
  let at = body as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) at = at[part] as Record<string, unknown>;
  return [at, parts.at(-1) as string];
}
const set = (path: string, value: unknown): Mutation => ({
  path,
  apply: (body) => {
    const [parent, key] = parentOf(body, path);
    parent[key] = value;
  },
});
const remove = (path: string): Mutation => ({
  path,
  apply: (body) => {
    const [parent, key] = parentOf(body, path);
    delete parent[key];
  },
});

const notString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }));
const notNumber = fc.oneof(fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }));
const notObject = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }));
const notDigits16 = fc.string({ maxLength: 20 }).filter((s) => !/^\d{16}$/.test(s));
const badNameChar = fc.constantFrom('1', '@', '<', '\u0000', '\u0007', '\n', '\u202e', '_', '#');

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, '0');
const impossibleDate = fc
  .record({ year: fc.integer({ min: 2000, max: 2026 }), month: fc.integer({ min: 1, max: 12 }), extra: fc.integer({ min: 1, max: 3 }) })
  .map(({ year, month, extra }) => `${year}-${pad(month)}-${pad(daysIn(year, month) + extra)}T10:00:00+07:00`)
  .filter((text) => Number(text.slice(8, 10)) <= 34);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom(...REQUIRED).map(remove),
  fc.tuple(fc.constantFrom(...STRING_FIELDS), notString).map(([path, value]) => set(path, value)),
  fc.tuple(fc.constantFrom(...NUMBER_FIELDS), notNumber).map(([path, value]) => set(path, value)),
  fc.tuple(fc.constantFrom(...OBJECT_FIELDS), notObject).map(([path, value]) => set(path, value)),
  fc.oneof(fc.integer({ min: -5000, max: 299 }), fc.integer({ min: 7001, max: 1_000_000 }), fc.double({ min: 301, max: 6999, noNaN: true }).filter((n) => !Number.isInteger(n))).map((v) => set('child.weightGrams', v)),
  fc.oneof(fc.double({ min: -100, max: 19.99, noNaN: true }), fc.double({ min: 70.01, max: 1e6, noNaN: true })).map((v) => set('child.lengthCm', v)),
  fc.oneof(fc.integer({ min: -10, max: 0 }), fc.integer({ min: 31, max: 1000 })).map((v) => set('child.birthOrder', v)),
  fc.constantFrom('mother.nik', 'familyCardNumber').chain((path) => notDigits16.map((v) => set(path, v))),
  fc.tuple(fc.string({ unit: 'grapheme-ascii', maxLength: 10 }), badNameChar).map(([s, bad]) => set('child.name', `Budi${bad}${s}Santoso`)),
  fc.tuple(fc.string({ maxLength: 10 }), badNameChar).map(([s, bad]) => set('attendant.name', `Sri${bad}${s}Wahyuni`)),
  fc.oneof(fc.constant(''), fc.string({ minLength: 65, maxLength: 80, unit: 'grapheme-ascii' }).map((s) => `A${s}`), fc.constantFrom(' x', 'a b', 'id?1', 'id#1', 'ïd', '-lead', 'ok\u0000')).map((v) => set('notificationId', v)),
  fc.oneof(fc.string({ maxLength: 20 }).filter((s) => !/^(\+62|62|0)8\d{7,11}$/.test(s.replace(/[\s().-]/g, ''))), fc.constantFrom('+6571234567', '0812', '08123456789012345')).map((v) => set('contactPhone', v)),
  fc.oneof(impossibleDate, fc.constantFrom('2026-11-20T08:15:00', '2026-11-20', '20/11/2026', '2026-11-20T25:00:00+07:00', '2099-01-01T10:00:00+07:00', '2026-02-29T10:00:00+07:00')).map((v) => set('child.birthDateTime', v)),
  fc.constantFrom('BOY', 'male', 'L', 'P', '').map((v) => set('child.sex', v)),
  fc.constantFrom('DUKUN', 'doctor', '').map((v) => set('attendant.type', v)),
  fc.integer({ min: 2, max: 8 }).chain((count) => fc.integer({ min: count + 1, max: 12 }).map((order) => set('child.multipleBirth', { count, order }))).map((m) => ({ ...m, path: 'child.multipleBirth.order' })),
  fc.tuple(fc.constantFrom('', 'child', 'mother', 'attendant'), fc.stringMatching(/^[A-Za-z_$][\w$]{0,11}$/).filter((k) => !['__proto__', 'constructor'].includes(k)))
    .filter(([where, key]) => !(where === '' ? Object.keys(notification()) : Object.keys((notification()[where] as Body) ?? {})).includes(key))
    .map(([where, key]) => set(where ? `${where}.${key}` : key, 'x')),
);

/** One to three mutations on unrelated fields (none inside another), so each must be reported. */
const invalidNotification = fc
  .uniqueArray(mutation, { minLength: 1, maxLength: 3, selector: (m) => m.path })
  .filter((ms) => ms.every((a) => ms.every((b) => a === b || !(b.path.startsWith(`${a.path}.`) || a.path.startsWith(`${b.path}.`)))));

describe('invalid notifications', () => {
  it('answers 1,000 generated invalid notifications with 400 and the field paths, storing nothing', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(invalidNotification, async (mutations) => {
        const body = notification({ notificationId: `gen-${n++}` });
        for (const m of mutations) m.apply(body);
        const response = await post(JSON.stringify(body));
        expect(response.status).toBe(400);
        expect(response.body.error).toBe('The request is invalid');
        const paths = pathsOf(response.body);
        for (const m of mutations) expect(paths).toContain(m.path);
        expect(response.body.issues?.every((i) => i.path.length > 0 && i.message.length > 0)).toBe(true);
      }),
      { numRuns: 1000, seed: 20261123 },
    );
    expect(await storedIntake()).toBe(0);
  }, 120_000);

  it('refuses the classics with a 4xx, never a 5xx, and stores nothing', async () => {
    const valid = () => notification({ notificationId: 'classic' });
    const cases: { name: string; body: string; contentType?: string | null; status: number; paths?: string[] }[] = [
      { name: 'JSON array', body: '[]', status: 400, paths: ['(body)'] },
      { name: 'JSON null', body: 'null', status: 400, paths: ['(body)'] },
      { name: 'JSON string', body: '"birth"', status: 400, paths: ['(body)'] },
      { name: 'JSON number', body: '42', status: 400, paths: ['(body)'] },
      { name: 'empty object', body: '{}', status: 400, paths: ['notificationId', 'child', 'mother', 'attendant', 'contactPhone'] },
      { name: 'empty body', body: '', status: 400 },
      { name: 'not JSON', body: '{not json', status: 400 },
      { name: 'truncated JSON', body: JSON.stringify(valid()).slice(0, 50), status: 400 },
      { name: 'XML', body: '<birth><child/></birth>', status: 400 },
      { name: 'weight as a string', body: JSON.stringify({ ...valid(), child: { ...(valid()['child'] as Body), weightGrams: '3150' } }), status: 400, paths: ['child.weightGrams'] },
      { name: 'birth order as a fraction', body: JSON.stringify({ ...valid(), child: { ...(valid()['child'] as Body), birthOrder: 1.5 } }), status: 400, paths: ['child.birthOrder'] },
      { name: 'child as an array', body: JSON.stringify({ ...valid(), child: [] }), status: 400, paths: ['child'] },
      { name: '2026-02-30', body: JSON.stringify({ ...valid(), child: { ...(valid()['child'] as Body), birthDateTime: '2026-02-30T10:00:00+07:00' } }), status: 400, paths: ['child.birthDateTime'] },
      { name: '2025-02-29', body: JSON.stringify({ ...valid(), child: { ...(valid()['child'] as Body), birthDateTime: '2025-02-29T10:00:00+07:00' } }), status: 400, paths: ['child.birthDateTime'] },
      { name: 'month 13', body: JSON.stringify({ ...valid(), child: { ...(valid()['child'] as Body), birthDateTime: '2026-13-01T10:00:00+07:00' } }), status: 400, paths: ['child.birthDateTime'] },
      { name: 'a NIK with day 32', body: JSON.stringify({ ...valid(), mother: { nik: '3510163203950001' } }), status: 400, paths: ['mother.nik'] },
      { name: 'NUL in the name', body: JSON.stringify({ ...valid(), child: { ...(valid()['child'] as Body), name: 'Budi\u0000' } }), status: 400, paths: ['child.name'] },
      { name: 'newline in the name', body: JSON.stringify({ ...valid(), child: { ...(valid()['child'] as Body), name: 'Siti\nRahma' } }), status: 400, paths: ['child.name'] },
      { name: 'bidi override in the name', body: JSON.stringify({ ...valid(), attendant: { type: 'MIDWIFE', name: 'Sri\u202eWahyuni' } }), status: 400, paths: ['attendant.name'] },
      { name: 'escape in the id', body: JSON.stringify({ ...valid(), notificationId: 'RS\u001b[31m' }), status: 400, paths: ['notificationId'] },
      { name: '__proto__ at the top', body: JSON.stringify(valid()).replace(/^\{/, '{"__proto__":{"polluted":true},'), status: 400, paths: ['__proto__'] },
      { name: '__proto__ in child', body: JSON.stringify(valid()).replace('"child":{', '"child":{"__proto__":{"polluted":true},'), status: 400, paths: ['child.__proto__'] },
      { name: 'constructor.prototype', body: JSON.stringify(valid()).replace(/^\{/, '{"constructor":{"prototype":{"polluted":true}},'), status: 400, paths: ['constructor'] },
      { name: '1 MB name', body: JSON.stringify({ ...valid(), child: { ...(valid()['child'] as Body), name: 'A'.repeat(1024 * 1024) } }), status: 400, paths: ['child.name'] },
      { name: '1 MB unknown field', body: JSON.stringify({ ...valid(), padding: 'x'.repeat(1024 * 1024) }), status: 400, paths: ['padding'] },
      { name: 'text/plain', body: JSON.stringify(valid()), contentType: 'text/plain', status: 415 },
      { name: 'form encoded', body: 'notificationId=x', contentType: 'application/x-www-form-urlencoded', status: 415 },
      { name: 'no content type', body: JSON.stringify(valid()), contentType: null, status: 415 },
    ];
    for (const c of cases) {
      const response = await post(c.body, c.contentType);
      expect({ case: c.name, status: response.status }).toEqual({ case: c.name, status: c.status });
      for (const path of c.paths ?? []) expect({ case: c.name, paths: pathsOf(response.body) }).toEqual({ case: c.name, paths: expect.arrayContaining([path]) });
    }
    // The handlers run in this process: a polluted prototype would show here.
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(await storedIntake()).toBe(0);
  });
});

describe('valid but unusual notifications', () => {
  const accepted = async (body: Body) => {
    const response = await post(JSON.stringify(body));
    expect({ id: body['notificationId'], status: response.status, issues: response.body.issues }).toEqual({ id: body['notificationId'], status: 202, issues: undefined });
    return (response.body as { registrationId: string }).registrationId;
  };

  it("accepts the child's names Permendagri 73/2022 allows (one word, 60 letters), and the attendant's name as written (apostrophes, hyphens, titles)", async () => {
    const names = ['Sukarno', 'I Gusti Ngurah Rai', `Raden ${'Mas '.repeat(27)}Said`.slice(0, 60).trim(), 'Ni Luh Putu Ayu Kade', 'Muhammad Al Fatih'];
    for (const [i, name] of names.entries()) {
      expect(name.length).toBeLessThanOrEqual(60);
      await accepted(notification({ notificationId: `unusual-name-${i}`, child: { name, birthDateTime: `2026-11-0${1 + (i % 9)}T10:00:00+07:00` } }));
    }
    // The newborn's name rule is not the attendant's: a registered professional keeps title and punctuation.
    const attendants = ["Ma'ruf Amin", 'Nur’aini', 'Siti-Aisyah', 'dr. Andi Wijaya, Sp.OG', `Raden ${'Mas '.repeat(27)}Said`.slice(0, 120)];
    for (const [i, name] of attendants.entries()) {
      await accepted(notification({ notificationId: `unusual-attendant-${i}`, attendant: { type: 'DOCTOR', name }, child: { birthDateTime: `2026-10-0${1 + i}T10:00:00+07:00` } }));
    }
    // A one-word attendant name, a birth at the last minute of a day in another time zone, no father.
    await accepted(notification({ notificationId: 'unusual-attendant', attendant: { type: 'OTHER', name: 'Paraji' }, father: undefined, marriageCertificateNumber: undefined, child: { birthDateTime: recentBirth({ daysAgo: 21, at: '23:59:59', offset: '+09:00' }) } }));
  });

  it('accepts triplets as three births of one mother, none flagged as a duplicate', async () => {
    const ids = [];
    for (const order of [1, 2, 3]) {
      ids.push(
        await accepted(
          notification({
            notificationId: `triplet-${order}`,
            mother: { nik: DEMO.genteng.motherNik },
            father: undefined,
            familyCardNumber: DEMO.genteng.familyCardNumber,
            child: { name: `Kembar ${['Satu', 'Dua', 'Tiga'][order - 1]}`, sex: 'FEMALE', birthDateTime: recentBirth({ daysAgo: 16, at: `03:0${order}` }), birthOrder: order, multipleBirth: { count: 3, order } },
          }),
        ),
      );
    }
    const registrar = await stack.issuer.signRegistrarToken('registrar.test');
    for (const id of ids) {
      const birth = await waitFor(
        async () => (await (await fetch(`${stack.url}/v1/births/${id}`, { headers: { authorization: `Bearer ${registrar}` } })).json()) as { status: string; checks: { code: string }[] },
        (b) => b.status === 'AWAITING_APPROVAL',
      );
      expect(birth.checks.map((c) => c.code)).not.toContain('POSSIBLE_DUPLICATE');
    }
  });
});
