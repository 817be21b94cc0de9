import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { dynamodb } from '../shared/aws.js';
import { readConfig } from '../shared/config.js';
import { isStaleTokenError, resumeWithDecision } from '../shared/decision.js';
import { RegistrationStateError } from '../shared/errors.js';
import { approvalQueueSortKey, PENDING_APPROVALS, registrationKey } from '../shared/keys.js';
import { logger } from '../shared/logger.js';
import { loadRegistration, RegistrationStatus, type Registration } from '../shared/registration.js';
import { StepInputSchema, taskHandler } from '../shared/task.js';

const config = readConfig();

const RequestApprovalInputSchema = StepInputSchema.extend({
  taskToken: z.string().min(1),
  escalated: z.boolean(),
});

/**
 * Step 2 (callback): park the registration in the registrars' queue with the task token that resumes
 * the workflow. If a decision is already recorded (it arrived while the previous token was being
 * replaced, or the execution was re-run after a crash), resume at once with it: no decision is lost.
 */
/**
 * Resumes with the recorded decision. The token may have been answered with it a moment earlier (the
 * registrar's retried decision resumed the same stored token): the service then answers TaskTimedOut
 * or TaskDoesNotExist, and the decision has reached the workflow all the same.
 */
async function resumeWithRecorded(taskToken: string, decision: NonNullable<Registration['decision']>): Promise<void> {
  try {
    await resumeWithDecision(taskToken, decision);
  } catch (error) {
    if (!isStaleTokenError(error)) throw error;
    logger.info('Token already answered; the recorded decision reached the workflow');
  }
}

export const handler = taskHandler(RequestApprovalInputSchema, async ({ registrationId, taskToken, escalated }) => {
  const registration = await loadRegistration(config.TABLE_NAME, registrationId);
  if (registration.decision) {
    await resumeWithRecorded(taskToken, registration.decision);
    logger.info('Decision already recorded; workflow resumed');
    return {};
  }
  if (registration.status !== RegistrationStatus.RECEIVED && registration.status !== RegistrationStatus.AWAITING_APPROVAL) {
    throw new RegistrationStateError(`Cannot await a decision in status ${registration.status}`);
  }
  const now = new Date().toISOString();
  const requestedAt = registration.approval?.requestedAt ?? now;
  const approval: NonNullable<Registration['approval']> = {
    taskToken,
    requestedAt,
    ...(escalated ? { escalatedAt: registration.approval?.escalatedAt ?? now } : {}),
  };
  try {
    await dynamodb.send(
      new UpdateCommand({
        TableName: config.TABLE_NAME,
        Key: registrationKey(registrationId),
        UpdateExpression:
          'SET approval = :approval, #status = :awaiting, gsi1pk = :queue, gsi1sk = :order, updatedAt = :now, ' +
          'steps.AWAITING_APPROVAL = if_not_exists(steps.AWAITING_APPROVAL, :step)',
        ConditionExpression: 'attribute_not_exists(decision)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':approval': approval,
          ':awaiting': RegistrationStatus.AWAITING_APPROVAL,
          ':queue': PENDING_APPROVALS,
          ':order': approvalQueueSortKey(requestedAt, registrationId),
          ':now': now,
          ':step': { at: now },
        },
      }),
    );
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
    const decided = await loadRegistration(config.TABLE_NAME, registrationId);
    if (!decided.decision) throw error;
    await resumeWithRecorded(taskToken, decided.decision);
    logger.info('Decision arrived while the approval was being requested; workflow resumed');
    return {};
  }
  logger.info('Awaiting registrar decision', { escalated });
  return {};
});
