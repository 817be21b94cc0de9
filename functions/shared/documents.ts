import { createHash, randomBytes } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import stringify from 'safe-stable-stringify';
import * as z from 'zod';
import { dateInWib, formatIsoDate, parseCalendarDate } from '../../domain/calendar.js';
import { underFiveKiaValidThrough } from '../../domain/child-id-card.js';
import {
  DocumentType,
  IssuerSchema,
  type Address,
  type BirthCertificateContent,
  type ChildIdCardContent,
  type DocumentContent,
  type FamilyCardContent,
  type Issuer,
} from '../../documents/content.js';
import { dynamodb } from './aws.js';
import { familyKey, personKey, REGISTRATION_DOCUMENT_PREFIX, registrationKey, webhookKey } from './keys.js';
import type { Family, FamilyMember, Person } from './population.js';
import type { Registration } from './registration.js';
import { batchGetItems } from './batch-get.js';

/**
 * The three documents of a completed registration as data: assembled from the registration and the
 * population registry, frozen at issuance in the document record, digested over canonical JSON (key
 * order cannot change a digest) and signed. PDFs are rendered from the record on demand, so
 * re-rendering always shows the same content with the same digest.
 */
export interface DocumentRecord {
  readonly registrationId: string;
  readonly type: DocumentType;
  readonly number: string;
  readonly verificationId: string;
  readonly content: DocumentContent;
  /** hex SHA-256 of the canonical content */
  readonly digest: string;
  /** base64 DER ECDSA P-256 signature over the canonical content */
  readonly signature: string;
  readonly signingKeyId: string;
  readonly issuedAt: string;
}

export const canonicalContent = (content: DocumentContent): Buffer => Buffer.from(stringify(content) as string, 'utf8');
export const contentDigest = (content: DocumentContent): string => createHash('sha256').update(canonicalContent(content)).digest('hex');

/** 130 random bits, Crockford base32, lower case: unguessable, not derived from any number or NIK. */
export function newVerificationId(): string {
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  const bytes = randomBytes(17);
  let out = '';
  for (let i = 0; i < 26; i += 1) {
    const bit = i * 5;
    const byte = bit >> 3;
    const value = (((bytes[byte] ?? 0) << 8) | (bytes[byte + 1] ?? 0)) >> (11 - (bit & 7));
    out += alphabet[value & 31];
  }
  return out;
}

export const verificationPath = (verificationId: string) => `/v1/verify/${verificationId}`;

/** DOCUMENT_ISSUER: the issuing office and signing official, as JSON (built from cdk.json by both stacks). */
export function readIssuer(env: NodeJS.ProcessEnv = process.env): Issuer {
  return IssuerSchema.parse(JSON.parse(z.string().min(2).parse(env['DOCUMENT_ISSUER'])));
}

export interface DocumentFacts {
  readonly mother?: Person;
  readonly father?: Person;
  readonly family?: Family & { readonly address: Family['address'] & Partial<Pick<Address, 'districtName' | 'regencyName' | 'provinceName' | 'villageName'>> };
  readonly members: readonly (FamilyMember & { readonly birthPlace?: string; readonly sinceVersion?: number })[];
}

/**
 * Two reads: the parents and the family card in one BatchGet, the card's members in one Query. With
 * `withWebhook`, the same BatchGet also tells whether the hospital has a webhook (for the outbox).
 */
export async function loadDocumentFacts(
  tableName: string,
  registration: Registration,
  options: { withWebhook?: boolean } = {},
): Promise<DocumentFacts & { webhookSubscribed?: boolean }> {
  const { notification } = registration;
  const familyCardNumber = registration.family?.familyCardNumber ?? notification.familyCardNumber;
  const webhook = webhookKey(registration.facilityId);
  const keys = [
    familyKey(familyCardNumber),
    personKey(notification.mother.nik),
    ...(notification.father ? [personKey(notification.father.nik)] : []),
    ...(options.withWebhook ? [webhook] : []),
  ];
  const [batch, members] = await Promise.all([
    batchGetItems(tableName, keys, { consistentRead: true }),
    dynamodb.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :member)',
        ExpressionAttributeValues: { ':pk': familyKey(familyCardNumber).pk, ':member': 'MEMBER#' },
        ConsistentRead: true,
      }),
    ),
  ]);
  const find = (key: { pk: string }) => batch[keys.findIndex((k) => k.pk === key.pk)];
  return {
    family: find(familyKey(familyCardNumber)) as DocumentFacts['family'],
    mother: find(personKey(notification.mother.nik)) as Person | undefined,
    father: notification.father ? (find(personKey(notification.father.nik)) as Person | undefined) : undefined,
    members: (members.Items ?? []) as unknown as DocumentFacts['members'],
    ...(options.withWebhook ? { webhookSubscribed: find(webhook) !== undefined } : {}),
  };
}

const ZONES = { '+07:00': 'WIB', '+08:00': 'WITA', '+09:00': 'WIT' } as const;

/** The local date and clock time of birth as the hospital reported it; other offsets are shown in WIB. */
function localBirthTime(birthDateTime: string): { birthDate: string; birthTime: string; timeZone: 'WIB' | 'WITA' | 'WIT' } {
  const offset = /([+-]\d{2}:\d{2}|Z)$/.exec(birthDateTime)?.[1] ?? 'Z';
  const zone = ZONES[offset as keyof typeof ZONES];
  if (zone) return { birthDate: birthDateTime.slice(0, 10), birthTime: birthDateTime.slice(11, 16), timeZone: zone };
  const wib = new Date(Date.parse(birthDateTime) + 7 * 3600_000).toISOString();
  return { birthDate: wib.slice(0, 10), birthTime: wib.slice(11, 16), timeZone: 'WIB' };
}

const dayOf = (instant: string | undefined, fallback: Date): string => formatIsoDate(dateInWib(instant ? new Date(instant) : fallback));

const RELATIONSHIP_ORDER = { HEAD: 0, SPOUSE: 1, CHILD: 2, OTHER: 3 } as const;

/**
 * The akta, the KK print and the KIA for `registration`. With `draft`, numbers not issued yet are
 * null and the newborn is shown joining the card in its next version: what the registrar approves
 * is what will be printed.
 */
export function buildDocumentContents(input: {
  registration: Registration;
  facts: DocumentFacts;
  issuer: Issuer;
  now?: Date;
}): [BirthCertificateContent, FamilyCardContent, ChildIdCardContent] {
  const { registration, facts, issuer } = input;
  const now = input.now ?? new Date();
  const { notification, issued, steps } = registration;
  const { child } = notification;
  const family = facts.family;
  if (!family || !facts.mother) throw new Error('The family card and the mother must be in the registry to issue documents');
  const birth = localBirthTime(child.birthDateTime);
  const birthPlace = child.birthPlace ?? issuer.placeOfIssue;
  const mother = { nik: facts.mother.nik, name: facts.mother.name };
  // Without a marriage record the akta names the mother only ("anak seorang ibu").
  const father = notification.marriageCertificateNumber && facts.father ? { nik: facts.father.nik, name: facts.father.name } : null;
  const nik = issued.nik ?? null;

  const familyVersion = issued.familyCardVersion ?? family.version + 1;
  const existing = facts.members.filter((m) => m.registrationId !== registration.registrationId && (m.sinceVersion ?? 0) <= familyVersion);
  const newborn = {
    nik,
    name: child.name,
    sex: child.sex,
    birthPlace,
    birthDate: birth.birthDate,
    relationship: 'CHILD' as const,
    motherName: mother.name,
    ...(father ? { fatherName: father.name } : {}),
  };
  const members = [
    ...existing.map((m) => ({
      nik: m.nik,
      name: m.name,
      sex: m.sex,
      ...(m.birthPlace ? { birthPlace: m.birthPlace } : {}),
      birthDate: m.birthDate,
      relationship: m.relationship,
    })),
    newborn,
  ].sort((a, b) => RELATIONSHIP_ORDER[a.relationship] - RELATIONSHIP_ORDER[b.relationship] || a.birthDate.localeCompare(b.birthDate));
  const head = facts.members.find((m) => m.relationship === 'HEAD');
  const headName = head?.name ?? mother.name;
  const { districtCode, villageCode, street, districtName, regencyName, provinceName, villageName } = family.address;
  const address: Address = {
    districtCode,
    ...(villageCode ? { villageCode } : {}),
    ...(street ? { street } : {}),
    ...(villageName ? { villageName } : {}),
    districtName: districtName ?? districtCode,
    regencyName: regencyName ?? districtCode.slice(0, 5),
    provinceName: provinceName ?? districtCode.slice(0, 2),
  };

  const birthCertificate: BirthCertificateContent = {
    type: DocumentType.BIRTH_CERTIFICATE,
    number: issued.birthCertificateNumber ?? null,
    nik,
    child: {
      name: child.name,
      sex: child.sex,
      ...birth,
      birthPlace,
      birthOrder: child.birthOrder,
      ...(child.multipleBirth ? { multipleBirth: child.multipleBirth } : {}),
    },
    mother,
    father,
    issuedOn: issued.birthCertificateIssuedOn ?? dayOf(undefined, now),
    issuer,
  };
  const familyCard: FamilyCardContent = {
    type: DocumentType.FAMILY_CARD,
    number: family.familyCardNumber,
    version: familyVersion,
    issuedOn: dayOf(steps.FAMILY_CARD_UPDATED?.at, now),
    headName,
    address,
    members,
    issuer,
  };
  const birthDate = parseCalendarDate(birth.birthDate);
  if (!birthDate) throw new Error('Unreadable birth date');
  const childIdCard: ChildIdCardContent = {
    type: DocumentType.CHILD_ID_CARD,
    number: issued.childIdCardNumber ?? null,
    name: child.name,
    sex: child.sex,
    birthPlace,
    birthDate: birth.birthDate,
    familyCardNumber: family.familyCardNumber,
    headName,
    birthCertificateNumber: issued.birthCertificateNumber ?? null,
    address,
    kind: '0-5',
    validThrough: issued.childIdCardValidThrough ?? formatIsoDate(underFiveKiaValidThrough(birthDate)),
    issuedOn: dayOf(steps.CHILD_ID_CARD_ISSUED?.at, now),
    issuer,
  };
  return [birthCertificate, familyCard, childIdCard];
}

/** The issued documents of a registration, in document order (akta, KK, KIA). */
export async function listDocumentRecords(tableName: string, registrationId: string): Promise<DocumentRecord[]> {
  const { Items } = await dynamodb.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :doc)',
      ExpressionAttributeValues: { ':pk': registrationKey(registrationId).pk, ':doc': REGISTRATION_DOCUMENT_PREFIX },
      ConsistentRead: true,
    }),
  );
  const order: readonly DocumentType[] = [DocumentType.BIRTH_CERTIFICATE, DocumentType.FAMILY_CARD, DocumentType.CHILD_ID_CARD];
  return ((Items ?? []) as DocumentRecord[]).sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
}
