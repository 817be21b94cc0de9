import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import {
  aktaSerialScope,
  assertValidAktaFormat,
  DEFAULT_AKTA_NUMBER_FORMAT,
  formatAktaNumber,
} from '../../domain/birth-certificate.js';
import { dateInWib, formatIsoDate } from '../../domain/calendar.js';
import { dynamodb } from '../shared/aws.js';
import { readConfig, RegencyCodeSchema } from '../shared/config.js';
import { RegistrationStateError } from '../shared/errors.js';
import { aktaSequenceKey, documentKey, registrationKey } from '../shared/keys.js';
import { logger } from '../shared/logger.js';
import { loadRegistration } from '../shared/registration.js';
import { cancelledBy, nextSerial } from '../shared/sequence.js';
import { StepInputSchema, taskHandler } from '../shared/task.js';

const config = readConfig({
  ISSUING_REGENCY_CODE: RegencyCodeSchema,
  AKTA_NUMBER_FORMAT: z.string().default(DEFAULT_AKTA_NUMBER_FORMAT),
});
assertValidAktaFormat(config.AKTA_NUMBER_FORMAT);

/** Step 3c: the akta kelahiran number, unique per regency (domain/birth-certificate.ts). */
export const handler = taskHandler(StepInputSchema, async ({ registrationId }) => {
  const registration = await loadRegistration(config.TABLE_NAME, registrationId);
  if (registration.issued.birthCertificateNumber) return {};
  if (!registration.issued.nik) throw new RegistrationStateError('The NIK must be issued before the akta');
  const now = new Date();
  const issuedOn = dateInWib(now);
  const scope = aktaSerialScope(config.AKTA_NUMBER_FORMAT, config.ISSUING_REGENCY_CODE, issuedOn);
  const number = formatAktaNumber(scope, await nextSerial(config.TABLE_NAME, aktaSequenceKey(scope)));
  const at = now.toISOString();
  try {
    await dynamodb.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: config.TABLE_NAME,
              Key: registrationKey(registrationId),
              UpdateExpression:
                'SET issued.birthCertificateNumber = :number, issued.birthCertificateIssuedOn = :on, ' +
                'steps.BIRTH_CERTIFICATE_ISSUED = :step, updatedAt = :at',
              ConditionExpression: 'attribute_not_exists(issued.birthCertificateNumber)',
              ExpressionAttributeValues: { ':number': number, ':on': formatIsoDate(issuedOn), ':step': { at }, ':at': at },
            },
          },
          {
            Put: {
              TableName: config.TABLE_NAME,
              Item: { ...documentKey('BIRTH_CERTIFICATE', number), type: 'BIRTH_CERTIFICATE', number, registrationId, issuedAt: at },
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
  logger.info('Birth certificate number issued');
  return {};
});
