import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { formatIsoDate, parseCalendarDate } from '../../domain/calendar.js';
import { KIA_KIND_UNDER_FIVE, underFiveKiaValidThrough } from '../../domain/child-id-card.js';
import { dynamodb } from '../shared/aws.js';
import { readConfig } from '../shared/config.js';
import { RegistrationStateError } from '../shared/errors.js';
import { documentKey, registrationKey } from '../shared/keys.js';
import { logger } from '../shared/logger.js';
import { loadRegistration } from '../shared/registration.js';
import { cancelledBy } from '../shared/sequence.js';
import { StepInputSchema, taskHandler } from '../shared/task.js';

const config = readConfig();

/** Step 3d: the KIA, number = NIK, the 0-5 years kind valid through the day before the 5th birthday. */
export const handler = taskHandler(StepInputSchema, async ({ registrationId }) => {
  const registration = await loadRegistration(config.TABLE_NAME, registrationId);
  if (registration.issued.childIdCardNumber) return {};
  const { nik } = registration.issued;
  if (!nik) throw new RegistrationStateError('The NIK must be issued before the KIA');
  const birthDate = parseCalendarDate(registration.notification.child.birthDateTime);
  if (!birthDate) throw new RegistrationStateError('The stored birth date is not a calendar date');
  const validThrough = formatIsoDate(underFiveKiaValidThrough(birthDate));
  const at = new Date().toISOString();
  try {
    await dynamodb.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: config.TABLE_NAME,
              Key: registrationKey(registrationId),
              UpdateExpression:
                'SET issued.childIdCardNumber = :nik, issued.childIdCardKind = :kind, issued.childIdCardValidThrough = :until, ' +
                'steps.CHILD_ID_CARD_ISSUED = :step, updatedAt = :at',
              ConditionExpression: 'attribute_not_exists(issued.childIdCardNumber)',
              ExpressionAttributeValues: { ':nik': nik, ':kind': KIA_KIND_UNDER_FIVE, ':until': validThrough, ':step': { at }, ':at': at },
            },
          },
          {
            Put: {
              TableName: config.TABLE_NAME,
              Item: {
                ...documentKey('CHILD_ID_CARD', nik),
                type: 'CHILD_ID_CARD',
                number: nik,
                kind: KIA_KIND_UNDER_FIVE,
                validThrough,
                registrationId,
                issuedAt: at,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (cancelledBy(error, 0)) return {};
    throw error;
  }
  logger.info('Child ID card issued');
  return {};
});
