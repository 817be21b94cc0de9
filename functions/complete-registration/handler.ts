import { readConfig } from '../shared/config.js';
import { RegistrationStateError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { countEvent } from '../shared/metrics.js';
import { loadRegistration, markStep, RegistrationStatus } from '../shared/registration.js';
import { StepInputSchema, taskHandler } from '../shared/task.js';

const config = readConfig();

/** Step 4: all four results exist; the registration is COMPLETED. */
export const handler = taskHandler(StepInputSchema, async ({ registrationId }) => {
  const registration = await loadRegistration(config.TABLE_NAME, registrationId);
  if (registration.status === RegistrationStatus.COMPLETED) return {};
  const { nik, familyCardNumber, birthCertificateNumber, childIdCardNumber } = registration.issued;
  if (!nik || !familyCardNumber || !birthCertificateNumber || !childIdCardNumber) {
    throw new RegistrationStateError('Cannot complete before the NIK, KK entry, akta and KIA are issued');
  }
  const moved = await markStep(config.TABLE_NAME, registrationId, 'COMPLETED', {
    status: RegistrationStatus.COMPLETED,
    fromStatuses: [RegistrationStatus.ISSUING],
  });
  if (!moved) throw new RegistrationStateError(`Cannot complete in status ${registration.status}`);
  countEvent('RegistrationsCompleted');
  logger.info('Registration completed');
  return {};
});
