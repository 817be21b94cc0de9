import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { civilBirth, type CivilBirth } from '../../domain/birth-date.js';
import type { TimeZone } from '../../domain/calendar.js';
import { STEPS, type RegistrationStatus, type StepName } from '../../domain/registration-lifecycle.js';
import type { BirthNotification, REJECTION_REASON_CODES } from '../../api/requests.js';

type RejectionReasonCode = (typeof REJECTION_REASON_CODES)[number];
import { dynamodb } from './aws.js';
import { RegistrationStateError } from './errors.js';
import { registrationKey } from './keys.js';
import type { FamilyRelationship } from '../../domain/family-relationship.js';
import type { Severity } from '../../domain/registry-checks.js';
import type { ChildIdCardStatus } from '../../domain/child-id-card.js';
import type { RejectionSource, Verdict } from '../../domain/verdict.js';
import type { MarginalNote } from '../../domain/amendment.js';

/** The statuses and steps live with the lifecycle table (domain/registration-lifecycle.ts). */
export { RegistrationStatus, STEPS, type StepName } from '../../domain/registration-lifecycle.js';

export interface StepRecord {
  readonly at: string;
  readonly by?: string;
}

export interface Check {
  readonly code: string;
  readonly severity: Severity;
  readonly message: { readonly id: string; readonly en: string };
  /** POSSIBLE_DUPLICATE: the other registrations of the same mother it found. */
  readonly relatedRegistrationIds?: readonly string[];
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
  /** ISSUED, AWAITING_PHOTO (5-17: the photo is taken at the office), NOT_ELIGIBLE (17+); absent: ISSUED (domain/child-id-card.ts). */
  readonly childIdCardStatus?: ChildIdCardStatus;
}

export type ValidationOutcome = 'NEEDS_APPROVAL' | 'REJECTED';

export interface Registration {
  readonly registrationId: string;
  readonly facilityId: string;
  readonly notificationId: string;
  readonly bodyHash: string;
  readonly accessCodeHash: string;
  /** How many times a registrar re-issued the parents' code (absent: the code given at intake). */
  readonly accessCodeGeneration?: number;
  readonly status: RegistrationStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly notification: BirthNotification;
  readonly steps: Partial<Record<StepName, StepRecord>>;
  readonly checks?: readonly Check[];
  readonly validationOutcome?: ValidationOutcome;
  /** The family the child joins, resolved by validation: its district fixes the NIK prefix. */
  readonly family?: {
    readonly familyCardNumber: string;
    readonly districtCode: string;
    /** The newborn's SHDK, from its mother's place on the card (domain/family-relationship.ts); absent on registrations validated before it. */
    readonly childRelationship?: FamilyRelationship;
  };
  readonly approval?: { readonly taskToken: string; readonly requestedAt: string; readonly escalatedAt?: string };
  readonly decision?: {
    readonly decision: Verdict;
    readonly reason?: string;
    readonly reasonCode?: RejectionReasonCode;
    readonly by: string;
    readonly at: string;
    /** A late registration's approval: the head of office's decree (SK) number, printed on the akta. */
    readonly decreeNumber?: string;
  };
  readonly issued: Issued;
  readonly rejection?: { readonly source: RejectionSource; readonly reason: string; readonly reasonCode?: RejectionReasonCode; readonly codes?: readonly string[] };
  /** Why it failed; `source`: the workflow's own Catch (RecordFailure) or its execution's end outside any Catch (RecordExecutionEnd). */
  readonly failure?: {
    readonly error: string;
    readonly cause?: string;
    readonly at: string;
    readonly source?: 'WORKFLOW' | 'EXECUTION_END';
    readonly executionArn?: string;
  };
  /** The status it had when it failed, for the redrive procedure (README, Operations). */
  readonly statusBeforeFailure?: RegistrationStatus;
  /** Why and by which decision a completed registration was revoked (registration-repository `revoke`). */
  readonly revocation?: Readonly<Record<string, unknown>>;
  /** Written by validation for the registrars' work lists (functions/shared/work-lists.ts). */
  readonly checkCodes?: readonly string[];
  readonly searchNames?: string;
  /** The mother's name as the population registry has it (the notification carries her NIK only). */
  readonly motherName?: string;
  /** When the end of the registration was put in the notification outbox (functions/shared/outbox.ts). */
  readonly notificationsQueuedAt?: string;
  /** The amendment being decided or applied (one at a time); absent when none is open. */
  readonly openAmendmentId?: string;
  /** Every amendment filed, oldest first, and those applied (functions/shared/amendments.ts). */
  readonly amendmentIds?: readonly string[];
  readonly appliedAmendmentIds?: readonly string[];
  /** The akta's print number (kutipan ke-N; absent: the first print) and its marginal notes. */
  readonly birthCertificatePrint?: { readonly printNumber: number; readonly marginalNotes: readonly MarginalNote[] };
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

/** The child's civil birth (domain/birth-date.ts) in the office's zone; stored notifications were validated, so unreadable is a bug. */
export function civilBirthOf(notification: Pick<BirthNotification, 'child'>, zone: TimeZone): CivilBirth {
  const birth = civilBirth(notification.child.birthDateTime, zone);
  if (!birth) throw new RegistrationStateError('The stored birth date is not an instant');
  return birth;
}

/**
 * The timeline as the API shows it: steps in time order. `by` (the officer) only for registrars
 * (`withOfficers`): hospitals and parents do not learn who decided, as the history is closed to them.
 */
export function timelineOf(registration: Registration, withOfficers = true): { step: StepName; at: string; by?: string }[] {
  return STEPS.flatMap((step) => {
    const record = registration.steps[step];
    return record ? [{ step, at: record.at, ...(record.by && withOfficers ? { by: record.by } : {}) }] : [];
  }).sort((a, b) => a.at.localeCompare(b.at) || STEPS.indexOf(a.step) - STEPS.indexOf(b.step));
}
