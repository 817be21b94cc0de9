import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ACCESS_CODE_LIMITS, deriveAccessCode, hashAccessCode } from '../../domain/access-code.js';
import type { AccessCodeReissued } from '../../api/schemas.js';
import { accessCodeSecret } from '../shared/access-code-secret.js';
import { auditItem, officerActor, registrationAuditPartition } from '../shared/audit.js';
import { dynamodb } from '../shared/aws.js';
import { readConfig } from '../shared/config.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import { httpHandler, json, pathParameter } from '../shared/http.js';
import { logger } from '../shared/logger.js';
import { anchoredKey } from '../shared/rate-limit.js';
import { getRegistration } from '../shared/registration.js';
import { replaceAccessCode } from '../shared/registration-repository.js';

const config = readConfig();

/**
 * POST /v1/births/{registrationId}/access-code (registrars): a new access code for the parents (lost
 * slip, or someone else learnt it). The next generation's code is derived and its hash replaces the
 * old one in one transaction with the audit item, so the old code stops working at once; the answer
 * is the only place the new code is ever shown. The registration's lockout is lifted too (the
 * family may have been kept out by someone guessing).
 */
export const handler = httpHandler(['registrar'], async (event, caller) => {
  if (caller.kind !== 'registrar') throw new Error('unreachable: route is registrar-only');
  const registrationId = pathParameter(event, 'registrationId');
  const registration = await getRegistration(config.TABLE_NAME, registrationId);
  if (!registration) throw new NotFoundError('REGISTRATION_NOT_FOUND');
  const previous = registration.accessCodeGeneration ?? 0;
  const generation = previous + 1;
  const accessCode = deriveAccessCode(await accessCodeSecret(), registrationId, generation);
  const audit = {
    Put: {
      TableName: config.TABLE_NAME,
      Item: auditItem(registrationAuditPartition(registrationId), {
        action: 'ACCESS_CODE_REISSUED',
        actor: officerActor(caller),
        ...(event.requestContext?.http?.sourceIp ? { sourceIp: event.requestContext.http.sourceIp } : {}),
        outcome: 'ALLOWED',
        detail: { generation },
      }),
    },
  };
  // Two registrars at once: one wins, the other is told to look again.
  const replaced = await replaceAccessCode(config.TABLE_NAME, registrationId, { hash: hashAccessCode(accessCode), generation, previous }, [audit]);
  if (replaced === 'refused') throw new ConflictError('ACCESS_CODE_REISSUED_MEANWHILE');
  // The lockout ends with the old code (the window closes now).
  await dynamodb.send(
    new UpdateCommand({
      TableName: config.TABLE_NAME,
      Key: anchoredKey(ACCESS_CODE_LIMITS.perRegistration, registrationId),
      UpdateExpression: 'SET windowEndsAt = :now, hits = :zero, expiresAt = :expires',
      ExpressionAttributeValues: { ':now': Date.now(), ':zero': 0, ':expires': Math.ceil(Date.now() / 1000) + ACCESS_CODE_LIMITS.perRegistration.windowSeconds },
    }),
  );
  logger.info('Access code re-issued', { registrationId, generation });
  return json(200, { registrationId, accessCode } satisfies AccessCodeReissued);
});
