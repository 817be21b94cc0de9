import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { accessCodeShownToHospital, deriveAccessCode } from '../../domain/access-code.js';
import { accessCodeSecret } from '../shared/access-code-secret.js';
import { dynamodb } from '../shared/aws.js';
import { readConfig } from '../shared/config.js';
import { ValidationError } from '../shared/errors.js';
import { fieldIssues, httpHandler, json, requestLanguage } from '../shared/http.js';
import { facilitySubmissionsPartition, registrationKey } from '../shared/keys.js';
import type { Registration } from '../shared/registration.js';
import { BirthsQuerySchema } from '../../api/requests.js';
import { CursorShapes, decodeCursor, encodeCursor } from '../shared/cursor.js';
import type { SubmissionList } from '../../api/schemas.js';
import { batchGetItems } from '../shared/batch-get.js';
import { hospitalRejection } from '../shared/public-view.js';

const config = readConfig();

/**
 * GET /v1/births: the calling hospital's own submissions, newest first, with their status, the reason
 * of a rejection and, for ACCESS_CODE_SHOWN_HOURS after intake and unless a registrar re-issued it,
 * the parents' access code (re-derived, never stored in clear). The
 * `FACILITY#<id>` items are written by SubmitBirth in its intake transaction.
 */
export const handler = httpHandler(['hospital'], async (event, caller) => {
  if (caller.kind !== 'hospital') throw new Error('unreachable: route is hospital-only');
  const parsed = BirthsQuerySchema.safeParse(event.queryStringParameters ?? {});
  if (!parsed.success) throw new ValidationError(fieldIssues(parsed.error, 0, event.queryStringParameters ?? {}));
  const partition = facilitySubmissionsPartition(caller.facilityId);
  // A cursor opens only the caller's own partition: another hospital's cursor is refused, not followed.
  const exclusiveStartKey = decodeCursor(parsed.data.cursor, CursorShapes.facilitySubmissions(partition));
  const page = await dynamodb.send(
    new QueryCommand({
      TableName: config.TABLE_NAME,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: false,
      Limit: parsed.data.limit,
      ...(exclusiveStartKey ? { ExclusiveStartKey: exclusiveStartKey } : {}),
    }),
  );
  const ids = (page.Items ?? []).map((item) => String(item['registrationId']));
  const registrations = new Map<string, Registration>();
  if (ids.length > 0) {
    const items = await batchGetItems(config.TABLE_NAME, ids.map(registrationKey), {
      attributes: ['registrationId', 'facilityId', 'notificationId', 'createdAt', 'updatedAt', 'status', 'notification.child', 'rejection', 'accessCodeGeneration'],
    });
    for (const item of items as (Registration | undefined)[]) if (item) registrations.set(item.registrationId, item);
  }
  const secret = await accessCodeSecret();
  const items = ids.flatMap((id) => {
    const r = registrations.get(id);
    if (!r || r.facilityId !== caller.facilityId) return [];
    const child = r.notification.child;
    return [
      {
        registrationId: r.registrationId,
        notificationId: r.notificationId,
        submittedAt: r.createdAt,
        updatedAt: r.updatedAt,
        status: r.status,
        child: { name: child.name, sex: child.sex, birthDateTime: child.birthDateTime },
        ...(accessCodeShownToHospital(r) ? { accessCode: deriveAccessCode(secret, r.registrationId) } : {}),
        ...(r.rejection
          ? { rejection: hospitalRejection(r.rejection, requestLanguage(event)) }
          : {}),
      },
    ];
  });
  const nextCursor = encodeCursor(page.LastEvaluatedKey);
  return json(200, { items, ...(nextCursor ? { nextCursor } : {}) } satisfies SubmissionList);
});
