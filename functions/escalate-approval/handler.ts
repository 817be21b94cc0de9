import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '../shared/aws.js';
import { readConfig } from '../shared/config.js';
import { registrationKey } from '../shared/keys.js';
import { logger } from '../shared/logger.js';
import { countEvent } from '../shared/metrics.js';
import { RegistrationStatus } from '../shared/registration.js';
import { StepInputSchema, taskHandler } from '../shared/task.js';

const config = readConfig();

/**
 * The decision has waited past the 4-hour promise (Banyuwangi's complaint rule): record it on the
 * timeline and emit ApprovalsEscalated, which pages the head of the office (alarm in infra/stack.ts).
 * The registration stays in the queue, now marked escalated, and the workflow keeps waiting.
 * Only a still-undecided approval is escalated, and only once.
 */
export const handler = taskHandler(StepInputSchema, async ({ registrationId }) => {
  const now = new Date().toISOString();
  try {
    await dynamodb.send(
      new UpdateCommand({
        TableName: config.TABLE_NAME,
        Key: registrationKey(registrationId),
        // The queue shows it escalated from this moment (approval.escalatedAt), not only once the next wait starts.
        UpdateExpression: 'SET steps.ESCALATED = :step, approval.escalatedAt = :now, updatedAt = :now',
        ConditionExpression: '#status = :awaiting AND attribute_not_exists(decision) AND attribute_not_exists(steps.ESCALATED)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':step': { at: now }, ':now': now, ':awaiting': RegistrationStatus.AWAITING_APPROVAL },
      }),
    );
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return {}; // decided meanwhile, or a replay
    throw error;
  }
  countEvent('ApprovalsEscalated');
  logger.warn('Registrar decision overdue: escalated');
  return {};
});
