import * as z from 'zod';
import { readConfig } from '../shared/config.js';
import { logger } from '../shared/logger.js';
import { countEvent } from '../shared/metrics.js';
import { describeCause, markRegistrationFailed } from '../shared/registration-failure.js';
import { StepInputSchema, taskHandler } from '../shared/task.js';

const config = readConfig();

/** What a Catch puts in `$.error`: Step Functions' error name and cause. */
const RecordFailureInputSchema = StepInputSchema.extend({
  error: z.object({ Error: z.string(), Cause: z.unknown().optional() }),
});

/**
 * Records why a registration failed (a step exhausted its retries, a bug, or no decision before the
 * approval expired) and leaves the queue. A completed or rejected registration is never marked failed.
 */
export const handler = taskHandler(RecordFailureInputSchema, async ({ registrationId, error }) => {
  const cause = describeCause(error.Cause);
  const outcome = await markRegistrationFailed(config.TABLE_NAME, registrationId, { error: error.Error, ...(cause ? { cause } : {}), source: 'WORKFLOW' });
  if (outcome !== 'recorded') {
    // `ended`: a replay (already FAILED) or a registration that completed or was rejected meanwhile.
    logger.warn('Failure not recorded: registration missing or already ended', { error: error.Error, outcome });
    return {};
  }
  countEvent('RegistrationsFailed');
  logger.error('Registration failed', { error: error.Error });
  return {};
});
