import { BatchGetCommand, BatchWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { parseCalendarDate } from '../domain/calendar.js';
import { parseRelationship, RELATIONSHIP_LABELS } from '../domain/family-relationship.js';
import { parseNik, SEXES } from '../domain/nik.js';
import { DISTRICT_CODE, VILLAGE_CODE } from '../domain/region-codes.js';
import { conditionFailure } from '../functions/shared/errors.js';
import { familyKey, familyMemberKey, nikSequenceKey, personKey } from '../functions/shared/keys.js';
import type { Family, Person } from '../functions/shared/population.js';
import { regionNamesOf, type RegionCodes } from './regions.js';

/**
 * Imports a population registry export into the registry table. Format (extra fields allowed):
 *   {"families": [{"familyCardNumber", "address": {"districtCode": "35.10.16", "villageCode"?, "street"?},
 *                  "members": [{"nik", "name", "sex": "MALE"|"FEMALE", "birthDate": "YYYY-MM-DD",
 *                               "birthPlace"?, "relationship": SHDK}]}]}
 * SHDK (domain/family-relationship.ts): kepala keluarga, suami, istri, anak, menantu, cucu, orang tua,
 * mertua, famili lain, pembantu, lainnya (any case, space or `_`), or the first codes HEAD, SPOUSE,
 * CHILD, OTHER; stored as the code (KEPALA_KELUARGA ...).
 * A bad record is reported with its position and reason and does not stop the good ones: a bad family
 * (number, address, unknown region code) is skipped whole, a bad member alone. What the registry
 * already holds is read first and never overwritten, so importing the same file again writes nothing.
 * Reasons name fields, never the values (the report may be shared; the values are personal data).
 *
 * NIK counters are seeded from the file: for every 12-digit prefix (district + DDMMYY) the counter
 * `SEQ#NIK#<prefix>` is raised to the highest serial a person of the file holds, so the next NIK
 * issued for it follows the registry's own (someone born on the same day a century ago, a child
 * registered before this system). A counter is only ever raised, never lowered: one the registry
 * table does not have yet is put, one that is lower is raised with a conditional update
 * (`lastSerial < :highest`). A birth issued between the read and the put of a new counter could be
 * overtaken; RegisterChild then finds the serial taken and takes the next (functions/register-child).
 *
 * The family item keeps `latestImportedBirthDate`, the latest birth date of the members the import
 * wrote (children registered before this system among them): validation reads the card's members for
 * its duplicate check only when that date can lie within the window (functions/validate-notification).
 * A later import raises it (conditionally, before it writes the new members); on a family held
 * without it (imported before it was kept) it stays absent, which validation takes as unknown.
 */
export interface ImportProblem {
  readonly position: string;
  readonly reason: string;
}

export interface ImportReport {
  readonly families: { readonly total: number; readonly imported: number; readonly unchanged: number; readonly rejected: number };
  readonly persons: { readonly total: number; readonly imported: number; readonly unchanged: number; readonly rejected: number };
  readonly itemsWritten: number;
  /** NIK counters (per 12-digit prefix) created or raised to the highest serial of the file. */
  readonly nikCounters: { readonly seeded: number };
  readonly problems: readonly ImportProblem[];
}

const FileSchema = z.object({ families: z.array(z.unknown()) });

const FamilySchema = z.looseObject({
  familyCardNumber: z.string().regex(/^\d{16}$/, 'familyCardNumber must have 16 digits'),
  address: z.looseObject({
    districtCode: z.string().regex(DISTRICT_CODE, 'address.districtCode must look like 35.10.16'),
    villageCode: z.string().regex(VILLAGE_CODE, 'address.villageCode must look like 35.10.16.2001').optional(),
    street: z.string().max(200).optional(),
  }),
  members: z.array(z.unknown()).min(1, 'members must not be empty'),
});

const MemberSchema = z.looseObject({
  nik: z.string().regex(/^\d{16}$/, 'nik must have 16 digits'),
  name: z.string().trim().min(1, 'name is required').max(120, 'name is too long'),
  sex: z.enum(SEXES, 'sex must be MALE or FEMALE'),
  birthDate: z.string().refine((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && parseCalendarDate(d) !== null, 'birthDate must be a real YYYY-MM-DD date'),
  birthPlace: z.string().max(80).optional(),
  relationship: z.string('relationship is required'),
}).transform((member, ctx) => {
  const relationship = parseRelationship(member.relationship, member.sex);
  if (!relationship) {
    ctx.addIssue({ code: 'custom', message: `relationship must be one of ${Object.values(RELATIONSHIP_LABELS).join(', ').toLowerCase()} (or HEAD, SPOUSE, CHILD, OTHER)` });
    return z.NEVER;
  }
  return { ...member, relationship };
});

type MemberRecord = z.infer<typeof MemberSchema>;

/** Why a NIK cannot belong to this member, or undefined when its date and sex parts agree. */
export function nikContradiction(member: Pick<MemberRecord, 'nik' | 'sex' | 'birthDate'>): string | undefined {
  const parts = parseNik(member.nik);
  if (!parts) return 'nik is malformed (its date part is impossible)';
  const birth = parseCalendarDate(member.birthDate);
  if (!birth) return 'birthDate is not a real date';
  if (parts.sex !== member.sex) return 'nik encodes the other sex (day + 40 is for women)';
  if (parts.day !== birth.day || parts.month !== birth.month || parts.yearTwoDigits !== birth.year % 100) {
    return 'the date part of nik contradicts birthDate';
  }
  return undefined;
}

const firstMessage = (error: z.ZodError) => error.issues[0]?.message ?? 'invalid';

interface PlannedFamily {
  readonly position: string;
  readonly family: z.infer<typeof FamilySchema>;
  readonly members: { readonly position: string; readonly member: MemberRecord }[];
}

async function batchGet(client: DynamoDBDocumentClient, tableName: string, keys: { pk: string; sk: string }[], concurrency: number) {
  const found = new Map<string, Record<string, unknown>>();
  const chunks = chunk(keys, 100);
  await pool(chunks, concurrency, async (keysChunk) => {
    let pending: { pk: string; sk: string }[] = keysChunk;
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      const result = await client.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending } } }));
      for (const item of result.Responses?.[tableName] ?? []) found.set(String(item['pk']), item);
      pending = (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as { pk: string; sk: string }[];
      if (pending.length > 0) await backoff(attempt);
    }
  });
  return found;
}

async function batchWrite(client: DynamoDBDocumentClient, tableName: string, items: Record<string, unknown>[], concurrency: number) {
  await pool(chunk(items, 25), concurrency, async (itemsChunk) => {
    let pending = itemsChunk.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (result.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      if (pending.length > 0) await backoff(attempt);
    }
  });
}

export async function importPopulation(
  client: DynamoDBDocumentClient,
  tableName: string,
  data: unknown,
  options: { regions: RegionCodes; concurrency?: number; now?: Date },
): Promise<ImportReport> {
  const file = FileSchema.safeParse(data);
  if (!file.success) throw new Error('Not a population export: expected {"families": [...]}');
  const concurrency = options.concurrency ?? 8;
  const problems: ImportProblem[] = [];
  const planned: PlannedFamily[] = [];
  const seenNik = new Map<string, string>();
  const seenFamily = new Set<string>();
  let personsTotal = 0;
  let personsRejected = 0;

  file.data.families.forEach((raw, i) => {
    const position = `families[${i}]`;
    const rawMembers = (raw as { members?: unknown })?.members;
    const memberCount = Array.isArray(rawMembers) ? rawMembers.length : 0;
    personsTotal += memberCount;
    const reject = (reason: string) => {
      problems.push({ position, reason });
      personsRejected += memberCount;
    };
    const parsed = FamilySchema.safeParse(raw);
    if (!parsed.success) return reject(firstMessage(parsed.error));
    const family = parsed.data;
    if (seenFamily.has(family.familyCardNumber)) return reject('familyCardNumber appears twice in the file');
    if (!options.regions.districts.has(family.address.districtCode)) return reject('address.districtCode is not a Kemendagri district code');
    const { villageCode } = family.address;
    if (villageCode && options.regions.villages.get(villageCode) !== family.address.districtCode) {
      return reject('address.villageCode is not a village of that district');
    }
    if (!family.familyCardNumber.startsWith(family.address.districtCode.replace(/\./g, ''))) {
      return reject('familyCardNumber does not start with the district code of the address');
    }
    seenFamily.add(family.familyCardNumber);
    const members: PlannedFamily['members'] = [];
    family.members.forEach((rawMember, j) => {
      const memberPosition = `${position}.members[${j}]`;
      const member = MemberSchema.safeParse(rawMember);
      const reason = member.success ? nikContradiction(member.data) : firstMessage(member.error);
      const earlier = member.success ? seenNik.get(member.data.nik) : undefined;
      if (reason || earlier || !member.success) {
        problems.push({ position: memberPosition, reason: reason ?? `nik already appears at ${earlier}` });
        personsRejected += 1;
        return;
      }
      seenNik.set(member.data.nik, memberPosition);
      members.push({ position: memberPosition, member: member.data });
    });
    planned.push({ position, family, members });
  });

  // The highest serial of each NIK prefix in the file.
  const highestSerial = new Map<string, number>();
  for (const { members } of planned) {
    for (const { member } of members) {
      const prefix = member.nik.slice(0, 12);
      highestSerial.set(prefix, Math.max(highestSerial.get(prefix) ?? 0, Number(member.nik.slice(12))));
    }
  }

  // What the registry already holds: never overwritten, and a NIK cannot silently change family.
  const existing = await batchGet(
    client,
    tableName,
    [
      ...planned.flatMap((p) => [familyKey(p.family.familyCardNumber), ...p.members.map((m) => personKey(m.member.nik))]),
      ...[...highestSerial.keys()].map((prefix) => nikSequenceKey(prefix)),
    ],
    concurrency,
  );
  const issuedAt = (options.now ?? new Date()).toISOString();
  const items: Record<string, unknown>[] = [];
  let familiesImported = 0;
  let familiesUnchanged = 0;
  let personsImported = 0;
  let personsUnchanged = 0;
  // Families already held whose latest imported birth date this file raises (written before the members).
  const raiseLatest: { familyCardNumber: string; birthDate: string }[] = [];
  for (const { family, members } of planned) {
    const stored = existing.get(familyKey(family.familyCardNumber).pk) as Family | undefined;
    // The card's members written by the import (this file's, and those an earlier run of it wrote): their latest birth date.
    const onCard = members.filter(({ member }) => {
      const person = existing.get(personKey(member.nik).pk) as Person | undefined;
      return !person || (!stored && person.familyCardNumber === family.familyCardNumber);
    });
    const latestImportedBirthDate = latestDate(onCard.map(({ member }) => member.birthDate));
    const { districtCode, villageCode, street } = family.address;
    const address = {
      districtCode,
      ...(villageCode ? { villageCode } : {}),
      ...(street ? { street } : {}),
      ...regionNamesOf(options.regions, districtCode, villageCode),
    };
    if (stored) familiesUnchanged += 1;
    else {
      familiesImported += 1;
      const head = members.find((m) => m.member.relationship === 'KEPALA_KELUARGA');
      items.push({
        ...familyKey(family.familyCardNumber),
        familyCardNumber: family.familyCardNumber,
        address,
        ...(head ? { headNik: head.member.nik } : {}),
        version: 1,
        issuedAt,
        ...(latestImportedBirthDate ? { latestImportedBirthDate } : {}),
      });
    }
    // A card held before: raised only where it has the date (absent means unknown, and stays so: validation reads the members).
    const storedLatest = stored?.latestImportedBirthDate;
    if (storedLatest && latestImportedBirthDate && latestImportedBirthDate > storedLatest) {
      raiseLatest.push({ familyCardNumber: family.familyCardNumber, birthDate: latestImportedBirthDate });
    }
    for (const { position, member } of members) {
      const person = existing.get(personKey(member.nik).pk) as Person | undefined;
      if (person && person.familyCardNumber !== family.familyCardNumber) {
        problems.push({ position, reason: 'nik is already registered in another family' });
        personsRejected += 1;
        continue;
      }
      if (person) {
        personsUnchanged += 1;
        continue;
      }
      personsImported += 1;
      const record = {
        nik: member.nik,
        name: member.name.trim(),
        sex: member.sex,
        birthDate: member.birthDate,
        ...(member.birthPlace ? { birthPlace: member.birthPlace } : {}),
      };
      items.push({ ...personKey(member.nik), ...record, familyCardNumber: family.familyCardNumber });
      items.push({ ...familyMemberKey(family.familyCardNumber, member.nik), ...record, relationship: member.relationship });
    }
  }
  // NIK counters: put where absent, raised (conditionally) where lower, untouched otherwise.
  const now = issuedAt;
  const raise: { prefix: string; serial: number }[] = [];
  for (const [prefix, serial] of highestSerial) {
    const stored = existing.get(nikSequenceKey(prefix).pk)?.['lastSerial'];
    if (stored === undefined) items.push({ ...nikSequenceKey(prefix), lastSerial: serial, updatedAt: now });
    else if (Number(stored) < serial) raise.push({ prefix, serial });
  }
  const countersPut = items.filter((item) => String(item['pk']).startsWith('SEQ#NIK#')).length;
  /** Sets `attribute` to `value` where it is lower (a conditional update: 1 when raised, 0 when not). */
  const raiseWhereLower = async (key: Record<string, string>, attribute: string, value: string | number, extra: Record<string, string> = {}): Promise<number> => {
    try {
      const sets = [`${attribute} = :value`, ...Object.keys(extra).map((name) => `${name} = :${name}`)];
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key,
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: `${attribute} < :value`,
          ExpressionAttributeValues: { ':value': value, ...Object.fromEntries(Object.entries(extra).map(([name, v]) => [`:${name}`, v])) },
        }),
      );
      return 1;
    } catch (error) {
      if (!conditionFailure(error)) throw error; // raised meanwhile (another import, a birth): higher already
      return 0;
    }
  };
  // Before the members: a run that stops between the two leaves the date too late (a Query more at
  // validation), never too early (a duplicate missed).
  let familiesRaised = 0;
  await pool(raiseLatest, concurrency, async ({ familyCardNumber, birthDate }) => {
    familiesRaised += await raiseWhereLower(familyKey(familyCardNumber), 'latestImportedBirthDate', birthDate);
  });
  await batchWrite(client, tableName, items, concurrency);
  let countersRaised = 0;
  await pool(raise, concurrency, async ({ prefix, serial }) => {
    countersRaised += await raiseWhereLower(nikSequenceKey(prefix), 'lastSerial', serial, { updatedAt: now });
  });
  return {
    families: { total: file.data.families.length, imported: familiesImported, unchanged: familiesUnchanged, rejected: file.data.families.length - planned.length },
    persons: { total: personsTotal, imported: personsImported, unchanged: personsUnchanged, rejected: personsRejected },
    itemsWritten: items.length + countersRaised + familiesRaised,
    nikCounters: { seeded: countersPut + countersRaised },
    problems,
  };
}

/** The latest of YYYY-MM-DD dates (they sort as text), or undefined for none. */
const latestDate = (dates: readonly string[]): string | undefined => dates.reduce<string | undefined>((latest, d) => (latest === undefined || d > latest ? d : latest), undefined);

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function pool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        await work(item);
      }
    }),
  );
}

const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt) * Math.random()));
