import { childIdCardIssued } from '../../domain/child-id-card.js';
import { NotificationEvent } from '../../domain/notification-messages.js';
import { allows } from '../../domain/registration-lifecycle.js';
import { CivilTimeZoneSchema, readConfig } from '../shared/config.js';
import { documentSigner } from '../shared/document-signer.js';
import { buildDocumentContents } from '../../documents/assemble.js';
import {
  canonicalContent,
  contentDigest,
  loadDocumentFacts,
  newVerificationId,
  readIssuer,
  type DocumentRecord,
} from '../shared/documents.js';
import { RegistrationStateError } from '../shared/errors.js';
import { registrationDocumentKey, verificationKey } from '../shared/keys.js';
import { logger } from '../shared/logger.js';
import { countEvent, recordDurationSince } from '../shared/metrics.js';
import { messageSettings, outboxEntriesFor } from '../shared/outbox.js';
import { loadRegistration, RegistrationStatus } from '../shared/registration.js';
import { registrationRepository } from '../shared/registration-repository.js';
import { registrationFactItem } from '../shared/stats.js';
import { StepInputSchema, taskHandler } from '../shared/task.js';

const config = readConfig({ CIVIL_TIME_ZONE: CivilTimeZoneSchema });
const repository = registrationRepository(config.TABLE_NAME);
const issuer = readIssuer();

/**
 * Step 4, the end: the akta, the KK print and the KIA become documents, and the registration is
 * COMPLETED. Each document's content is frozen, digested and signed (KMS in AWS, a key file locally)
 * and gets an unguessable verification id for its QR code. The three records, their verification
 * pointers, the COMPLETED status and timeline, the parents' SMS and the hospital's webhook event
 * (functions/shared/outbox.ts) and the dashboard's fact are written in one transaction, conditional on
 * the registration still ISSUING: a retried or re-run step finds it COMPLETED and issues nothing.
 */
export const handler = taskHandler(StepInputSchema, async ({ registrationId }) => {
  const registration = await loadRegistration(config.TABLE_NAME, registrationId);
  if (registration.status === RegistrationStatus.COMPLETED) return {};
  if (!allows('complete', registration.status)) {
    throw new RegistrationStateError(`Cannot issue documents in status ${registration.status}`);
  }
  const { nik, familyCardNumber, birthCertificateNumber, childIdCardNumber } = registration.issued;
  // A child of 5 or older has no KIA yet (it waits for a photo) or none at all: akta and KK only.
  if (!nik || !familyCardNumber || !birthCertificateNumber || (childIdCardIssued(registration.issued) && !childIdCardNumber)) {
    throw new RegistrationStateError('Documents need the NIK, KK entry, akta and KIA numbers first');
  }
  const { webhookSubscribed, ...facts } = await loadDocumentFacts(config.TABLE_NAME, registration, { withWebhook: true });
  const contents = buildDocumentContents({ registration, facts, issuer, timeZone: config.CIVIL_TIME_ZONE });
  const signer = documentSigner();
  const issuedAt = new Date().toISOString();
  const records: DocumentRecord[] = await Promise.all(
    contents.map(async (content) => ({
      registrationId,
      type: content.type,
      number: content.number as string,
      verificationId: newVerificationId(),
      content,
      digest: contentDigest(content),
      signature: await signer.sign(canonicalContent(content)),
      signingKeyId: signer.keyId,
      issuedAt,
    })),
  );
  const outbox = await outboxEntriesFor(config.TABLE_NAME, registration, NotificationEvent.COMPLETED, messageSettings(), issuedAt, webhookSubscribed);
  const fact = registrationFactItem({
    registrationId,
    submittedAt: registration.createdAt,
    documentsAt: issuedAt,
    late: (registration.checks ?? []).some((check) => check.code === 'LATE_REGISTRATION'),
  });
  const putOnce = (Item: Record<string, unknown>) => ({ Put: { TableName: config.TABLE_NAME, Item, ConditionExpression: 'attribute_not_exists(pk)' } });
  const written = await repository.complete(registrationId, issuedAt, [
    ...records.flatMap((record) => [
      putOnce({ ...registrationDocumentKey(registrationId, record.type), ...record }),
      putOnce({ ...verificationKey(record.verificationId), registrationId, type: record.type }),
    ]),
    ...outbox,
    putOnce(fact),
  ]);
  // Another attempt completed it a moment ago (its documents stand), or the registration moved on.
  if (written.outcome === 'already-applied') return {};
  if (written.outcome === 'refused') throw new RegistrationStateError(`Cannot issue documents in status ${written.current?.status ?? `${registration.status}: its documents exist`}`);
  countEvent('RegistrationsCompleted');
  recordDurationSince('TimeToDocuments', registration.createdAt);
  logger.info('Documents issued and signed; registration completed', { types: records.map((r) => r.type), notificationsQueued: outbox.length });
  return {};
});
