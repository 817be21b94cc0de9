import type { DecisionResponse } from '../../api/schemas.js';
import { allows } from '../../domain/registration-lifecycle.js';
import { decidableBy, DecidedBy } from '../../domain/registry-checks.js';
import { auditItem, officerActor, registrationAuditPartition, type AuditEvent } from '../shared/audit.js';
import { readConfig } from '../shared/config.js';
import { isStaleTokenError, resumeWithDecision } from '../shared/decision.js';
import { ConflictError, GoneError, NotFoundError, ServiceUnavailableError, ValidationError } from '../shared/errors.js';
import { httpHandler, json, parseJsonBody, pathParameter } from '../shared/http.js';
import { requireHeadOfOffice, type Officer } from '../shared/identity.js';
import { logger } from '../shared/logger.js';
import { countEvent, recordDurationSince } from '../shared/metrics.js';
import { getRegistration, RegistrationStatus, type Registration } from '../shared/registration.js';
import { registrationRepository, type Transitioned } from '../shared/registration-repository.js';
import { decisionFactItem } from '../shared/stats.js';
import { DecisionSchema, type Decision } from '../../api/requests.js';

const config = readConfig();
const repository = registrationRepository(config.TABLE_NAME);

type RecordedDecision = NonNullable<Registration['decision']>;

/** Why a registration cannot take this decision, as the HTTP error to answer. */
function refusal(registration: Registration, wanted: Decision): Error | undefined {
  const { decision } = registration;
  if (decision) {
    const same =
      decision.decision === wanted.decision && (decision.reason ?? '') === (wanted.reason ?? '') && (decision.decreeNumber ?? '') === (wanted.decreeNumber ?? '');
    return same ? undefined : new ConflictError('ALREADY_DECIDED', { decision: decision.decision, status: registration.status });
  }
  if (registration.failure?.error === 'ApprovalExpired') {
    return new GoneError('APPROVAL_CLOSED', { status: registration.status });
  }
  if (!allows(wanted.decision === 'APPROVE' ? 'approve' : 'decline', registration.status) || !registration.approval) {
    return new ConflictError('NOT_AWAITING_DECISION', { status: registration.status });
  }
  return undefined;
}

/**
 * The decision, its audit event (who, when, the verdict and the reason code; never the free text)
 * and the dashboard's fact go in one transaction conditional on no decision: all or nothing, once.
 */
async function record(
  registration: Registration,
  wanted: Decision,
  officer: Officer,
  sourceIp: string | undefined,
): Promise<{ decision: RecordedDecision; written: Transitioned }> {
  const now = new Date();
  const at = now.toISOString();
  const decision: RecordedDecision = {
    decision: wanted.decision,
    by: officer.username,
    at,
    ...(wanted.reason ? { reason: wanted.reason } : {}),
    ...(wanted.reasonCode ? { reasonCode: wanted.reasonCode } : {}),
    ...(wanted.decreeNumber ? { decreeNumber: wanted.decreeNumber } : {}),
  };
  const { registrationId } = registration;
  const auditEvent: AuditEvent = {
    action: 'DECISION_RECORDED',
    actor: officerActor(officer), // a late registration's head of office with the role
    ...(sourceIp ? { sourceIp } : {}),
    outcome: 'ALLOWED',
    // The decree number is the office's own reference, not personal data: kept in the history.
    detail: {
      decision: wanted.decision,
      ...(wanted.reasonCode ? { reasonCode: wanted.reasonCode } : {}),
      ...(wanted.decreeNumber ? { decreeNumber: wanted.decreeNumber } : {}),
    },
  };
  const fact = { registrationId, requestedAt: registration.approval?.requestedAt ?? at, decidedAt: at, decision: wanted.decision } as const;
  return {
    decision,
    written: await repository.decide(registrationId, decision, [
      { Put: { TableName: config.TABLE_NAME, Item: auditItem(registrationAuditPartition(registrationId), auditEvent, now) } },
      { Put: { TableName: config.TABLE_NAME, Item: decisionFactItem(fact), ConditionExpression: 'attribute_not_exists(pk)' } },
    ]),
  };
}

/**
 * Resumes the workflow with the recorded decision. A stale token means the wait timed out into
 * escalation: the escalated request either stored its new token before our decision was recorded
 * (a consistent read now shows it, and we resume that one) or finds the decision when it tries to
 * store its token (its write is conditional on no decision) and resumes itself. Without the re-read,
 * a decision taken in the moment of escalation was lost until the approval expired.
 */
async function resume(registrationId: string, firstToken: string | undefined, decision: RecordedDecision): Promise<void> {
  let taskToken = firstToken;
  for (let attempt = 0; taskToken && attempt < 3; attempt++) {
    try {
      await resumeWithDecision(taskToken, decision);
      return;
    } catch (error) {
      if (!isStaleTokenError(error)) {
        throw new ServiceUnavailableError('DECISION_NOT_CONFIRMED', { cause: error });
      }
    }
    const current = (await getRegistration(config.TABLE_NAME, registrationId))?.approval?.taskToken;
    if (current === taskToken) break;
    taskToken = current;
  }
  logger.warn('Task token superseded; the workflow will pick up the recorded decision');
}

/**
 * POST /v1/approvals/{registrationId}: record the decision (exactly once, conditionally), then resume
 * the workflow with the stored task token. Repeating the same decision re-sends it (safe retry);
 * a different one is 409; after the approval expired, 410. A late registration (LATE_REGISTRATION)
 * only a head of office decides (403 for a plain registrar), with the decree (SK) number if given.
 */
export const handler = httpHandler(['registrar'], async (event, caller) => {
  if (caller.kind !== 'registrar') throw new Error('unreachable: route is registrar-only');
  const registrationId = pathParameter(event, 'registrationId');
  const wanted = parseJsonBody(event, DecisionSchema);
  let registration = await getRegistration(config.TABLE_NAME, registrationId);
  if (!registration) throw new NotFoundError('REGISTRATION_NOT_FOUND');
  // A late registration is the head of office's decision (UU 24/2013 art. 32): a plain registrar's
  // APPROVE or REJECT is refused before anything is written.
  if (decidableBy(registration.checks) === DecidedBy.HEAD_OF_OFFICE) {
    requireHeadOfOffice(caller, 'HEAD_OF_OFFICE_ONLY_LATE');
  } else if (wanted.decreeNumber !== undefined) {
    throw new ValidationError([{ path: 'decreeNumber', code: 'DECREE_ONLY_LATE' }]);
  }

  const refused = refusal(registration, wanted);
  if (refused) throw refused;
  let decision = registration.decision;
  if (!decision) {
    const recorded = await record(registration, wanted, caller, event.requestContext?.http?.sourceIp);
    if (recorded.written.outcome === 'applied') {
      decision = recorded.decision;
      // Counted by the write that took effect only: a repeated decision is not a second one.
      if (decision.decision === 'APPROVE') countEvent('RegistrationsApproved');
      recordDurationSince('TimeToDecision', registration.createdAt, Date.parse(decision.at));
    } else {
      // The registration as it was when the condition failed (no second read).
      registration = recorded.written.current;
      if (!registration) throw new NotFoundError('REGISTRATION_NOT_FOUND');
      const refusedNow = refusal(registration, wanted);
      if (refusedNow) throw refusedNow;
      // The same decision, recorded a moment ago by a concurrent request (a double click, a client
      // retry): a safe retry like any other, so it resumes the workflow and answers 200 too.
      if (!registration.decision) throw new ConflictError('REGISTRATION_CHANGED', { status: registration.status });
      decision = registration.decision;
    }
  }
  await resume(registrationId, registration.approval?.taskToken, decision);
  logger.info('Decision recorded', { decision: decision.decision });
  return json(200, {
    registrationId,
    decision: decision.decision,
    status: decision.decision === 'APPROVE' ? RegistrationStatus.ISSUING : RegistrationStatus.REJECTED,
  } satisfies DecisionResponse);
});
