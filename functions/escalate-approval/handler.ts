import { readConfig } from '../shared/config.js';
import { logger } from '../shared/logger.js';
import { countEvent } from '../shared/metrics.js';
import { registrationRepository } from '../shared/registration-repository.js';
import { StepInputSchema, taskHandler } from '../shared/task.js';

const config = readConfig();
const repository = registrationRepository(config.TABLE_NAME);

/**
 * The decision has waited past the 4-hour promise (Banyuwangi's complaint rule): record it on the
 * timeline and emit ApprovalsEscalated, which pages the head of the office (alarm in infra/stack.ts).
 * The registration stays in the queue, now marked escalated, and the workflow keeps waiting.
 * Only a still-undecided approval is escalated, and only once.
 */
export const handler = taskHandler(StepInputSchema, async ({ registrationId }) => {
  const escalated = await repository.escalate(registrationId, new Date().toISOString());
  if (escalated.outcome !== 'applied') return {}; // escalated before (a replay), or decided meanwhile
  countEvent('ApprovalsEscalated');
  logger.warn('Registrar decision overdue: escalated');
  return {};
});
