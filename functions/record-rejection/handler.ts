import { NotificationEvent } from '../../domain/notification-messages.js';
import { readConfig } from '../shared/config.js';
import { RegistrationStateError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { countEvent } from '../shared/metrics.js';
import { messageSettings, outboxEntriesFor } from '../shared/outbox.js';
import { loadRegistration } from '../shared/registration.js';
import { registrationRepository } from '../shared/registration-repository.js';
import { StepInputSchema, taskHandler } from '../shared/task.js';

const config = readConfig();
const repository = registrationRepository(config.TABLE_NAME);

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
  const written = await repository.reject(registrationId, now, registration.decision?.by, outbox);
  if (written.outcome === 'refused') throw new RegistrationStateError(`Cannot reject a registration in status ${written.current?.status ?? 'missing'}`);
  if (written.outcome === 'already-applied') return {};
  countEvent('RegistrationsRejected');
  logger.info('Registration rejected', { source: registration.rejection?.source ?? 'UNKNOWN' });
  return {};
});
