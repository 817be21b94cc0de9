import { createHash, randomUUID } from 'node:crypto';
import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import stringify from 'safe-stable-stringify';
import * as z from 'zod';
import type { SubmitResponse } from '../../api/schemas.js';
import { deriveAccessCode, hashAccessCode } from '../../domain/access-code.js';
import { accessCodeSecret } from '../shared/access-code-secret.js';
import { auditItem, registrationAuditPartition } from '../shared/audit.js';
import { dynamodb } from '../shared/aws.js';
import { stepFunctions } from '../shared/step-functions.js';
import { readConfig } from '../shared/config.js';
import { ConflictError, ServiceUnavailableError, transactionCancellation } from '../shared/errors.js';
import { httpHandler, json, parseJsonBody } from '../shared/http.js';
import { countIntake, intakeLimits } from '../shared/intake-quota.js';
import { facilitySubmissionKey, motherIndexKey, notificationKey } from '../shared/keys.js';
import { logger } from '../shared/logger.js';
import { countEvent } from '../shared/metrics.js';
import { getRegistration, RegistrationStatus } from '../shared/registration.js';
import { registrationRepository } from '../shared/registration-repository.js';
import { BirthNotificationSchema, type BirthNotification } from '../../api/requests.js';

const config = readConfig({ STATE_MACHINE_ARN: z.string().min(1) });
const repository = registrationRepository(config.TABLE_NAME);
const limits = intakeLimits();

/** Same notification, same hash: key order and whitespace do not make a retry look different. */
const hashBody = (body: BirthNotification): string => createHash('sha256').update(stringify(body) ?? '').digest('hex');

interface NotificationRecord {
  readonly registrationId: string;
  readonly bodyHash: string;
}

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
              TableName: config.TABLE_NAME,
              Item: { ...notificationKey(facilityId, body.notificationId), registrationId, bodyHash, createdAt: now },
              ConditionExpression: 'attribute_not_exists(pk)',
              // A repeated notificationId: the cancellation reason carries the stored record (no second read).
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
          registration,
          // The hospital's own list (GET /v1/births): gsi1 already serves the approvals queue on the registration.
          { Put: { TableName: config.TABLE_NAME, Item: { ...facilitySubmissionKey(facilityId, now, registrationId), registrationId } } },
          // The case's audit trail starts with the submission, in the same write: it exists exactly when the registration does.
          {
            Put: {
              TableName: config.TABLE_NAME,
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
        stateMachineArn: config.STATE_MACHINE_ARN,
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

export const handler = httpHandler(['hospital'], async (event, caller) => {
  if (caller.kind !== 'hospital') throw new Error('unreachable: route is hospital-only');
  const body = parseJsonBody(event, BirthNotificationSchema);
  // Every valid notification (retries too), before anything is read or written: over the quota, nothing is stored.
  await countIntake(config.TABLE_NAME, caller.facilityId, limits);
  const secret = await accessCodeSecret();
  const accessCodeFor = (id: string) => deriveAccessCode(secret, id);
  const stored = await storeOnce(caller.facilityId, body, hashBody(body), accessCodeFor);
  logger.appendKeys({ registrationId: stored.registrationId });

  let status: RegistrationStatus = RegistrationStatus.RECEIVED;
  if (stored.created) {
    countEvent('RegistrationsReceived');
    await startWorkflow(stored.registrationId);
    logger.info('Birth notification received');
  } else {
    const current = await getRegistration(config.TABLE_NAME, stored.registrationId);
    status = current?.status ?? RegistrationStatus.RECEIVED;
    // A crash between storing and starting leaves RECEIVED with no execution; the retry mends it.
    if (status === RegistrationStatus.RECEIVED) await startWorkflow(stored.registrationId);
    logger.info('Repeated birth notification answered idempotently');
  }
  return json(stored.created ? 202 : 200, {
    registrationId: stored.registrationId,
    status,
    accessCode: accessCodeFor(stored.registrationId),
  } satisfies SubmitResponse);
});
