import { createHash, randomBytes } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import stringify from 'safe-stable-stringify';
import * as z from 'zod';
import type { DocumentFacts } from '../../documents/assemble.js';
import { DocumentType, IssuerSchema, type DocumentContent, type Issuer } from '../../documents/content.js';
import type { DocumentList } from '../../api/schemas.js';
import { dynamodb } from './aws.js';
import { RegistrationStateError } from './errors.js';
import { familyKey, personKey, REGISTRATION_DOCUMENT_PREFIX, registrationKey, webhookKey } from './keys.js';
import type { Person } from './population.js';
import type { Registration } from './registration.js';
import { batchGetItems } from './batch-get.js';

/**
 * The three documents of a completed registration as data: assembled (documents/assemble.ts) from
 * the registration and the population registry, frozen at issuance in the document record, digested over canonical JSON (key
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
  /** 1, 2, ...: the record's version among the registration's records of this type (absent: 1). */
  readonly version?: number;
  /** On a previous version only (functions/shared/document-versions.ts): when the next one replaced it. */
  readonly supersededAt?: string;
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

/**
 * What documents/assemble.ts `buildDocumentContents` prints, read from the registry in two reads:
 * the parents and the family card in one BatchGet, the card's members in one Query. With
 * `withWebhook`, the same BatchGet also tells whether the hospital has a webhook (for the outbox).
 */
export async function loadDocumentFacts(
  tableName: string,
  registration: Registration,
  options: { withWebhook?: boolean } = {},
): Promise<DocumentFacts & { webhookSubscribed?: boolean }> {
  const { notification } = registration;
  // The card validation resolved (the notified one, or the mother's in the registry when omitted).
  const familyCardNumber = registration.family?.familyCardNumber ?? notification.familyCardNumber;
  if (!familyCardNumber) throw new RegistrationStateError('No family card resolved for this registration yet');
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

/** The issued documents of a registration, in document order (akta, KK, KIA). */
/** The documents of a COMPLETED registration as the API lists them (ListDocuments, and the parents' view of GetBirth): one Query. */
export async function documentList(tableName: string, registrationId: string, base: string): Promise<DocumentList> {
  const records = await listDocumentRecords(tableName, registrationId);
  return {
    registrationId,
    documents: records.map((record) => ({
      type: record.type,
      number: record.number,
      issuedAt: record.issuedAt,
      verificationId: record.verificationId,
      verificationUrl: `${base}${verificationPath(record.verificationId)}`,
      url: `/v1/births/${registrationId}/documents/${record.type}`,
    })),
    bundleUrl: `/v1/births/${registrationId}/bundle`,
  };
}

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
