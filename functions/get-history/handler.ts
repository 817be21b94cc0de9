import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { registrationAuditPartition, type AuditEvent } from '../shared/audit.js';
import { dynamodb } from '../shared/aws.js';
import { readConfig } from '../shared/config.js';
import { NotFoundError } from '../shared/errors.js';
import { httpHandler, json, pathParameter } from '../shared/http.js';
import { getRegistration, timelineOf } from '../shared/registration.js';
import type { History, HistoryEvent } from '../../api/schemas.js';

const config = readConfig();

/** Enough for any real case (a submission, a decision, some downloads); a case with more says so. */
const MAX_AUDIT_EVENTS = 1000;

type StoredAudit = AuditEvent & { readonly at: string };

/**
 * GET /v1/births/{registrationId}/history (registrars): the registration's timeline and its audit
 * trail (`AUDIT#REG#<id>`: the hospital's submission, the registrar's decision, downloads, wrong
 * access codes) in one list, oldest first. Registrars only: the trail names officers and source
 * addresses, which the submitting hospital has no need to see (it has the timeline in GET /v1/births/{id}).
 */
export const handler = httpHandler(['registrar'], async (event) => {
  const registrationId = pathParameter(event, 'registrationId');
  const [registration, page] = await Promise.all([
    getRegistration(config.TABLE_NAME, registrationId),
    dynamodb.send(
      new QueryCommand({
        TableName: config.TABLE_NAME,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': registrationAuditPartition(registrationId) },
        Limit: MAX_AUDIT_EVENTS,
      }),
    ),
  ]);
  if (!registration) throw new NotFoundError('REGISTRATION_NOT_FOUND');

  const steps: HistoryEvent[] = timelineOf(registration).map(({ step, at, by }) => ({
    at,
    kind: 'STEP',
    step,
    actor: by ? { kind: 'registrar', id: by } : { kind: 'system' },
  }));
  const audited: HistoryEvent[] = ((page.Items ?? []) as StoredAudit[]).map((item) => ({
    at: item.at,
    kind: 'AUDIT',
    action: item.action,
    actor: { kind: item.actor.kind, ...(item.actor.id ? { id: item.actor.id } : {}), ...(item.actor.role ? { role: item.actor.role } : {}) },
    outcome: item.outcome,
    ...(item.sourceIp ? { sourceIp: item.sourceIp } : {}),
    ...(item.detail ? { detail: { ...item.detail } } : {}),
  }));
  // Oldest first; at the same instant the step before the act that caused it (RECEIVED, then BIRTH_SUBMITTED).
  const events = [...steps, ...audited].sort((a, b) => a.at.localeCompare(b.at) || (a.kind === b.kind ? 0 : a.kind === 'STEP' ? -1 : 1));
  return json(200, { registrationId, events, truncated: page.LastEvaluatedKey !== undefined } satisfies History);
});
