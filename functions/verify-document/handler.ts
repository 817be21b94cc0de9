import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { VerificationResult as VerificationBody } from '../../api/schemas.js';
import { DOCUMENT_NAMES, type DocumentContent } from '../../documents/content.js';
import { maskIdNumber, maskName } from '../../domain/masking.js';
import { audit, verificationAuditPartition } from '../shared/audit.js';
import { dynamodb } from '../shared/aws.js';
import { readConfig } from '../shared/config.js';
import { documentVerifier } from '../shared/document-signer.js';
import { canonicalContent, contentDigest, type DocumentRecord } from '../shared/documents.js';
import type { HttpEvent, HttpResponse } from '../shared/http.js';
import { json, publicHandler, wellFormedPathParameter } from '../shared/http.js';
import { registrationDocumentKey, verificationKey } from '../shared/keys.js';
import { countAgainst, type Limit } from '../shared/rate-limit.js';
import { renderVerificationPage, type VerificationResult } from './page.js';

const config = readConfig();

/** Per source address: generous for people scanning, slow for anyone enumerating ids. */
export const VERIFY_LIMIT: Limit = { scope: 'verify:source', max: 60, windowSeconds: 60 };

const subjectName = (content: DocumentContent): string =>
  content.type === 'FAMILY_CARD' ? content.headName : content.type === 'BIRTH_CERTIFICATE' ? content.child.name : content.name;

/** Loads the document behind a verification id and checks its digest and signature. */
async function check(verificationId: string | undefined): Promise<VerificationResult> {
  if (!verificationId) return { valid: false };
  const pointer = await dynamodb.send(new GetCommand({ TableName: config.TABLE_NAME, Key: verificationKey(verificationId) }));
  const ref = pointer.Item as { registrationId: string; type: DocumentRecord['type'] } | undefined;
  if (!ref) return { valid: false };
  const { Item } = await dynamodb.send(new GetCommand({ TableName: config.TABLE_NAME, Key: registrationDocumentKey(ref.registrationId, ref.type) }));
  const record = Item as DocumentRecord | undefined;
  if (!record || record.verificationId !== verificationId) return { valid: false };
  // A record changed after signing (by anyone, anyhow) no longer matches its digest or signature;
  // it is checked with the key it names, which must be one the office accepts (current or retired).
  const intact =
    contentDigest(record.content) === record.digest &&
    (await documentVerifier().verify(canonicalContent(record.content), record.signature, record.signingKeyId));
  if (!intact) return { valid: false };
  const { content } = record;
  return {
    valid: true,
    type: record.type,
    typeName: DOCUMENT_NAMES[record.type],
    number: record.type === 'BIRTH_CERTIFICATE' ? record.number : maskIdNumber(record.number),
    issuedAt: record.issuedAt,
    issuer: { officeName: content.issuer.officeName, officialName: content.issuer.officialName, officialTitle: content.issuer.officialTitle },
    subject: { name: maskName(subjectName(content)) },
  };
}

const wantsHtml = (event: HttpEvent) => /text\/html/.test(event.headers?.['accept'] ?? '') && !/application\/json/.test(event.headers?.['accept'] ?? '');

/**
 * GET /v1/verify/{verificationId}: public, no login. JSON for programs, an HTML page for people who
 * scanned the QR code (Accept: text/html). Unknown, malformed or tampered ids answer 404 `valid: false`.
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
    detail: verificationId ? { verificationId } : { malformedId: true },
  });
  const statusCode = result.valid ? 200 : 404;
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
  if (!result.valid) return json(statusCode, { valid: false } satisfies VerificationBody);
  const { type, number, issuedAt, issuer, subject } = result;
  return json(statusCode, { valid: true, type, number, issuedAt, issuer, subject } satisfies VerificationBody);
});
