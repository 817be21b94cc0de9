import { NotificationEvent } from '../../domain/notification-messages.js';
import { readConfig } from '../shared/config.js';
import { RegistrationStateError } from '../shared/errors.js';
import { registrationKey } from '../shared/keys.js';
import { logger } from '../shared/logger.js';
import { countEvent } from '../shared/metrics.js';
import { messageSettings, outboxEntriesFor, writeWithOutbox } from '../shared/outbox.js';
import { loadRegistration, RegistrationStatus } from '../shared/registration.js';
import { StepInputSchema, taskHandler } from '../shared/task.js';

const config = readConfig();

/**
 * The registration ends REJECTED, by the registry checks (validation wrote the reasons) or by a
 * registrar (the decision wrote the reason and the REJECTED step). Leaves the queue; the first
 * rejection time stands. The same transaction queues the parents' SMS and the hospital's webhook
 * event (functions/shared/outbox.ts); `notificationsQueuedAt` marks that this step has run.
 */
export const handler = taskHandler(StepInputSchema, async ({ registrationId }) => {
  const registration = await loadRegistration(config.TABLE_NAME, registrationId);
  if (registration.steps.REJECTED && registration.notificationsQueuedAt) return {};
  const now = new Date().toISOString();
  const outbox = await outboxEntriesFor(config.TABLE_NAME, registration, NotificationEvent.REJECTED, messageSettings(), now);
  const written = await writeWithOutbox(
    {
      TableName: config.TABLE_NAME,
      Key: registrationKey(registrationId),
      UpdateExpression:
        'SET #status = :rejected, steps.REJECTED = if_not_exists(steps.REJECTED, :step), ' +
        'notificationsQueuedAt = if_not_exists(notificationsQueuedAt, :now), updatedAt = :now REMOVE gsi1pk, gsi1sk',
      ConditionExpression: '#status <> :completed',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':rejected': RegistrationStatus.REJECTED,
        ':completed': RegistrationStatus.COMPLETED,
        ':step': { at: now, ...(registration.decision ? { by: registration.decision.by } : {}) },
        ':now': now,
      },
    },
    outbox,
  );
  if (written === 'refused') throw new RegistrationStateError('Cannot reject a completed registration');
  if (written === 'already-queued') return {};
  countEvent('RegistrationsRejected');
  logger.info('Registration rejected', { source: registration.rejection?.source ?? 'UNKNOWN' });
  return {};
});
