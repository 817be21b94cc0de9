import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { StoredRelationship } from '../../domain/family-relationship.js';
import type { Sex } from '../../domain/nik.js';
import { dynamodb } from './aws.js';
import { familyKey, familyMemberKey, motherIndexKey, personKey } from './keys.js';
import type { Registration } from './registration.js';
import { batchGetItems } from './batch-get.js';

/**
 * The population registry as the workflow reads it: persons by NIK, family cards (KK) by number,
 * and memberships. Loaded from the office's registry export (see local/seed and the import issue).
 */
/** SHDK as stored: one of the eleven codes, or the first four (domain/family-relationship.ts). */
export type Relationship = StoredRelationship;

export interface Person {
  readonly nik: string;
  readonly name: string;
  readonly sex: Sex;
  readonly birthDate: string; // YYYY-MM-DD
  readonly birthPlace?: string;
  readonly familyCardNumber?: string;
}

export interface Family {
  readonly familyCardNumber: string;
  readonly address: { readonly districtCode: string; readonly villageCode?: string; readonly street?: string };
  readonly headNik?: string;
  readonly version: number;
  readonly issuedAt: string;
  /**
   * The latest birth date (YYYY-MM-DD) of the members the population import wrote, i.e. the members
   * this system did not add (RegisterChild's carry a registrationId and leave this alone). Kept by
   * population/import.ts; absent on a family imported before it was kept (unknown: read the members).
   * Validation reads the card's members only when this may lie within the duplicate window.
   */
  readonly latestImportedBirthDate?: string;
}

export interface FamilyMember {
  readonly nik: string;
  readonly name: string;
  readonly sex: Sex;
  readonly birthDate: string;
  readonly relationship: Relationship;
  readonly registrationId?: string;
}

export interface RegistryFacts {
  readonly family?: Family;
  readonly mother?: Person;
  readonly motherMembership?: FamilyMember;
  readonly father?: Person;
}

/**
 * One BatchGet for everything validation needs; unprocessed keys are retried by the workflow. Without
 * a KK number (the notification may omit it) the mother's record names her card: a second BatchGet
 * reads it and her membership.
 */
export async function loadRegistryFacts(
  tableName: string,
  query: { familyCardNumber?: string | undefined; motherNik: string; fatherNik?: string },
): Promise<RegistryFacts> {
  const people = [personKey(query.motherNik), ...(query.fatherNik ? [personKey(query.fatherNik)] : [])];
  const familyKeys = (familyCardNumber: string) => [familyKey(familyCardNumber), familyMemberKey(familyCardNumber, query.motherNik)];
  if (query.familyCardNumber) {
    const items = await batchGetItems(tableName, [...people, ...familyKeys(query.familyCardNumber)], { consistentRead: true });
    const [mother, father, family, motherMembership] = query.fatherNik ? items : [items[0], undefined, items[1], items[2]];
    return facts(query, mother, father, family, motherMembership);
  }
  const [mother, father] = await batchGetItems(tableName, people, { consistentRead: true });
  const registeredCard = (mother as Person | undefined)?.familyCardNumber;
  if (!registeredCard) return facts(query, mother, father, undefined, undefined);
  const [family, motherMembership] = await batchGetItems(tableName, familyKeys(registeredCard), { consistentRead: true });
  return facts(query, mother, father, family, motherMembership);
}

function facts(query: { fatherNik?: string }, mother: unknown, father: unknown, family: unknown, motherMembership: unknown): RegistryFacts {
  return {
    family: family as Family | undefined,
    mother: mother as Person | undefined,
    motherMembership: motherMembership as FamilyMember | undefined,
    father: query.fatherNik ? (father as Person | undefined) : undefined,
  };
}

/** The members of a family card, one Query (at most a few dozen items). */
export async function familyMembers(tableName: string, familyCardNumber: string): Promise<FamilyMember[]> {
  const { pk } = familyKey(familyCardNumber);
  const result = await dynamodb.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :member)',
      ExpressionAttributeValues: { ':pk': pk, ':member': 'MEMBER#' },
      ConsistentRead: true,
    }),
  );
  return (result.Items ?? []) as unknown as FamilyMember[];
}

/** Registrations of the same mother with a birth within `days` of `birthInstant` (gsi2, UTC order). */
export async function birthsOfMotherAround(
  tableName: string,
  motherNik: string,
  birthInstant: Date,
  days: number,
): Promise<Pick<Registration, 'registrationId' | 'status' | 'notification'>[]> {
  const span = days * 86_400_000;
  const result = await dynamodb.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :mother AND gsi2sk BETWEEN :from AND :to',
      ExpressionAttributeValues: {
        ':mother': motherIndexKey(motherNik),
        ':from': new Date(birthInstant.getTime() - span).toISOString(),
        ':to': `${new Date(birthInstant.getTime() + span).toISOString()}~`,
      },
      ProjectionExpression: 'registrationId, #status, notification',
      ExpressionAttributeNames: { '#status': 'status' },
    }),
  );
  return (result.Items ?? []) as Pick<Registration, 'registrationId' | 'status' | 'notification'>[];
}
