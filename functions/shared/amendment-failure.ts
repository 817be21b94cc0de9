import { AmendmentStatus } from '../../domain/amendment.js';
import { amendmentRepository, getAmendment, type Amendment } from './amendments.js';
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
  const written = await closeWithAudit(
    tableName,
    amendment,
    'AMENDMENT_FAILED',
    { error: failure.error, source: 'EXECUTION_END', executionArn: failure.executionArn },
    { failedWith: failure.error, now },
  );
  return { outcome: written.outcome === 'applied' ? 'recorded' : 'ended', registrationId };
}

/**
 * Closes the registration's open amendment (conditional on it being this one), with its audit event and,
 * given `failedWith`, the amendment marked FAILED: one transaction. Shared by CloseAmendment (a rejected
 * or caught-failed amendment) and RecordExecutionEnd (an execution that ended outside its Catch).
 */
export function closeWithAudit(
  tableName: string,
  amendment: Amendment,
  action: 'AMENDMENT_REJECTED' | 'AMENDMENT_FAILED',
  detail: Readonly<Record<string, string>>,
  { failedWith, now }: { readonly failedWith?: string; readonly now: Date },
): ReturnType<typeof closeAmendment> {
  const { amendmentId, registrationId } = amendment;
  const audit = auditItem(
    registrationAuditPartition(registrationId),
    { action, actor: { kind: 'system' }, outcome: 'ALLOWED', detail: { amendmentId, kind: amendment.kind, ...detail } },
    now,
  );
  return closeAmendment(tableName, registrationId, amendmentId, [
    ...(failedWith ? [amendmentRepository(tableName).failedItem(amendmentId, { error: failedWith, at: now.toISOString() })] : []),
    { Put: { TableName: tableName, Item: audit } },
  ]);
}
