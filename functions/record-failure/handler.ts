import * as z from 'zod';
import { readConfig } from '../shared/config.js';
import { logger } from '../shared/logger.js';
import { countEvent } from '../shared/metrics.js';
import { registrationRepository } from '../shared/registration-repository.js';
import { StepInputSchema, taskHandler } from '../shared/task.js';

const config = readConfig();
const repository = registrationRepository(config.TABLE_NAME);

/** What a Catch puts in `$.error`: Step Functions' error name and cause. */
const RecordFailureInputSchema = StepInputSchema.extend({
  error: z.object({ Error: z.string(), Cause: z.unknown().optional() }),
});

/** Keeps the cause readable and bounded; causes are our own messages and ids, never personal data. */
function describeCause(cause: unknown): string | undefined {
  if (cause === undefined || cause === null) return undefined;
  let text = typeof cause === 'string' ? cause : JSON.stringify(cause);
  try {
    const parsed = JSON.parse(text) as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') text = parsed.errorMessage; // AWS wraps Lambda errors as JSON
  } catch {
    // a plain message (the local interpreter passes it as is)
  }
  return text.slice(0, 500);
}

/**
 * Records why a registration failed (a step exhausted its retries, a bug, or no decision before the
 * approval expired) and leaves the queue. A completed registration is never marked failed.
 */
export const handler = taskHandler(RecordFailureInputSchema, async ({ registrationId, error }) => {
  const now = new Date().toISOString();
  const cause = describeCause(error.Cause);
  const failed = await repository.fail(registrationId, now, { error: error.Error, ...(cause ? { cause } : {}), at: now });
  if (failed.outcome === 'already-applied') {
    logger.info('Failure already recorded', { error: error.Error });
    return {};
  }
  if (failed.outcome === 'refused') {
    logger.error('Failure not recorded: registration missing or already completed', { error: error.Error });
    return {};
  }
  countEvent('RegistrationsFailed');
  logger.error('Registration failed', { error: error.Error });
  return {};
});
