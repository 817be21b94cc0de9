import { AmendmentStatus } from '../../domain/amendment.js';
import { amendmentRepository, getAmendment } from './amendments.js';
import { auditItem, registrationAuditPartition } from './audit.js';
import { closeAmendment } from './registration-repository.js';

/** `recorded`: now FAILED and the registration's open amendment closed; `ended`: it had already ended (or is not the open one) and nothing changed; `missing`: no such amendment. */
export type AmendmentFailureOutcome = 'recorded' | 'ended' | 'missing';

/**
 * An amendment whose execution ended outside the workflow's Catch (stopped, timed out, failed where
 * RecordAmendmentFailure never ran): marked FAILED and the registration's open amendment closed, with
 * the audit event AMENDMENT_FAILED, in one transaction through the repository's closeAmendment (the
 * path CloseAmendment takes for a caught failure). Guarded on the registration's open amendment being
 * this one, so a replay, an amendment already closed (applied, rejected, or failed through the Catch)
 * or a registration holding another amendment changes nothing.
 */
export async function markAmendmentFailed(
  tableName: string,
  amendmentId: string,
  failure: { readonly error: string; readonly executionArn: string },
  now = new Date(),
): Promise<{ outcome: AmendmentFailureOutcome; registrationId?: string }> {
  const amendment = await getAmendment(tableName, amendmentId);
  if (!amendment) return { outcome: 'missing' };
  const { registrationId } = amendment;
  if (amendment.status !== AmendmentStatus.PENDING && amendment.status !== AmendmentStatus.APPROVED) return { outcome: 'ended', registrationId };
  const at = now.toISOString();
  const audit = auditItem(
    registrationAuditPartition(registrationId),
    {
      action: 'AMENDMENT_FAILED',
      actor: { kind: 'system' },
      outcome: 'ALLOWED',
      detail: { amendmentId, kind: amendment.kind, error: failure.error, source: 'EXECUTION_END', executionArn: failure.executionArn },
    },
    now,
  );
  const written = await closeAmendment(tableName, registrationId, amendmentId, [
    amendmentRepository(tableName).failedItem(amendmentId, { error: failure.error, at }),
    { Put: { TableName: tableName, Item: audit } },
  ]);
  return { outcome: written.outcome === 'applied' ? 'recorded' : 'ended', registrationId };
}
