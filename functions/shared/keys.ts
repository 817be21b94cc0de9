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
 *   gsi1: APPROVAL#PENDING / <requestedAt>#<id>   the registrars' queue, oldest first (sparse)
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

export type DocumentType = 'BIRTH_CERTIFICATE' | 'FAMILY_CARD' | 'CHILD_ID_CARD';

export const PENDING_APPROVALS = 'APPROVAL#PENDING';
export const approvalQueueSortKey = (requestedAt: string, registrationId: string) => `${requestedAt}#${registrationId}`;
export const motherIndexKey = (motherNik: string) => `MOTHER#${motherNik}`;
