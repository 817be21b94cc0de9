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
 * Step 4: all four results exist; the registration is COMPLETED. The same transaction queues the
 * parents' SMS and the hospital's webhook event (functions/shared/outbox.ts), so a replay queues nothing twice.
 */
export const handler = taskHandler(StepInputSchema, async ({ registrationId }) => {
  const registration = await loadRegistration(config.TABLE_NAME, registrationId);
  if (registration.status === RegistrationStatus.COMPLETED) return {};
  const { nik, familyCardNumber, birthCertificateNumber, childIdCardNumber } = registration.issued;
  if (!nik || !familyCardNumber || !birthCertificateNumber || !childIdCardNumber) {
    throw new RegistrationStateError('Cannot complete before the NIK, KK entry, akta and KIA are issued');
  }
  const now = new Date().toISOString();
  const outbox = await outboxEntriesFor(config.TABLE_NAME, registration, NotificationEvent.COMPLETED, messageSettings(), now);
  const written = await writeWithOutbox(
    {
      TableName: config.TABLE_NAME,
      Key: registrationKey(registrationId),
      UpdateExpression:
        'SET #status = :completed, steps.COMPLETED = if_not_exists(steps.COMPLETED, :step), ' +
        'notificationsQueuedAt = if_not_exists(notificationsQueuedAt, :now), updatedAt = :now',
      ConditionExpression: '#status IN (:issuing, :completed)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':completed': RegistrationStatus.COMPLETED,
        ':issuing': RegistrationStatus.ISSUING,
        ':step': { at: now },
        ':now': now,
      },
    },
    outbox,
  );
  if (written === 'refused') throw new RegistrationStateError(`Cannot complete in status ${registration.status}`);
  if (written === 'written') {
    countEvent('RegistrationsCompleted');
    logger.info('Registration completed', { notificationsQueued: outbox.length });
  }
  return {};
});
