import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ApprovalList } from '../../api/schemas.js';
import { dynamodb } from '../shared/aws.js';
import { readConfig } from '../shared/config.js';
import { ValidationError } from '../shared/errors.js';
import { fieldIssues, httpHandler, json } from '../shared/http.js';
import { PENDING_APPROVALS } from '../shared/keys.js';
import type { Registration } from '../shared/registration.js';
import { ApprovalsQuerySchema } from '../../api/requests.js';
import { CursorShapes, decodeCursor, encodeCursor } from '../shared/cursor.js';
import { decidableBy } from '../../domain/registry-checks.js';

const config = readConfig();

/** Banyuwangi's promise: a decision within 4 hours. */
const PROMISE_MS = 4 * 3600_000;

/** GET /v1/approvals: registrars' queue, oldest first, with what they need to decide. */
export const handler = httpHandler(['registrar'], async (event) => {
  const parsed = ApprovalsQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw new ValidationError(fieldIssues(parsed.error));
  const { limit, cursor } = parsed.data;
  const exclusiveStartKey = decodeCursor(cursor, CursorShapes.pendingApprovals());
  const result = await dynamodb.send(
    new QueryCommand({
      TableName: config.TABLE_NAME,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :queue',
      ExpressionAttributeValues: { ':queue': PENDING_APPROVALS },
      ScanIndexForward: true,
      Limit: limit,
      ...(exclusiveStartKey ? { ExclusiveStartKey: exclusiveStartKey } : {}),
    }),
  );
  const now = Date.now();
  const items = ((result.Items ?? []) as Registration[]).map((r) => {
    const requestedAt = r.approval?.requestedAt ?? r.createdAt;
    const waitingMs = now - Date.parse(requestedAt);
    const n = r.notification;
    return {
      registrationId: r.registrationId,
      facilityId: r.facilityId,
      notificationId: r.notificationId,
      submittedAt: r.createdAt,
      requestedAt,
      waitingMinutes: Math.floor(waitingMs / 60_000),
      overdue: waitingMs > PROMISE_MS,
      escalated: Boolean(r.approval?.escalatedAt),
      child: n.child,
      mother: n.mother,
      ...(n.father ? { father: n.father } : {}),
      familyCardNumber: n.familyCardNumber,
      ...(n.marriageCertificateNumber ? { marriageCertificateNumber: n.marriageCertificateNumber } : {}),
      attendant: n.attendant,
      checks: r.checks ?? [],
      decidableBy: decidableBy(r.checks),
    };
  });
  const nextCursor = encodeCursor(result.LastEvaluatedKey);
  return json(200, { items, ...(nextCursor ? { nextCursor } : {}) } satisfies ApprovalList);
});
