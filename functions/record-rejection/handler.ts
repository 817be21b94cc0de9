import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '../shared/aws.js';
import { readConfig } from '../shared/config.js';
import { registrationKey } from '../shared/keys.js';
import { logger } from '../shared/logger.js';
import { countEvent } from '../shared/metrics.js';
import { loadRegistration, RegistrationStatus } from '../shared/registration.js';
import { StepInputSchema, taskHandler } from '../shared/task.js';

const config = readConfig();

/**
 * The registration ends REJECTED, by the registry checks (validation wrote the reasons) or by a
 * registrar (the decision wrote the reason). Leaves the queue; the first rejection time stands.
 */
export const handler = taskHandler(StepInputSchema, async ({ registrationId }) => {
  const registration = await loadRegistration(config.TABLE_NAME, registrationId);
  if (registration.steps.REJECTED) return {};
  const now = new Date().toISOString();
  await dynamodb.send(
    new UpdateCommand({
      TableName: config.TABLE_NAME,
      Key: registrationKey(registrationId),
      UpdateExpression:
        'SET #status = :rejected, steps.REJECTED = if_not_exists(steps.REJECTED, :step), updatedAt = :now REMOVE gsi1pk, gsi1sk',
      ConditionExpression: '#status <> :completed',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':rejected': RegistrationStatus.REJECTED,
        ':completed': RegistrationStatus.COMPLETED,
        ':step': { at: now, ...(registration.decision ? { by: registration.decision.by } : {}) },
        ':now': now,
      },
    }),
  );
  countEvent('RegistrationsRejected');
  logger.info('Registration rejected', { source: registration.rejection?.source ?? 'UNKNOWN' });
  return {};
});
