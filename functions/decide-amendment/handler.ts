import { AmendmentDecisionSchema, type AmendmentDecision } from '../../api/requests.js';
import type { AmendmentDecisionResponse } from '../../api/schemas.js';
import { AmendmentStatus } from '../../domain/amendment.js';
import { amendmentRepository, getAmendment, type Amendment } from '../shared/amendments.js';
import { auditItem, officerActor, registrationAuditPartition } from '../shared/audit.js';
import { readConfig } from '../shared/config.js';
import { isStaleTokenError, resumeWithDecision } from '../shared/decision.js';
import { ConflictError, NotFoundError, ServiceUnavailableError } from '../shared/errors.js';
import { headOfOfficeHandler, json, parseJsonBody, pathParameter } from '../shared/http.js';
import { requireFourEyes } from '../shared/identity.js';
import { logger } from '../shared/logger.js';

const config = readConfig();
const amendments = amendmentRepository(config.TABLE_NAME);

type RecordedDecision = NonNullable<Amendment['decision']>;

/** A recorded decision against the one asked for: the same again is a retry, another one 409. */
function conflictWith(recorded: RecordedDecision | undefined, wanted: AmendmentDecision, status: string): Error | undefined {
  if (!recorded) return status === AmendmentStatus.PENDING ? undefined : new ConflictError('AMENDMENT_NOT_WAITING', { status });
  const same = recorded.decision === wanted.decision && (recorded.reason ?? '') === (wanted.reason ?? '');
  return same ? undefined : new ConflictError('AMENDMENT_ALREADY_DECIDED', { decision: recorded.decision, status });
}

/** Resumes the amendment workflow; a token already answered (a concurrent retry) is delivered all the same. */
async function resume(taskToken: string | undefined, decision: RecordedDecision): Promise<void> {
  if (!taskToken) {
    logger.info('No task token yet: the workflow picks up the recorded decision when it parks');
    return;
  }
  try {
    await resumeWithDecision(taskToken, decision);
  } catch (error) {
    if (isStaleTokenError(error)) return;
    throw new ServiceUnavailableError('DECISION_NOT_CONFIRMED', { cause: error });
  }
}

/**
 * POST /v1/amendments/{amendmentId}: a head of office decides (plain registrars and hospitals 403),
 * never the one who filed it (four-eyes, 403). The decision and its audit event are one transaction
 * conditional on none; then the stored task token resumes the amendment workflow. The same decision
 * again (a retry, a double click, 50 at once) answers 200 and resumes the same token; a different one 409.
 */
export const handler = headOfOfficeHandler('HEAD_OF_OFFICE_ONLY_AMENDMENT', async (event, caller) => {
  const amendmentId = pathParameter(event, 'amendmentId');
  const wanted = parseJsonBody(event, AmendmentDecisionSchema);
  const amendment = await getAmendment(config.TABLE_NAME, amendmentId);
  if (!amendment) throw new NotFoundError('AMENDMENT_NOT_FOUND');
  requireFourEyes(caller, amendment.requestedBy.id);
  const refused = conflictWith(amendment.decision, wanted, amendment.status);
  if (refused) throw refused;

  let decision = amendment.decision;
  if (!decision) {
    const now = new Date();
    const proposed: RecordedDecision = { decision: wanted.decision, by: caller.username, at: now.toISOString(), ...(wanted.reason ? { reason: wanted.reason } : {}) };
    const audit = auditItem(
      registrationAuditPartition(amendment.registrationId),
      {
        action: 'AMENDMENT_DECIDED',
        actor: officerActor(caller),
        ...(event.requestContext?.http?.sourceIp ? { sourceIp: event.requestContext.http.sourceIp } : {}),
        outcome: 'ALLOWED',
        detail: { amendmentId, kind: amendment.kind, decision: wanted.decision },
      },
      now,
    );
    const written = await amendments.decide(amendmentId, proposed, [{ Put: { TableName: config.TABLE_NAME, Item: audit } }]);
    if (written.outcome === 'applied') decision = proposed;
    else {
      const current = written.current;
      const again = conflictWith(current?.decision, wanted, current?.status ?? 'missing');
      if (again) throw again;
      if (!current?.decision) throw new ConflictError('AMENDMENT_CHANGED', { status: current?.status });
      decision = current.decision;
    }
  }
  // Read again for the token: the workflow may have stored it after the first read (its write is
  // conditional on no decision, so either we see it now or it finds our decision and resumes itself).
  const latest = await getAmendment(config.TABLE_NAME, amendmentId);
  await resume(latest?.taskToken, decision);
  logger.info('Amendment decided', { decision: decision.decision });
  return json(200, {
    amendmentId,
    decision: decision.decision,
    status: decision.decision === 'APPROVE' ? 'APPROVED' : 'REJECTED',
  } satisfies AmendmentDecisionResponse);
});
