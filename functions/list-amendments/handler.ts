import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AmendmentsQuerySchema } from '../../api/requests.js';
import type { AmendmentList } from '../../api/schemas.js';
import { changedPaths, valuesAt } from '../../domain/amendment.js';
import type { Amendment } from '../shared/amendments.js';
import { dynamodb } from '../shared/aws.js';
import { readConfig } from '../shared/config.js';
import { ValidationError } from '../shared/errors.js';
import { fieldIssues, httpHandler, json } from '../shared/http.js';
import { isHeadOfOffice } from '../shared/identity.js';
import { PENDING_AMENDMENTS } from '../shared/keys.js';

const config = readConfig();

/**
 * GET /v1/amendments?status=PENDING: heads of office see the whole queue, oldest first, each entry
 * with the requested values beside the current ones and whether they may decide it (four-eyes: not
 * one they filed); a registrar sees the requests they filed. Hospitals 403.
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
  const items = ((result.Items ?? []) as Amendment[]).slice(0, parsed.data.limit).map((a) => {
    const paths = a.changes ? changedPaths(a.changes) : [];
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
    };
  });
  return json(200, { items } satisfies AmendmentList);
});
