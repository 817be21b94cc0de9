import * as z from 'zod';
import { AmendmentStatus } from '../../domain/amendment.js';
import { closeWithAudit } from '../shared/amendment-failure.js';
import { getAmendment } from '../shared/amendments.js';
import { readConfig } from '../shared/config.js';
import { RegistrationStateError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { AmendmentStepInputSchema, amendmentTaskHandler } from '../shared/task.js';

const config = readConfig();

const InputSchema = AmendmentStepInputSchema.extend({
  outcome: z.enum(['REJECTED', 'FAILED']),
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).passthrough().optional(),
});

/**
 * The end of an amendment that changed nothing: rejected by the head of office, or failed (the wait
 * expired, or applying it was refused). The registration's open amendment is closed (another may be
 * filed), a failed amendment is marked FAILED, and the audit trail says so, in one transaction. A
 * replay finds the registration's open amendment gone and writes nothing.
 */
export const handler = amendmentTaskHandler(InputSchema, async ({ amendmentId, outcome, error }) => {
  const amendment = await getAmendment(config.TABLE_NAME, amendmentId);
  if (!amendment) throw new RegistrationStateError(`Amendment ${amendmentId} does not exist`);
  logger.appendKeys({ registrationId: amendment.registrationId });
  const failing = outcome === 'FAILED' && amendment.status !== AmendmentStatus.FAILED && amendment.status !== AmendmentStatus.APPLIED;
  const written = await closeWithAudit(
    config.TABLE_NAME,
    amendment,
    outcome === 'REJECTED' ? 'AMENDMENT_REJECTED' : 'AMENDMENT_FAILED',
    error?.Error ? { error: error.Error } : {},
    { ...(failing ? { failedWith: error?.Error ?? 'AmendmentFailed' } : {}), now: new Date() },
  );
  logger.info('Amendment closed', { outcome, replay: written.outcome !== 'applied' });
  return {};
});
