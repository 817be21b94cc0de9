import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import stringify from 'safe-stable-stringify';
import {
  AmendmentKind,
  AmendmentStatus,
  applyCorrection,
  changedPaths,
  marginalNote,
  nextPrintNumber,
  nikChangingFields,
} from '../../domain/amendment.js';
import { dateInZone, formatIsoDate } from '../../domain/calendar.js';
import { NotificationEvent } from '../../domain/notification-messages.js';
import { allows } from '../../domain/registration-lifecycle.js';
import { buildDocumentContents } from '../../documents/assemble.js';
import type { DocumentContent } from '../../documents/content.js';
import { amendmentRepository, getAmendment, type Amendment } from '../shared/amendments.js';
import { auditItem, registrationAuditPartition } from '../shared/audit.js';
import { CivilTimeZoneSchema, readConfig } from '../shared/config.js';
import { documentSigner } from '../shared/document-signer.js';
import { supersedeDocumentItems } from '../shared/document-versions.js';
import { canonicalContent, contentDigest, listDocumentRecords, loadDocumentFacts, newVerificationId, readIssuer, type DocumentRecord } from '../shared/documents.js';
import { RegistrationStateError } from '../shared/errors.js';
import { familyKey, familyMemberKey, personKey } from '../shared/keys.js';
import { logger } from '../shared/logger.js';
import { messageSettings, outboxEntriesFor } from '../shared/outbox.js';
import { loadRegistration, type Registration } from '../shared/registration.js';
import { registrationRepository } from '../shared/registration-repository.js';
import { AmendmentStepInputSchema, amendmentTaskHandler } from '../shared/task.js';

const config = readConfig({ CIVIL_TIME_ZONE: CivilTimeZoneSchema });
const repository = registrationRepository(config.TABLE_NAME);
const amendments = amendmentRepository(config.TABLE_NAME);
const issuer = readIssuer();

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** What a print says, apart from when it was printed: a KK print or KIA whose content is the same is not re-issued. */
const sameContent = (a: DocumentContent, b: DocumentContent): boolean => stringify({ ...a, issuedOn: null }) === stringify({ ...b, issuedOn: null });

/**
 * The amendment workflow's effect, in one transaction conditional on the registration's open
 * amendment being this one (functions/shared/registration-repository.ts `applyAmendment`):
 *
 * Correction: the notification as corrected; the akta always gets a new version (same number, the next
 * print number, a marginal note of what was corrected, on what basis, when and by whom); the KK print
 * and the KIA get one only if what they print changed. Each new version has its own content, digest,
 * signature and verification id; the previous one is kept (`DOCV#`) and its QR code answers SUPERSEDED
 * (functions/shared/document-versions.ts). The child's person and KK member records take the corrected
 * name and place.
 *
 * Revocation: status REVOKED (every document of the registration answers REVOKED), the child's person
 * record deactivated (kept: the NIK is never issued again, its number guard stays), the child's KK
 * member record removed and the card's version moved on (a new KK version without the child).
 *
 * Either way the amendment becomes APPLIED, the parents' SMS and the hospital's webhook event are
 * queued and the audit event written, in the same transaction. A crash before it leaves nothing (the
 * retry signs afresh); a replay after it finds the amendment APPLIED and writes nothing: exactly one
 * new version of each document.
 */
export const handler = amendmentTaskHandler(AmendmentStepInputSchema, async ({ amendmentId }) => {
  const amendment = await getAmendment(config.TABLE_NAME, amendmentId);
  if (!amendment) throw new RegistrationStateError(`Amendment ${amendmentId} does not exist`);
  logger.appendKeys({ registrationId: amendment.registrationId });
  if (amendment.status === AmendmentStatus.APPLIED) return {};
  if (amendment.status !== AmendmentStatus.APPROVED || !amendment.decision) throw new RegistrationStateError(`Cannot apply an amendment in status ${amendment.status}`);
  const registration = await loadRegistration(config.TABLE_NAME, amendment.registrationId);
  if ((registration.appliedAmendmentIds ?? []).includes(amendmentId)) return {};
  const transition = amendment.kind === AmendmentKind.CORRECTION ? 'correct' : 'revoke';
  if (registration.openAmendmentId !== amendmentId || !allows(transition, registration.status)) {
    throw new RegistrationStateError(`Cannot apply the amendment to a registration in status ${registration.status}`);
  }
  const now = new Date();
  const at = now.toISOString();
  const { set, others, reissued, event } =
    amendment.kind === AmendmentKind.CORRECTION ? await correction(registration, amendment, now) : await revocation(registration, amendment, now);
  const outbox = await outboxEntriesFor(
    config.TABLE_NAME,
    { ...registration, ...(set['notification'] ? { notification: set['notification'] as Registration['notification'] } : {}) },
    event,
    messageSettings(),
    at,
    undefined,
    event === NotificationEvent.CORRECTED ? amendmentId : undefined,
  );
  const audit = auditItem(
    registrationAuditPartition(registration.registrationId),
    {
      action: amendment.kind === AmendmentKind.CORRECTION ? 'CORRECTION_APPLIED' : 'REVOCATION_APPLIED',
      actor: { kind: 'system' },
      outcome: 'ALLOWED',
      detail: { amendmentId, approvedBy: amendment.decision.by, reissued: reissued.map((r) => `${r.type}@${r.version}`).join(',') || 'none' },
    },
    now,
  );
  const written = await repository.applyAmendment(
    registration.registrationId,
    { amendmentId, kind: amendment.kind, at, by: amendment.decision.by },
    set,
    [...others, amendments.appliedItem(amendmentId, at, reissued), ...outbox, { Put: { TableName: config.TABLE_NAME, Item: audit } }],
  );
  if (written.outcome === 'already-applied') return {};
  if (written.outcome === 'refused') throw new RegistrationStateError(`Cannot apply the amendment: the registration is ${written.current?.status ?? 'missing'}`);
  logger.info('Amendment applied', { kind: amendment.kind, reissued: reissued.map((r) => r.type) });
  return {};
});

interface Effect {
  readonly set: Record<string, unknown>;
  readonly others: TransactItem[];
  readonly reissued: { type: string; version: number }[];
  readonly event: NotificationEvent;
}

async function correction(registration: Registration, amendment: Amendment, now: Date): Promise<Effect> {
  const changes = amendment.changes ?? {};
  // Checked at filing; checked again here, as the rule that must hold whatever happened in between.
  if (nikChangingFields(registration.notification, changes, config.CIVIL_TIME_ZONE).length > 0) {
    throw new RegistrationStateError('A correction cannot change the NIK');
  }
  const at = now.toISOString();
  const today = formatIsoDate(dateInZone(now, config.CIVIL_TIME_ZONE));
  const notification = applyCorrection(registration.notification, changes);
  const corrected: Registration = { ...registration, notification };
  const facts = await loadDocumentFacts(config.TABLE_NAME, corrected);
  // No KIA when none was issued (a child registered at 5 or older: waiting for a photo, or 17 and over).
  const [akta, familyCard, childIdCard] = buildDocumentContents({ registration: corrected, facts, issuer, timeZone: config.CIVIL_TIME_ZONE, now });
  const printNumber = nextPrintNumber(registration.birthCertificatePrint?.printNumber);
  const note = marginalNote({ printNumber, paths: changedPaths(changes), evidence: amendment.evidence ?? [], reason: amendment.reason, on: today, by: amendment.decision?.by ?? 'unknown' });
  const marginalNotes = [...(registration.birthCertificatePrint?.marginalNotes ?? []), note];
  const next: DocumentContent[] = [
    { ...akta, printNumber, printedOn: today, marginalNotes: marginalNotes.map(({ printNumber: n, text, on, by }) => ({ printNumber: n, text, on, by })) },
    familyCard,
    ...(childIdCard ? [childIdCard] : []),
  ];
  const current = await listDocumentRecords(config.TABLE_NAME, registration.registrationId);
  const signer = documentSigner();
  const others: TransactItem[] = [];
  const reissued: { type: string; version: number }[] = [];
  for (const content of next) {
    const old = current.find((record) => record.type === content.type);
    if (!old) throw new RegistrationStateError(`The registration has no ${content.type} to re-issue`);
    if (content.type !== 'BIRTH_CERTIFICATE' && sameContent(content, old.content)) continue;
    const printed = content.type === 'BIRTH_CERTIFICATE' ? content : { ...content, issuedOn: today };
    const record: Omit<DocumentRecord, 'version' | 'supersededAt' | 'registrationId' | 'type'> = {
      number: old.number,
      verificationId: newVerificationId(),
      content: printed,
      digest: contentDigest(printed),
      signature: await signer.sign(canonicalContent(printed)),
      signingKeyId: signer.keyId,
      issuedAt: at,
    };
    others.push(...supersedeDocumentItems(config.TABLE_NAME, old, record, at));
    reissued.push({ type: content.type, version: (old.version ?? 1) + 1 });
  }
  // The registry follows the corrected name and place (sex and date cannot change: the NIK rule).
  const { nik, familyCardNumber } = registration.issued;
  const child = notification.child;
  if (nik && familyCardNumber && (changes.child?.name !== undefined || changes.child?.birthPlace !== undefined)) {
    const fields = { ':name': child.name, ':place': child.birthPlace ?? null, ':at': at };
    for (const key of [personKey(nik), familyMemberKey(familyCardNumber, nik)]) {
      others.push({
        Update: {
          TableName: config.TABLE_NAME,
          Key: key,
          UpdateExpression: 'SET #name = :name, birthPlace = :place, correctedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: fields,
        },
      });
    }
  }
  return {
    set: { notification, birthCertificatePrint: { printNumber, marginalNotes } },
    others,
    reissued,
    event: NotificationEvent.CORRECTED,
  };
}

async function revocation(registration: Registration, amendment: Amendment, now: Date): Promise<Effect> {
  const at = now.toISOString();
  const { nik, familyCardNumber } = registration.issued;
  const others: TransactItem[] = [];
  if (nik) {
    // Deactivated, never deleted: the NIK stays taken (its serial is never handed out again).
    others.push({
      Update: {
        TableName: config.TABLE_NAME,
        Key: personKey(nik),
        UpdateExpression: 'SET active = :false, deactivatedAt = :at, deactivatedBy = :amendment',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':false': false, ':at': at, ':amendment': amendment.amendmentId },
      },
    });
  }
  if (nik && familyCardNumber) {
    // The child leaves the card, which moves to its next version (earlier KK prints answer SUPERSEDED).
    others.push(
      { Delete: { TableName: config.TABLE_NAME, Key: familyMemberKey(familyCardNumber, nik) } },
      {
        Update: {
          TableName: config.TABLE_NAME,
          Key: familyKey(familyCardNumber),
          UpdateExpression: 'ADD #version :one SET issuedAt = :at, lastChange = :change',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':one': 1, ':at': at, ':change': { registrationId: registration.registrationId, kind: 'REVOCATION' } },
        },
      },
    );
  }
  return { set: { revocation: { amendmentId: amendment.amendmentId, at } }, others, reissued: [], event: NotificationEvent.REVOKED };
}
