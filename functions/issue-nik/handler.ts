import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { parseCalendarDate } from '../../domain/calendar.js';
import { formatNik, MAX_NIK_SERIAL, nikPrefix } from '../../domain/nik.js';
import { dynamodb } from '../shared/aws.js';
import { readConfig } from '../shared/config.js';
import { RegistrationStateError } from '../shared/errors.js';
import { nikSequenceKey, personKey, registrationKey } from '../shared/keys.js';
import { logger } from '../shared/logger.js';
import { loadRegistration, RegistrationStatus } from '../shared/registration.js';
import { cancelledBy, nextSerial } from '../shared/sequence.js';
import { StepInputSchema, taskHandler } from '../shared/task.js';

const config = readConfig();

/**
 * Step 3a: the child's NIK. Prefix = district of the family's address + DDMMYY (+40 for girls);
 * serial = next value of that prefix's counter. The NIK is written to the registration only if it
 * has none (exactly once), together with the child's person record.
 */
export const handler = taskHandler(StepInputSchema, async ({ registrationId }) => {
  const registration = await loadRegistration(config.TABLE_NAME, registrationId);
  if (registration.issued.nik) return {};
  if (registration.status !== RegistrationStatus.ISSUING || !registration.family) {
    throw new RegistrationStateError(`Cannot issue a NIK in status ${registration.status}`);
  }
  const { child } = registration.notification;
  const birthDate = parseCalendarDate(child.birthDateTime);
  if (!birthDate) throw new RegistrationStateError('The stored birth date is not a calendar date');

  const prefix = nikPrefix(registration.family.districtCode, birthDate, child.sex);
  const serial = await nextSerial(config.TABLE_NAME, nikSequenceKey(prefix));
  if (serial > MAX_NIK_SERIAL) throw new RegistrationStateError(`NIK serials exhausted for prefix ${prefix}`);
  const nik = formatNik(prefix, serial);
  const now = new Date().toISOString();
  try {
    await dynamodb.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: config.TABLE_NAME,
              Key: registrationKey(registrationId),
              UpdateExpression: 'SET issued.nik = :nik, steps.NIK_ISSUED = :step, updatedAt = :now',
              ConditionExpression: 'attribute_not_exists(issued.nik)',
              ExpressionAttributeValues: { ':nik': nik, ':step': { at: now }, ':now': now },
            },
          },
          {
            Put: {
              TableName: config.TABLE_NAME,
              Item: {
                ...personKey(nik),
                nik,
                name: child.name,
                sex: child.sex,
                birthDate: child.birthDateTime.slice(0, 10),
                ...(child.birthPlace ? { birthPlace: child.birthPlace } : {}),
                familyCardNumber: registration.family.familyCardNumber,
                registrationId,
                createdAt: now,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (cancelledBy(error, 0)) {
      logger.info('NIK already issued by an earlier attempt; serial left unused', { serial });
      return {};
    }
    throw error;
  }
  logger.info('NIK issued');
  return {};
});
