import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '../shared/aws.js';
import { readConfig } from '../shared/config.js';
import { RegistrationStateError } from '../shared/errors.js';
import { familyKey, familyMemberKey, registrationKey } from '../shared/keys.js';
import { logger } from '../shared/logger.js';
import { loadRegistration } from '../shared/registration.js';
import { cancelledBy } from '../shared/sequence.js';
import { StepInputSchema, taskHandler } from '../shared/task.js';

const config = readConfig();

/**
 * Step 3b: the child joins the family card (KK) as a child of the head. The KK keeps its number;
 * it gets a new version and issue date (a new print). The version is claimed with an atomic ADD, so
 * births joining one card at once (twins) never contend; the member record and the registration's
 * marker are then written together, once. A version is skipped, never shared, if a step dies between.
 */
export const handler = taskHandler(StepInputSchema, async ({ registrationId }) => {
  const registration = await loadRegistration(config.TABLE_NAME, registrationId);
  if (registration.issued.familyCardNumber) return {};
  const { nik } = registration.issued;
  if (!nik || !registration.family) throw new RegistrationStateError('The NIK must be issued before the family card is updated');
  const { familyCardNumber } = registration.family;
  const { child } = registration.notification;
  const now = new Date().toISOString();

  const { Attributes } = await dynamodb.send(
    new UpdateCommand({
      TableName: config.TABLE_NAME,
      Key: familyKey(familyCardNumber),
      UpdateExpression: 'ADD #version :one SET issuedAt = :now, lastChange = :change',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':one': 1, ':now': now, ':change': { registrationId, kind: 'BIRTH' } },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const version = Number(Attributes?.['version']);
  try {
    await dynamodb.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: config.TABLE_NAME,
              Key: registrationKey(registrationId),
              UpdateExpression:
                'SET issued.familyCardNumber = :kk, issued.familyCardVersion = :version, ' +
                'steps.FAMILY_CARD_UPDATED = :step, updatedAt = :now',
              ConditionExpression: 'attribute_not_exists(issued.familyCardNumber)',
              ExpressionAttributeValues: { ':kk': familyCardNumber, ':version': version, ':step': { at: now }, ':now': now },
            },
          },
          {
            Put: {
              TableName: config.TABLE_NAME,
              Item: {
                ...familyMemberKey(familyCardNumber, nik),
                nik,
                name: child.name,
                sex: child.sex,
                birthDate: child.birthDateTime.slice(0, 10),
                ...(child.birthPlace ? { birthPlace: child.birthPlace } : {}),
                relationship: 'CHILD',
                registrationId,
                addedAt: now,
                sinceVersion: version,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (cancelledBy(error, 0)) {
      logger.info('Child already on the family card from an earlier attempt; version left unused', { version });
      return {};
    }
    throw error;
  }
  logger.info('Child added to the family card', { version });
  return {};
});
