import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One structured JSON logger for every function. Log ids (registrationId, facilityId), never people:
 * no NIK, names, phone numbers, tokens or access codes.
 */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'birth-registration' });
