import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { BirthNotification } from '../../api/requests.js';
import { dynamodb } from './aws.js';
import { RegistrationStateError } from './errors.js';
import { registrationKey } from './keys.js';
import type { Severity } from '../../domain/registry-checks.js';
import type { RejectionSource, Verdict } from '../../domain/verdict.js';

/** What the public API reports. */
export const RegistrationStatus = {
  RECEIVED: 'RECEIVED',
  AWAITING_APPROVAL: 'AWAITING_APPROVAL',
  ISSUING: 'ISSUING',
  COMPLETED: 'COMPLETED',
  REJECTED: 'REJECTED',
  FAILED: 'FAILED',
} as const;
export type RegistrationStatus = (typeof RegistrationStatus)[keyof typeof RegistrationStatus];

/** Timeline steps, in the order they normally happen. Each is written once (if_not_exists). */
export const STEPS = [
  'RECEIVED',
  'VALIDATED',
  'AWAITING_APPROVAL',
  'ESCALATED',
  'APPROVED',
  'REJECTED',
  'NIK_ISSUED',
  'FAMILY_CARD_UPDATED',
  'BIRTH_CERTIFICATE_ISSUED',
  'CHILD_ID_CARD_ISSUED',
  'DOCUMENTS_ISSUED',
  'COMPLETED',
  'FAILED',
] as const;
export type StepName = (typeof STEPS)[number];

export interface StepRecord {
  readonly at: string;
  readonly by?: string;
}

export interface Check {
  readonly code: string;
  readonly severity: Severity;
  readonly message: { readonly id: string; readonly en: string };
}

export interface Issued {
  readonly nik?: string;
  readonly familyCardNumber?: string;
  readonly familyCardVersion?: number;
  readonly birthCertificateNumber?: string;
  readonly birthCertificateIssuedOn?: string;
  readonly childIdCardNumber?: string;
  readonly childIdCardKind?: string;
  readonly childIdCardValidThrough?: string;
}

export type ValidationOutcome = 'NEEDS_APPROVAL' | 'REJECTED';

export interface Registration {
  readonly registrationId: string;
  readonly facilityId: string;
  readonly notificationId: string;
  readonly bodyHash: string;
  readonly accessCodeHash: string;
  readonly status: RegistrationStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly notification: BirthNotification;
  readonly steps: Partial<Record<StepName, StepRecord>>;
  readonly checks?: readonly Check[];
  readonly validationOutcome?: ValidationOutcome;
  /** The family the child joins, resolved by validation: its district fixes the NIK prefix. */
  readonly family?: { readonly familyCardNumber: string; readonly districtCode: string };
  readonly approval?: { readonly taskToken: string; readonly requestedAt: string; readonly escalatedAt?: string };
  readonly decision?: { readonly decision: Verdict; readonly reason?: string; readonly by: string; readonly at: string };
  readonly issued: Issued;
  readonly rejection?: { readonly source: RejectionSource; readonly reason: string; readonly codes?: readonly string[] };
  readonly failure?: { readonly error: string; readonly cause?: string; readonly at: string };
  /** When the end of the registration was put in the notification outbox (functions/shared/outbox.ts). */
  readonly notificationsQueuedAt?: string;
}

export async function getRegistration(tableName: string, registrationId: string): Promise<Registration | undefined> {
  const { Item } = await dynamodb.send(
    new GetCommand({ TableName: tableName, Key: registrationKey(registrationId), ConsistentRead: true }),
  );
  return Item as Registration | undefined;
}

/** For workflow steps: the registration must exist (the execution was started for it). */
export async function loadRegistration(tableName: string, registrationId: string): Promise<Registration> {
  const registration = await getRegistration(tableName, registrationId);
  if (!registration) throw new RegistrationStateError(`Registration ${registrationId} does not exist`);
  return registration;
}

/**
 * Marks a timeline step once and optionally sets the status. Re-running it changes nothing:
 * the step keeps its first time, and the status only moves if `fromStatuses` allows.
 */
export async function markStep(
  tableName: string,
  registrationId: string,
  step: StepName,
  options: { status?: RegistrationStatus; fromStatuses?: readonly RegistrationStatus[]; by?: string } = {},
): Promise<boolean> {
  const now = new Date().toISOString();
  const names: Record<string, string> = { '#step': step };
  const values: Record<string, unknown> = { ':record': { at: now, ...(options.by ? { by: options.by } : {}) }, ':now': now };
  let update = 'SET steps.#step = if_not_exists(steps.#step, :record), updatedAt = :now';
  let condition = 'attribute_exists(pk)';
  if (options.status) {
    update += ', #status = :status';
    names['#status'] = 'status';
    values[':status'] = options.status;
    if (options.fromStatuses?.length) {
      const allowed = [...options.fromStatuses, options.status].map((s, i) => {
        values[`:from${i}`] = s;
        return `:from${i}`;
      });
      condition += ` AND #status IN (${allowed.join(', ')})`;
    }
  }
  try {
    await dynamodb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: registrationKey(registrationId),
        UpdateExpression: update,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** The timeline as the API shows it: steps in time order. */
export function timelineOf(registration: Registration): { step: StepName; at: string; by?: string }[] {
  return STEPS.flatMap((step) => {
    const record = registration.steps[step];
    return record ? [{ step, at: record.at, ...(record.by ? { by: record.by } : {}) }] : [];
  }).sort((a, b) => a.at.localeCompare(b.at) || STEPS.indexOf(a.step) - STEPS.indexOf(b.step));
}
