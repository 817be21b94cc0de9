import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AmendmentsQuerySchema } from '../../api/requests.js';
import type { AmendmentList } from '../../api/schemas.js';
import { AmendmentKind, changedPaths, correctionDraft, valuesAt } from '../../domain/amendment.js';
import type { Amendment } from '../shared/amendments.js';
import { dynamodb } from '../shared/aws.js';
import { batchGetItems } from '../shared/batch-get.js';
import { readConfig } from '../shared/config.js';
import { ValidationError } from '../shared/errors.js';
import { fieldIssues, httpHandler, json } from '../shared/http.js';
import { isHeadOfOffice } from '../shared/identity.js';
import { PENDING_AMENDMENTS, registrationKey } from '../shared/keys.js';
import type { Registration } from '../shared/registration.js';

const config = readConfig();

/**
 * GET /v1/amendments?status=PENDING: heads of office see the whole queue, oldest first, each entry
 * with the requested values beside the current ones and whether they may decide it (four-eyes: not
 * one they filed); a registrar sees the requests they filed. Hospitals 403. A correction carries
 * its draft (the akta's next print and its marginal note, worded by domain/amendment.ts), so the
 * console shows the server's wording rather than a copy of it.
 */
export const handler = httpHandler(['registrar'], async (event, caller) => {
  if (caller.kind !== 'registrar') throw new Error('unreachable: route is registrar-only');
  const parsed = AmendmentsQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw new ValidationError(fieldIssues(parsed.error));
  const head = isHeadOfOffice(caller);
  const result = await dynamodb.send(
    new QueryCommand({
      TableName: config.TABLE_NAME,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :queue',
      ExpressionAttributeValues: { ':queue': PENDING_AMENDMENTS, ...(head ? {} : { ':me': caller.username }) },
      ...(head ? {} : { FilterExpression: 'requestedBy.id = :me' }),
      ScanIndexForward: true,
      Limit: head ? parsed.data.limit : 1000,
    }),
  );
  const page = ((result.Items ?? []) as Amendment[]).slice(0, parsed.data.limit);
  // A correction's draft needs its akta's number and current print: one BatchGet for the page (at most 100).
  const corrections = page.filter((a) => a.kind === AmendmentKind.CORRECTION);
  const printed = await batchGetItems(
    config.TABLE_NAME,
    corrections.map((a) => registrationKey(a.registrationId)),
    { attributes: ['birthCertificatePrint.printNumber', 'issued.birthCertificateNumber'] },
  );
  const prints = new Map(corrections.map((a, i) => [a.amendmentId, printed[i] as Pick<Registration, 'birthCertificatePrint' | 'issued'> | undefined]));
  const items = page.map((a) => {
    const paths = a.changes ? changedPaths(a.changes) : [];
    const registration = prints.get(a.amendmentId);
    const draft =
      a.kind === AmendmentKind.CORRECTION
        ? {
            ...(registration?.issued?.birthCertificateNumber ? { birthCertificateNumber: registration.issued.birthCertificateNumber } : {}),
            ...correctionDraft({ currentPrintNumber: registration?.birthCertificatePrint?.printNumber, paths, evidence: a.evidence ?? [] }),
          }
        : undefined;
    return {
      amendmentId: a.amendmentId,
      registrationId: a.registrationId,
      kind: a.kind,
      status: a.status,
      requestedAt: a.requestedAt,
      requestedBy: a.requestedBy,
      reason: a.reason,
      evidence: [...(a.evidence ?? [])],
      ...(a.changes ? { changes: valuesAt(a.changes, paths), currentValues: a.currentValues ?? {} } : {}),
      mayDecide: head && a.requestedBy.id !== caller.username,
      ...(draft ? { draft } : {}),
    };
  });
  return json(200, { items } satisfies AmendmentList);
});
