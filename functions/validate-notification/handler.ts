import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { hasErrors, runRegistryChecks } from '../../domain/registry-checks.js';
import { dynamodb } from '../shared/aws.js';
import { readConfig } from '../shared/config.js';
import { registrationKey } from '../shared/keys.js';
import { logger } from '../shared/logger.js';
import { loadRegistryFacts } from '../shared/population.js';
import { loadRegistration, type ValidationOutcome } from '../shared/registration.js';
import { StepInputSchema, taskHandler } from '../shared/task.js';

const config = readConfig();

/** Step 1: check the notification against the registry; ERROR-level findings reject at once. */
export const handler = taskHandler(StepInputSchema, async ({ registrationId }): Promise<{ outcome: ValidationOutcome }> => {
  const registration = await loadRegistration(config.TABLE_NAME, registrationId);
  if (registration.validationOutcome) return { outcome: registration.validationOutcome }; // replay: the first verdict stands

  const { notification } = registration;
  const facts = await loadRegistryFacts(config.TABLE_NAME, {
    familyCardNumber: notification.familyCardNumber,
    motherNik: notification.mother.nik,
    ...(notification.father ? { fatherNik: notification.father.nik } : {}),
  });
  const checks = runRegistryChecks({
    familyFound: facts.family !== undefined,
    motherFound: facts.mother !== undefined,
    motherInFamily: facts.motherMembership !== undefined,
    fatherGiven: notification.father !== undefined,
    fatherFound: facts.father !== undefined,
  });
  const outcome: ValidationOutcome = hasErrors(checks) ? 'REJECTED' : 'NEEDS_APPROVAL';
  const errors = checks.filter((c) => c.severity === 'ERROR');
  const now = new Date().toISOString();

  const written = await dynamodb.send(
    new UpdateCommand({
      TableName: config.TABLE_NAME,
      Key: registrationKey(registrationId),
      UpdateExpression:
        'SET checks = :checks, validationOutcome = :outcome, steps.VALIDATED = :step, updatedAt = :now' +
        (facts.family ? ', family = :family' : '') +
        (outcome === 'REJECTED' ? ', rejection = :rejection' : ''),
      ConditionExpression: 'attribute_not_exists(validationOutcome)',
      ExpressionAttributeValues: {
        ':checks': checks,
        ':outcome': outcome,
        ':step': { at: now },
        ':now': now,
        ...(facts.family
          ? { ':family': { familyCardNumber: facts.family.familyCardNumber, districtCode: facts.family.address.districtCode } }
          : {}),
        ...(outcome === 'REJECTED'
          ? {
              ':rejection': {
                source: 'REGISTRY_CHECKS',
                reason: errors.map((c) => c.message.en).join(' '),
                codes: errors.map((c) => c.code),
              },
            }
          : {}),
      },
    }),
  ).then(
    () => true,
    (error: unknown) => {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw error;
    },
  );
  if (!written) {
    // A concurrent replay validated first; its verdict stands.
    const stored = await loadRegistration(config.TABLE_NAME, registrationId);
    return { outcome: stored.validationOutcome ?? outcome };
  }
  logger.info('Notification validated', { outcome, checkCodes: checks.map((c) => c.code) });
  return { outcome };
});
