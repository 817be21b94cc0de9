import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { VerificationResult as VerificationBody } from '../../api/schemas.js';
import { DOCUMENT_NAMES, type DocumentContent } from '../../documents/content.js';
import { dateInZone } from '../../domain/calendar.js';
import { DocumentStatus, documentState, familyCardPrintSuperseded, type DocumentState } from '../../domain/document-state.js';
import { maskIdNumber, maskName } from '../../domain/masking.js';
import type { RegistrationStatus } from '../../domain/registration-lifecycle.js';
import { audit, verificationAuditPartition } from '../shared/audit.js';
import { dynamodb } from '../shared/aws.js';
import { CivilTimeZoneSchema, readConfig } from '../shared/config.js';
import { documentVerifier } from '../shared/document-signer.js';
import { documentRecordOf } from '../shared/document-versions.js';
import { canonicalContent, contentDigest, type DocumentRecord } from '../shared/documents.js';
import type { HttpEvent, HttpResponse } from '../shared/http.js';
import { json, publicHandler, wellFormedPathParameter } from '../shared/http.js';
import { familyKey, registrationKey } from '../shared/keys.js';
import { countAgainst, type Limit } from '../shared/rate-limit.js';
import { renderVerificationPage, type VerificationResult } from './page.js';

const config = readConfig({ CIVIL_TIME_ZONE: CivilTimeZoneSchema });

/** Per source address: generous for people scanning, slow for anyone enumerating ids. */
export const VERIFY_LIMIT: Limit = { scope: 'verify:source', max: 60, windowSeconds: 60 };

const subjectName = (content: DocumentContent): string =>
  content.type === 'FAMILY_CARD' ? content.headName : content.type === 'BIRTH_CERTIFICATE' ? content.child.name : content.name;

/**
 * When a KK print stopped being the current one: the card's next version after the printed one
 * (the member added with it, or the card's own issue time when that is the very next version).
 * Undefined while the print is the card's current version.
 */
async function familyCardSupersededAt(familyCardNumber: string, printedVersion: number): Promise<string | undefined> {
  const { Item } = await dynamodb.send(new GetCommand({ TableName: config.TABLE_NAME, Key: familyKey(familyCardNumber) }));
  const family = Item as { version?: number; issuedAt?: string } | undefined;
  if (!family?.version || !familyCardPrintSuperseded(printedVersion, family.version)) return undefined;
  const { Items } = await dynamodb.send(
    new QueryCommand({
      TableName: config.TABLE_NAME,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :member)',
      FilterExpression: 'sinceVersion > :printed',
      ProjectionExpression: 'sinceVersion, addedAt',
      ExpressionAttributeValues: { ':pk': familyKey(familyCardNumber).pk, ':member': 'MEMBER#', ':printed': printedVersion },
    }),
  );
  const next = ((Items ?? []) as { sinceVersion: number; addedAt?: string }[]).sort((a, b) => a.sinceVersion - b.sinceVersion)[0];
  return next?.addedAt ?? family.issuedAt ?? new Date(0).toISOString();
}

/** The facts domain/document-state.ts decides on, for a genuine record. */
async function stateOf(record: DocumentRecord, now: Date): Promise<DocumentState> {
  const { Item } = await dynamodb.send(
    new GetCommand({
      TableName: config.TABLE_NAME,
      Key: registrationKey(record.registrationId),
      ProjectionExpression: '#status, steps.REVOKED',
      ExpressionAttributeNames: { '#status': 'status' },
    }),
  );
  const registration = Item as { status: RegistrationStatus; steps?: { REVOKED?: { at: string } } } | undefined;
  const { content } = record;
  const supersededAt =
    record.supersededAt ?? (content.type === 'FAMILY_CARD' && content.number ? await familyCardSupersededAt(content.number, content.version) : undefined);
  return documentState({
    // A record without its registration is a state no write leaves; treat it as annulled rather than valid.
    registrationStatus: registration?.status ?? 'REVOKED',
    revokedAt: registration?.steps?.REVOKED?.at,
    supersededAt,
    validThrough: content.type === 'CHILD_ID_CARD' ? content.validThrough : undefined,
    today: dateInZone(now, config.CIVIL_TIME_ZONE),
  });
}

/**
 * Loads the document behind a verification id (its current or an archived version), checks its
 * digest and signature, then its state. `now` is the clock the state is judged by.
 */
export async function check(verificationId: string | undefined, now = new Date()): Promise<VerificationResult> {
  if (!verificationId) return { valid: false };
  const record = await documentRecordOf(config.TABLE_NAME, verificationId);
  if (!record) return { valid: false };
  // A record changed after signing (by anyone, anyhow) no longer matches its digest or signature;
  // it is checked with the key it names, which must be one the office accepts (current or retired).
  const intact =
    contentDigest(record.content) === record.digest &&
    (await documentVerifier().verify(canonicalContent(record.content), record.signature, record.signingKeyId));
  if (!intact) return { valid: false };
  const { content } = record;
  const state = await stateOf(record, now);
  return {
    valid: state.status === DocumentStatus.ACTIVE,
    state,
    type: record.type,
    typeName: DOCUMENT_NAMES[record.type],
    number: record.type === 'BIRTH_CERTIFICATE' ? record.number : maskIdNumber(record.number),
    issuedAt: record.issuedAt,
    issuer: { officeName: content.issuer.officeName, officialName: content.issuer.officialName, officialTitle: content.issuer.officialTitle },
    subject: { name: maskName(subjectName(content)) },
    ...(content.type === 'CHILD_ID_CARD' ? { validThrough: content.validThrough } : {}),
  };
}

/** What a program reads: the state and its date, the advice; never the newer version's content. */
function body(result: VerificationResult): VerificationBody {
  if (!result.state) return { valid: false };
  const { state, type, number, issuedAt, issuer, subject, validThrough } = result;
  const common = { type, number, issuedAt, issuer, subject, ...(validThrough ? { validThrough } : {}) };
  switch (state.status) {
    case 'ACTIVE':
      return { valid: true, status: state.status, ...common };
    case 'SUPERSEDED':
      return { valid: false, status: state.status, ...common, supersededAt: state.since, advice: 'A newer version of this document exists: ask its holder or the civil registry office for the current one.' };
    case 'REVOKED':
      return { valid: false, status: state.status, ...common, ...(state.since ? { revokedAt: state.since } : {}), advice: 'The registration behind this document was revoked: the document does not hold.' };
    case 'EXPIRED':
      return { valid: false, status: state.status, ...common, expiredOn: state.since, advice: 'This document is past its validity: apply to the civil registry office for a new one.' };
    default:
      return state satisfies never;
  }
}

const wantsHtml = (event: HttpEvent) => /text\/html/.test(event.headers?.['accept'] ?? '') && !/application\/json/.test(event.headers?.['accept'] ?? '');

/**
 * GET /v1/verify/{verificationId}: public, no login. JSON for programs, an HTML page for people who
 * scanned the QR code (Accept: text/html). A genuine document answers 200 with its state
 * (domain/document-state.ts): `valid` only when ACTIVE; SUPERSEDED, REVOKED and EXPIRED say since
 * when and what to do. Unknown, malformed or tampered ids answer 404 `{valid: false}`.
 * Every check is audited (source address, outcome) and rate-limited per source address.
 */
export const handler = publicHandler(async (event): Promise<HttpResponse> => {
  const sourceIp = event.requestContext.http.sourceIp;
  await countAgainst(config.TABLE_NAME, VERIFY_LIMIT, sourceIp);
  // Malformed ids (api/requests.ts PathParameterSchemas) answer as unknown ones do, and are never looked up.
  const verificationId = wellFormedPathParameter(event, 'verificationId');
  const result = await check(verificationId);
  await audit(config.TABLE_NAME, verificationAuditPartition(new Date()), {
    action: 'DOCUMENT_VERIFIED',
    actor: { kind: 'public' },
    sourceIp,
    outcome: result.valid ? 'VALID' : 'INVALID',
    detail: verificationId ? { verificationId, ...(result.state ? { status: result.state.status } : {}) } : { malformedId: true },
  });
  // A genuine document is found (200) whatever its state; only an unknown or altered one is 404.
  const statusCode = result.state ? 200 : 404;
  if (wantsHtml(event)) {
    return {
      statusCode,
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        // Not framed by another site (clickjacking a "valid" verdict), the verification id in the URL
        // not sent on as a referrer, no base or form target to hijack.
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        'x-frame-options': 'DENY',
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
      },
      body: renderVerificationPage(result),
    };
  }
  return json(statusCode, body(result));
});
