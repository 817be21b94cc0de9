import { createHash, randomUUID } from 'node:crypto';
import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import stringify from 'safe-stable-stringify';
import type { BirthNotification } from '../../api/requests.js';
import { deriveAccessCode, hashAccessCode } from '../../domain/access-code.js';
import { accessCodeSecret } from './access-code-secret.js';
import { auditItem, registrationAuditPartition } from './audit.js';
import { dynamodb } from './aws.js';
import { ConflictError, ServiceUnavailableError, transactionCancellation } from './errors.js';
import { countIntake, intakeLimits } from './intake-quota.js';
import { facilitySubmissionKey, motherIndexKey, notificationKey } from './keys.js';
import { logger } from './logger.js';
import { countEvent } from './metrics.js';
import { getRegistration, RegistrationStatus } from './registration.js';
import { registrationRepository } from './registration-repository.js';
import { stepFunctions } from './step-functions.js';

/**
 * The intake of a birth notification, whichever door it came through (POST /v1/births as JSON,
 * POST /fhir/Bundle as a SATUSEHAT-shaped Bundle mapped into the same notification): the quota, the
 * one transaction that stores the notification id with its registration, the workflow's start, and
 * the idempotent answer to a repeat. Both doors validate with api/requests.ts BirthNotificationSchema
 * before they get here.
 */

/**
 * Same content, same hash: key order and whitespace do not make a retry look different. Each door
 * says what its content is (the JSON door the notification, the FHIR door what the Bundle says), so
 * a repeat is recognised by what the hospital sent.
 */
export const contentHash = (content: unknown): string => createHash('sha256').update(stringify(content) ?? '').digest('hex');

export interface IntakeSettings {
  readonly tableName: string;
  readonly stateMachineArn: string;
}

export interface IntakeResult {
  /** True for a new registration, false for a repeat of a stored notification (same id, same content). */
  readonly created: boolean;
  readonly registrationId: string;
  readonly status: RegistrationStatus;
  readonly accessCode: string;
}

interface NotificationRecord {
  readonly registrationId: string;
  readonly bodyHash: string;
}

export function birthIntake(settings: IntakeSettings) {
  const repository = registrationRepository(settings.tableName);
  const limits = intakeLimits();

  /** Writes the notification and its registration together, or reports the registration that already holds the id. */
  async function storeOnce(facilityId: string, body: BirthNotification, bodyHash: string, accessCodeFor: (id: string) => string) {
    const registrationId = randomUUID();
    const now = new Date().toISOString();
    const registration = repository.receiveItem({
      registrationId,
      facilityId,
      notificationId: body.notificationId,
      bodyHash,
      accessCodeHash: hashAccessCode(accessCodeFor(registrationId)),
      createdAt: now,
      updatedAt: now,
      notification: body,
      issued: {},
      gsi2pk: motherIndexKey(body.mother.nik),
      // UTC, so births with different offsets sort and range-query in time order (duplicate check).
      gsi2sk: `${new Date(body.child.birthDateTime).toISOString()}#${registrationId}`,
    });
    try {
      await dynamodb.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: settings.tableName,
                Item: { ...notificationKey(facilityId, body.notificationId), registrationId, bodyHash, createdAt: now },
                ConditionExpression: 'attribute_not_exists(pk)',
                // A repeated notificationId: the cancellation reason carries the stored record (no second read).
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            registration,
            // The hospital's own list (GET /v1/births): gsi1 already serves the approvals queue on the registration.
            { Put: { TableName: settings.tableName, Item: { ...facilitySubmissionKey(facilityId, now, registrationId), registrationId } } },
            // The case's audit trail starts with the submission, in the same write: it exists exactly when the registration does.
            {
              Put: {
                TableName: settings.tableName,
                Item: auditItem(
                  registrationAuditPartition(registrationId),
                  { action: 'BIRTH_SUBMITTED', actor: { kind: 'hospital', id: facilityId }, outcome: 'ALLOWED', detail: { notificationId: body.notificationId } },
                  new Date(now),
                ),
              },
            },
          ],
        }),
      );
      return { created: true, registrationId } as const;
    } catch (error) {
      const existing = transactionCancellation(error)?.[0]?.item as NotificationRecord | undefined;
      if (!existing) throw error;
      if (existing.bodyHash !== bodyHash) {
        throw new ConflictError('NOTIFICATION_BODY_CHANGED', {
          registrationId: existing.registrationId,
        });
      }
      return { created: false, registrationId: existing.registrationId } as const;
    }
  }

  /** Starting is idempotent: the execution is named after the registration, so a retry cannot start a second one. */
  async function startWorkflow(registrationId: string): Promise<void> {
    try {
      await stepFunctions.send(
        new StartExecutionCommand({
          stateMachineArn: settings.stateMachineArn,
          name: registrationId,
          input: JSON.stringify({ registrationId }),
        }),
      );
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists) return;
      // The registration is stored; the hospital's retry with the same notificationId starts the workflow.
      throw new ServiceUnavailableError('WORKFLOW_NOT_STARTED', {
        cause: error,
      });
    }
  }

  /**
   * A validated notification of `facilityId` into the chain. `contentHashOf` is the door's
   * {@link contentHash} of what the hospital sent: a repeat with the same id and hash answers the
   * stored registration, another hash is 409.
   */
  return async function intake(facilityId: string, notification: BirthNotification, bodyHash: string): Promise<IntakeResult> {
    // Every valid notification (retries too), before anything is read or written: over the quota, nothing is stored.
    await countIntake(settings.tableName, facilityId, limits);
    const secret = await accessCodeSecret();
    const accessCodeFor = (id: string) => deriveAccessCode(secret, id);
    const stored = await storeOnce(facilityId, notification, bodyHash, accessCodeFor);
    logger.appendKeys({ registrationId: stored.registrationId });

    let status: RegistrationStatus = RegistrationStatus.RECEIVED;
    if (stored.created) {
      countEvent('RegistrationsReceived');
      await startWorkflow(stored.registrationId);
      logger.info('Birth notification received');
    } else {
      const current = await getRegistration(settings.tableName, stored.registrationId);
      status = current?.status ?? RegistrationStatus.RECEIVED;
      // A crash between storing and starting leaves RECEIVED with no execution; the retry mends it.
      if (status === RegistrationStatus.RECEIVED) await startWorkflow(stored.registrationId);
      logger.info('Repeated birth notification answered idempotently');
    }
    return { created: stored.created, registrationId: stored.registrationId, status, accessCode: accessCodeFor(stored.registrationId) };
  };
}
