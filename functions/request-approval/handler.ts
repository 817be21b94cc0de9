import * as z from 'zod';
import { readConfig } from '../shared/config.js';
import { isStaleTokenError, resumeWithDecision } from '../shared/decision.js';
import { RegistrationStateError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { allows } from '../../domain/registration-lifecycle.js';
import { loadRegistration, type Registration } from '../shared/registration.js';
import { registrationRepository } from '../shared/registration-repository.js';
import { StepInputSchema, taskHandler } from '../shared/task.js';

const config = readConfig();
const repository = registrationRepository(config.TABLE_NAME);

const RequestApprovalInputSchema = StepInputSchema.extend({
  taskToken: z.string().min(1),
  escalated: z.boolean(),
});

/**
 * Resumes with the recorded decision. The token may have been answered with it a moment earlier (the
 * registrar's retried decision resumed the same stored token): the service then answers TaskTimedOut
 * or TaskDoesNotExist, and the decision has reached the workflow all the same.
 */
async function resumeWithRecorded(taskToken: string, decision: NonNullable<Registration['decision']>): Promise<void> {
  try {
    await resumeWithDecision(taskToken, decision);
  } catch (error) {
    if (!isStaleTokenError(error)) throw error;
    logger.info('Token already answered; the recorded decision reached the workflow');
  }
}

/**
 * Step 2 (callback): park the registration in the registrars' queue with the task token that resumes
 * the workflow. If a decision is already recorded (it arrived while the previous token was being
 * replaced, or the execution was re-run after a crash), resume at once with it: no decision is lost.
 */
export const handler = taskHandler(RequestApprovalInputSchema, async ({ registrationId, taskToken, escalated }) => {
  // The first request (every birth's) parks without reading the registration: conditional on it never
  // having been parked, so a replay, a redrive or a decision meanwhile is refused with the item as it
  // was (no second read), and handled below exactly as a read would have found it.
  let registration: Registration;
  if (escalated) registration = await loadRegistration(config.TABLE_NAME, registrationId);
  else {
    const now = new Date().toISOString();
    const first = await repository.park(registrationId, now, { taskToken, requestedAt: now }, { first: true });
    if (first.outcome === 'applied') {
      logger.info('Awaiting registrar decision', { escalated });
      return {};
    }
    if (!first.current) throw new RegistrationStateError(`Registration ${registrationId} does not exist`);
    registration = first.current;
  }
  if (registration.decision) {
    await resumeWithRecorded(taskToken, registration.decision);
    logger.info('Decision already recorded; workflow resumed');
    return {};
  }
  if (!allows('park', registration.status)) {
    throw new RegistrationStateError(`Cannot await a decision in status ${registration.status}`);
  }
  const now = new Date().toISOString();
  const requestedAt = registration.approval?.requestedAt ?? now;
  const approval: NonNullable<Registration['approval']> = {
    taskToken,
    requestedAt,
    ...(escalated ? { escalatedAt: registration.approval?.escalatedAt ?? now } : {}),
  };
  const parked = await repository.park(registrationId, now, approval);
  if (parked.outcome !== 'applied') {
    // Refused: a decision arrived while the approval was being requested (or the case moved on).
    const decided = parked.current?.decision;
    if (!decided) throw new RegistrationStateError(`Cannot await a decision in status ${parked.current?.status ?? 'missing'}`);
    await resumeWithRecorded(taskToken, decided);
    logger.info('Decision arrived while the approval was being requested; workflow resumed');
    return {};
  }
  logger.info('Awaiting registrar decision', { escalated });
  return {};
});
