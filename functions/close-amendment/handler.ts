import * as z from 'zod';
import { AmendmentStatus } from '../../domain/amendment.js';
import { amendmentRepository, getAmendment } from '../shared/amendments.js';
import { auditItem, registrationAuditPartition } from '../shared/audit.js';
import { readConfig } from '../shared/config.js';
import { RegistrationStateError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { closeAmendment } from '../shared/registration-repository.js';
import { AmendmentStepInputSchema, amendmentTaskHandler } from '../shared/task.js';

const config = readConfig();
const amendments = amendmentRepository(config.TABLE_NAME);

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
  const now = new Date();
  const at = now.toISOString();
  const failing = outcome === 'FAILED' && amendment.status !== AmendmentStatus.FAILED && amendment.status !== AmendmentStatus.APPLIED;
  const audit = auditItem(
    registrationAuditPartition(amendment.registrationId),
    {
      action: outcome === 'REJECTED' ? 'AMENDMENT_REJECTED' : 'AMENDMENT_FAILED',
      actor: { kind: 'system' },
      outcome: 'ALLOWED',
      detail: { amendmentId, kind: amendment.kind, ...(error?.Error ? { error: error.Error } : {}) },
    },
    now,
  );
  const written = await closeAmendment(config.TABLE_NAME, amendment.registrationId, amendmentId, [
    ...(failing ? [amendments.failedItem(amendmentId, { error: error?.Error ?? 'AmendmentFailed', at })] : []),
    { Put: { TableName: config.TABLE_NAME, Item: audit } },
  ]);
  logger.info('Amendment closed', { outcome, replay: written.outcome !== 'applied' });
  return {};
});
