import { NotificationEvent } from '../../domain/notification-messages.js';
import { readConfig } from '../shared/config.js';
import { RegistrationStateError } from '../shared/errors.js';
import { registrationKey } from '../shared/keys.js';
import { logger } from '../shared/logger.js';
import { countEvent, recordDurationSince } from '../shared/metrics.js';
import { messageSettings, outboxEntriesFor, writeWithOutbox } from '../shared/outbox.js';
import { loadRegistration, RegistrationStatus } from '../shared/registration.js';
import { registrationFactItem } from '../shared/stats.js';
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
  // The dashboard's fact, keyed by the (written-once) documents step: a replay finds it and writes nothing.
  const fact = registrationFactItem({
    registrationId,
    submittedAt: registration.createdAt,
    documentsAt: registration.steps.DOCUMENTS_ISSUED?.at ?? registration.steps.CHILD_ID_CARD_ISSUED?.at ?? now,
    late: (registration.checks ?? []).some((check) => check.code === 'LATE_REGISTRATION'),
  });
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
    [...outbox, { Put: { TableName: config.TABLE_NAME, Item: fact, ConditionExpression: 'attribute_not_exists(pk)' } }],
  );
  if (written === 'refused') throw new RegistrationStateError(`Cannot complete in status ${registration.status}`);
  if (written === 'written') {
    countEvent('RegistrationsCompleted');
    recordDurationSince('TimeToDocuments', registration.createdAt);
    logger.info('Registration completed', { notificationsQueued: outbox.length });
  }
  return {};
});
