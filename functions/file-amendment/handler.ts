import { createHash, randomUUID } from 'node:crypto';
import { ExecutionAlreadyExists, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import stringify from 'safe-stable-stringify';
import * as z from 'zod';
import { AmendmentRequestSchema } from '../../api/requests.js';
import type { AmendmentFiled } from '../../api/schemas.js';
import {
  AmendmentKind,
  AmendmentStatus,
  changedPaths,
  mayFile,
  nikChangingFields,
  valuesAt,
  type AmendmentRequester,
} from '../../domain/amendment.js';
import { RegistrationStatus } from '../../domain/registration-lifecycle.js';
import { amendmentRepository, getAmendment, type Amendment } from '../shared/amendments.js';
import { auditItem, registrationAuditPartition } from '../shared/audit.js';
import { dynamodb } from '../shared/aws.js';
import { CivilTimeZoneSchema, readConfig } from '../shared/config.js';
import { ConflictError, ForbiddenError, ServiceUnavailableError, UnprocessableError, ValidationError } from '../shared/errors.js';
import { json, parseJsonBody, pathParameter, publicHandler } from '../shared/http.js';
import { personKey } from '../shared/keys.js';
import { logger } from '../shared/logger.js';
import { auditActor, openRegistration, type RegistrationCaller } from '../shared/registration-access.js';
import { openAmendment } from '../shared/registration-repository.js';
import { stepFunctions } from '../shared/step-functions.js';

const config = readConfig({ AMENDMENT_STATE_MACHINE_ARN: z.string().min(1), CIVIL_TIME_ZONE: CivilTimeZoneSchema });
const amendments = amendmentRepository(config.TABLE_NAME);

function requesterOf(caller: RegistrationCaller): Amendment['requestedBy'] {
  if (caller.kind === 'parent') return { kind: 'parent' };
  if (caller.kind === 'registrar') return { kind: caller.headOfOffice ? 'head-of-office' : 'registrar', id: caller.username };
  throw new ForbiddenError();
}

/** What makes a request the same request again (a client's retry): the requester and the body. */
const requestHash = (requestedBy: Amendment['requestedBy'], body: unknown): string =>
  createHash('sha256').update(stringify({ requestedBy, body }) as string).digest('hex');

/** The amendment workflow, named after the amendment: starting it again is harmless. */
async function startWorkflow(amendmentId: string): Promise<void> {
  try {
    await stepFunctions.send(
      new StartExecutionCommand({ stateMachineArn: config.AMENDMENT_STATE_MACHINE_ARN, name: amendmentId, input: JSON.stringify({ amendmentId }) }),
    );
  } catch (error) {
    if (error instanceof ExecutionAlreadyExists) return;
    throw new ServiceUnavailableError('AMENDMENT_WORKFLOW_NOT_STARTED', { cause: error });
  }
}

/**
 * POST /v1/births/{registrationId}/amendments: a correction or a revocation of a COMPLETED registration.
 * Registrars and heads of office with their token; the parents with their access code, corrections
 * only (403 otherwise); hospitals 403. A correction that would change the NIK is refused with 422 and
 * the path to take (revoke and register again). The amendment, the registration's open amendment (one
 * at a time: 409 while another is open) and the audit event are one transaction; then the amendment
 * workflow starts, named after the amendment. The same request again while it is open answers the same
 * amendment and starts its workflow if a crash left it unstarted.
 */
export const handler = publicHandler(async (event) => {
  const registrationId = pathParameter(event, 'registrationId');
  const body = parseJsonBody(event, AmendmentRequestSchema);
  const { caller, registration } = await openRegistration(config.TABLE_NAME, event, registrationId, ['registrar', 'parent']);
  const requestedBy = requesterOf(caller);
  if (!mayFile(requestedBy.kind as AmendmentRequester, body.kind)) throw new ForbiddenError('PARENTS_CORRECTIONS_ONLY');
  const hash = requestHash(requestedBy, body);

  /** The open amendment: this very request filed before (a retry, a double click) answers as it did; another one is 409. */
  const answerOpen = async (openAmendmentId: string) => {
    const open = await getAmendment(config.TABLE_NAME, openAmendmentId);
    if (open && (open as Amendment & { requestHash?: string }).requestHash === hash) {
      await startWorkflow(open.amendmentId);
      return json(202, { amendmentId: open.amendmentId, status: AmendmentStatus.PENDING } satisfies AmendmentFiled);
    }
    throw new ConflictError('AMENDMENT_ALREADY_OPEN', { amendmentId: openAmendmentId });
  };
  if (registration.openAmendmentId) return answerOpen(registration.openAmendmentId);
  if (registration.status !== RegistrationStatus.COMPLETED) {
    throw new ConflictError('AMENDMENT_NEEDS_COMPLETED', { status: registration.status });
  }
  const changes = body.kind === AmendmentKind.CORRECTION ? (body.changes ?? {}) : undefined;
  if (changes) {
    const fields = nikChangingFields(registration.notification, changes, config.CIVIL_TIME_ZONE);
    if (fields.length > 0) throw new UnprocessableError('CORRECTION_CHANGES_NIK', { fields, path: 'REVOCATION' });
    if (changes.father) {
      const { Item } = await dynamodb.send(new GetCommand({ TableName: config.TABLE_NAME, Key: personKey(changes.father.nik), ConsistentRead: true }));
      if (!Item || Item['sex'] !== 'MALE') throw new ValidationError([{ path: 'changes.father.nik', code: 'FATHER_NOT_A_MAN_IN_REGISTRY' }]);
    }
  }

  const now = new Date();
  const at = now.toISOString();
  const amendmentId = randomUUID();
  const paths = changes ? changedPaths(changes) : [];
  const amendment: Omit<Amendment, 'status' | 'updatedAt'> & { requestHash: string } = {
    amendmentId,
    registrationId,
    kind: body.kind,
    ...(changes ? { changes, currentValues: valuesAt(registration.notification, paths) } : {}),
    reason: body.reason,
    evidence: body.evidence ?? [],
    requestedBy,
    requestedAt: at,
    requestHash: hash,
  };
  const audit = auditItem(
    registrationAuditPartition(registrationId),
    {
      action: 'AMENDMENT_REQUESTED',
      actor: auditActor(caller),
      ...(event.requestContext?.http?.sourceIp ? { sourceIp: event.requestContext.http.sourceIp } : {}),
      outcome: 'ALLOWED',
      detail: { amendmentId, kind: body.kind, ...(paths.length > 0 ? { paths: paths.join(',') } : {}) },
    },
    now,
  );
  const written = await openAmendment(config.TABLE_NAME, registrationId, amendmentId, [
    amendments.fileItem(amendment),
    { Put: { TableName: config.TABLE_NAME, Item: audit } },
  ]);
  if (written.outcome !== 'applied') {
    const current = written.current;
    if (current?.openAmendmentId) return answerOpen(current.openAmendmentId);
    throw new ConflictError('AMENDMENT_NEEDS_COMPLETED', { status: current?.status ?? registration.status });
  }
  await startWorkflow(amendmentId);
  logger.info('Amendment filed', { amendmentId, kind: body.kind, requester: requestedBy.kind });
  return json(202, { amendmentId, status: AmendmentStatus.PENDING } satisfies AmendmentFiled);
});
