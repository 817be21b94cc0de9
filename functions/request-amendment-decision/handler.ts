import * as z from 'zod';
import { AmendmentStatus } from '../../domain/amendment.js';
import { getAmendment, amendmentRepository, type Amendment } from '../shared/amendments.js';
import { readConfig } from '../shared/config.js';
import { isStaleTokenError, resumeWithDecision } from '../shared/decision.js';
import { RegistrationStateError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { AmendmentStepInputSchema, amendmentTaskHandler } from '../shared/task.js';

const config = readConfig();
const repository = amendmentRepository(config.TABLE_NAME);

const InputSchema = AmendmentStepInputSchema.extend({ taskToken: z.string().min(1) });

/** Resumes with the recorded decision; a token answered a moment earlier (the head's retried decision) counts as delivered. */
async function resumeWithRecorded(taskToken: string, decision: NonNullable<Amendment['decision']>): Promise<void> {
  try {
    await resumeWithDecision(taskToken, decision);
  } catch (error) {
    if (!isStaleTokenError(error)) throw error;
    logger.info('Token already answered; the recorded decision reached the workflow');
  }
}

/**
 * The amendment workflow's callback step: store the task token with the pending amendment, so that
 * POST /v1/amendments/{amendmentId} can resume the workflow. If a decision is already recorded (it
 * arrived before the token was stored, or the execution was re-run), resume at once with it: as the
 * birth chain's RequestApproval, no decision is lost.
 */
export const handler = amendmentTaskHandler(InputSchema, async ({ amendmentId, taskToken }) => {
  const amendment = await getAmendment(config.TABLE_NAME, amendmentId);
  if (!amendment) throw new RegistrationStateError(`Amendment ${amendmentId} does not exist`);
  logger.appendKeys({ registrationId: amendment.registrationId });
  if (amendment.decision) {
    await resumeWithRecorded(taskToken, amendment.decision);
    return {};
  }
  if (amendment.status !== AmendmentStatus.PENDING) throw new RegistrationStateError(`Cannot await a decision in status ${amendment.status}`);
  const parked = await repository.park(amendmentId, taskToken, new Date().toISOString());
  if (parked.outcome !== 'applied') {
    const decided = parked.current?.decision;
    if (!decided) throw new RegistrationStateError(`Cannot await a decision in status ${parked.current?.status ?? 'missing'}`);
    await resumeWithRecorded(taskToken, decided);
    logger.info('Decision arrived while the token was being stored; workflow resumed');
    return {};
  }
  logger.info('Awaiting a head of office decision on the amendment', { kind: amendment.kind });
  return {};
});
