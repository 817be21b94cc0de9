import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '../shared/aws.js';
import { readConfig } from '../shared/config.js';
import { RegistrationStateError, TransientError } from '../shared/errors.js';
import { familyKey, familyMemberKey, registrationKey } from '../shared/keys.js';
import { logger } from '../shared/logger.js';
import type { Family } from '../shared/population.js';
import { loadRegistration } from '../shared/registration.js';
import { cancelledBy } from '../shared/sequence.js';
import { StepInputSchema, taskHandler } from '../shared/task.js';

const config = readConfig();

/**
 * Step 3b: the child joins the family card (KK) as a child of the head. The KK keeps its number;
 * it gets a new version and issue date (a new print). One transaction, guarded on the registration,
 * so the child is added and the version bumped exactly once.
 */
export const handler = taskHandler(StepInputSchema, async ({ registrationId }) => {
  const registration = await loadRegistration(config.TABLE_NAME, registrationId);
  if (registration.issued.familyCardNumber) return {};
  const { nik } = registration.issued;
  if (!nik || !registration.family) throw new RegistrationStateError('The NIK must be issued before the family card is updated');
  const { familyCardNumber } = registration.family;
  const { child } = registration.notification;
  const { Item } = await dynamodb.send(
    new GetCommand({ TableName: config.TABLE_NAME, Key: familyKey(familyCardNumber), ConsistentRead: true }),
  );
  const family = Item as Family | undefined;
  if (!family) throw new RegistrationStateError('The family card no longer exists');
  const version = family.version + 1;
  const now = new Date().toISOString();
  try {
    await dynamodb.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: config.TABLE_NAME,
              Key: registrationKey(registrationId),
              UpdateExpression: 'SET issued.familyCardNumber = :kk, issued.familyCardVersion = :version, ' +
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
                relationship: 'CHILD',
                registrationId,
                addedAt: now,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: config.TABLE_NAME,
              Key: familyKey(familyCardNumber),
              UpdateExpression: 'SET version = :version, issuedAt = :now, lastChange = :change',
              // Optimistic: twins joining the same card at once each get their own version.
              ConditionExpression: 'version = :previous',
              ExpressionAttributeValues: {
                ':version': version,
                ':previous': family.version,
                ':now': now,
                ':change': { registrationId, kind: 'BIRTH' },
              },
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (cancelledBy(error, 0)) return {};
    if (cancelledBy(error, 2)) throw new TransientError('The family card changed concurrently', { cause: error });
    throw error;
  }
  logger.info('Child added to the family card');
  return {};
});
