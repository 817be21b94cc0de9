import { readConfig } from '../shared/config.js';
import { logger } from '../shared/logger.js';
import { countEvent } from '../shared/metrics.js';
import { markStep } from '../shared/registration.js';
import { StepInputSchema, taskHandler } from '../shared/task.js';

const config = readConfig();

/**
 * The decision has waited past the 4-hour promise (Banyuwangi's complaint rule): record it on the
 * timeline and emit ApprovalsEscalated, which pages the head of the office (alarm in infra/stack.ts).
 * The registration stays in the queue, now marked escalated, and the workflow keeps waiting.
 */
export const handler = taskHandler(StepInputSchema, async ({ registrationId }) => {
  const first = await markStep(config.TABLE_NAME, registrationId, 'ESCALATED');
  if (first) countEvent('ApprovalsEscalated');
  logger.warn('Registrar decision overdue: escalated');
  return {};
});
