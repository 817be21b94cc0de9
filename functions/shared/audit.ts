import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from './aws.js';

/**
 * The audit trail: who did what to which case, when, from where. Items live beside the data they
 * concern (`AUDIT#REG#<id>` for a registration, `AUDIT#VERIFY#<date>` for public checks) and are
 * kept (no TTL). They never hold an access code, a token, or a document's content.
 */
export interface AuditEvent {
  readonly action: string; // e.g. BIRTH_SUBMITTED, DECISION_RECORDED, ACCESS_CODE_REJECTED, DOCUMENT_DOWNLOADED, DOCUMENT_VERIFIED
  /** `role`: a registrar acting as head of office (Kepala Dinas or a delegated Pejabat), recorded for what only a head may decide. */
  readonly actor: { readonly kind: 'hospital' | 'registrar' | 'parent' | 'public' | 'system'; readonly id?: string; readonly role?: 'head-of-office' };
  readonly sourceIp?: string;
  readonly outcome: 'ALLOWED' | 'DENIED' | 'VALID' | 'INVALID';
  readonly detail?: Record<string, string | number | boolean>;
}

/**
 * An officer as the audit trail records them: a registrar by user name, and a head of office with
 * the role (a head is a registrar to every route, so the kind alone would not say who decided a late
 * registration or an amendment under which authority).
 */
export const officerActor = (officer: { readonly username: string; readonly headOfOffice: boolean }): AuditEvent['actor'] => ({
  kind: 'registrar',
  id: officer.username,
  ...(officer.headOfOffice ? { role: 'head-of-office' as const } : {}),
});

export const registrationAuditPartition = (registrationId: string) => `AUDIT#REG#${registrationId}`;
/** Registrars' searches (what kind of key, how many results; never the NIK or number searched for). */
export const searchAuditPartition = (at: Date) => `AUDIT#SEARCH#${at.toISOString().slice(0, 10)}`;
export const verificationAuditPartition = (at: Date) => `AUDIT#VERIFY#${at.toISOString().slice(0, 10)}`;

/** The item of one audit event: for a Put of its own, or inside the transaction that does what it records. */
export function auditItem(partition: string, event: AuditEvent, at = new Date()): Record<string, unknown> {
  return { pk: partition, sk: `${at.toISOString()}#${randomUUID()}`, at: at.toISOString(), ...event };
}

export async function audit(tableName: string, partition: string, event: AuditEvent, at = new Date()): Promise<void> {
  await dynamodb.send(new PutCommand({ TableName: tableName, Item: auditItem(partition, event, at) }));
}
