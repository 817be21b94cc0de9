import type { DocumentType } from '../../documents/content.js';

/**
 * Item keys of the registry table (schema: infra/table-schema.ts). One place, so every access
 * pattern is visible at a glance:
 *   REG#<id>          / REG                 a registration (notification, status, steps, issued numbers)
 *   NOTIF#<fac>#<ref> / NOTIF               a hospital's notificationId -> its registration (idempotent intake)
 *   PERSON#<nik>      / PERSON              a person in the population registry
 *   FAMILY#<kk>       / FAMILY              a family card: address, version, issue date
 *   FAMILY#<kk>       / MEMBER#<nik>        a member of that card and their relationship to the head
 *   SEQ#NIK#<prefix>  / SEQ                 last NIK serial used for a 12-digit prefix
 *   SEQ#AKTA#<scope>  / SEQ                 last akta serial in a number scope
 *   DOC#<type>#<no>   / DOC                 an issued document number (uniqueness guard + lookup)
 *   REG#<id>          / DOC#<type>          an issued document: content, digest, signature, verification id
 *   VERIFY#<vid>      / VERIFY              a verification id -> its document (public QR check)
 *   RATE#<scope>#<subject>#<window> / RATE  a rate-limit counter (TTL)
 *   AUDIT#REG#<id> | AUDIT#VERIFY#<date> | AUDIT#SEARCH#<date> / <at>#<uuid>   the audit trail
 *   WEBHOOK#<fac>     / WEBHOOK             a hospital's webhook URL and signing secret
 *   FACILITY#<fac>    / SUB#<createdAt>#<id>  a hospital's submission (its own list, newest first)
 *   OUTBOX#<id>#<event>#<channel> / OUTBOX  one message to send (SMS to the parents, webhook to the hospital)
 *   STATS#DECIDED|REGISTERED#<yyyy-mm> / <at>#<id>   dashboard facts, one per decision / registered birth (functions/shared/stats.ts)
 *   gsi1: APPROVAL#PENDING / <requestedAt>#<id>   the registrars' queue, oldest first (sparse)
 *   gsi1: FOLLOW_UP        / <endedAt>#<id>     cases ended REJECTED or FAILED, for the registrars to follow up (newest first)
 *   gsi1: OUTBOX#DUE       / <nextAttemptAt>#<outbox pk>   messages waiting to be sent (sparse)
 *   gsi2: MOTHER#<nik>     / <birthDateTime>#<id> births by mother (duplicates, search)
 */
export const SINGLETON = {
  registration: 'REG',
  notification: 'NOTIF',
  person: 'PERSON',
  family: 'FAMILY',
  sequence: 'SEQ',
  document: 'DOC',
} as const;

export const registrationKey = (registrationId: string) => ({ pk: `REG#${registrationId}`, sk: SINGLETON.registration });
export const notificationKey = (facilityId: string, notificationId: string) => ({
  pk: `NOTIF#${facilityId}#${notificationId}`,
  sk: SINGLETON.notification,
});
export const personKey = (nik: string) => ({ pk: `PERSON#${nik}`, sk: SINGLETON.person });
export const familyKey = (familyCardNumber: string) => ({ pk: `FAMILY#${familyCardNumber}`, sk: SINGLETON.family });
export const familyMemberKey = (familyCardNumber: string, nik: string) => ({
  pk: `FAMILY#${familyCardNumber}`,
  sk: `MEMBER#${nik}`,
});
export const nikSequenceKey = (prefix: string) => ({ pk: `SEQ#NIK#${prefix}`, sk: SINGLETON.sequence });
export const aktaSequenceKey = (scope: string) => ({ pk: `SEQ#AKTA#${scope}`, sk: SINGLETON.sequence });
export const documentKey = (type: DocumentType, number: string) => ({ pk: `DOC#${type}#${number}`, sk: SINGLETON.document });

export type { DocumentType };

export const registrationDocumentKey = (registrationId: string, type: DocumentType) => ({ pk: `REG#${registrationId}`, sk: `DOC#${type}` });
export const REGISTRATION_DOCUMENT_PREFIX = 'DOC#';
export const verificationKey = (verificationId: string) => ({ pk: `VERIFY#${verificationId}`, sk: 'VERIFY' });

export const PENDING_APPROVALS = 'APPROVAL#PENDING';
export const approvalQueueSortKey = (requestedAt: string, registrationId: string) => `${requestedAt}#${registrationId}`;
export const FOLLOW_UP = 'FOLLOW_UP';
export const followUpSortKey = (endedAt: string, registrationId: string) => `${endedAt}#${registrationId}`;
export const motherIndexKey = (motherNik: string) => `MOTHER#${motherNik}`;

export const webhookKey = (facilityId: string) => ({ pk: `WEBHOOK#${facilityId}`, sk: 'WEBHOOK' });
export const outboxKey = (registrationId: string, event: string, channel: string) => ({
  pk: `OUTBOX#${registrationId}#${event}#${channel}`,
  sk: 'OUTBOX',
});
export const OUTBOX_DUE = 'OUTBOX#DUE';
export const outboxDueSortKey = (nextAttemptAt: string, outboxPk: string) => `${nextAttemptAt}#${outboxPk}`;

/** A hospital's submissions: one small item per registration, written with it at intake. */
export const facilitySubmissionsPartition = (facilityId: string) => `FACILITY#${facilityId}`;
export const facilitySubmissionKey = (facilityId: string, createdAt: string, registrationId: string) => ({
  pk: facilitySubmissionsPartition(facilityId),
  sk: `SUB#${createdAt}#${registrationId}`,
});
