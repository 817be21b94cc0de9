import type { FollowUpList } from '../../api/schemas.js';
import { FOLLOW_UP_STATUSES, FollowUpsQuerySchema } from '../../api/requests.js';
import { CivilTimeZoneSchema, readConfig } from '../shared/config.js';
import { CursorShapes, decodeCursor, encodeCursor } from '../shared/cursor.js';
import { httpHandler, json, parseQuery } from '../shared/http.js';
import { FOLLOW_UP } from '../shared/keys.js';
import { civilBirthOf, type Registration } from '../shared/registration.js';
import { keyAfter, workListCount, workListPage, type WorkListQuery } from '../shared/work-lists.js';

const config = readConfig({ CIVIL_TIME_ZONE: CivilTimeZoneSchema });

const PROJECTION = ['registrationId', 'facilityId', 'notificationId', 'createdAt', 'status', 'notification.child', 'checks', 'motherName', 'rejection.source', 'rejection.reasonCode', 'rejection.codes', 'failure.error', 'failure.at', 'steps.REJECTED', 'steps.FAILED'];

/**
 * GET /v1/follow-ups (registrars): the cases that ended without documents, REJECTED or FAILED, newest
 * first: the repository's reject / decline / fail put them on gsi1 `FOLLOW_UP` in the write that ends
 * them (domain/registration-lifecycle.ts `entersFollowUp`). Filters as the queue's; `status` picks one.
 */
export const handler = httpHandler(['registrar'], async (event) => {
  const { limit, cursor, facility, q, status } = parseQuery(event, FollowUpsQuerySchema);
  const start = decodeCursor(cursor, CursorShapes.followUps());
  const statuses = status && status.length < FOLLOW_UP_STATUSES.length ? status : undefined;
  const query: WorkListQuery = {
    tableName: config.TABLE_NAME,
    partition: FOLLOW_UP,
    oldestFirst: false,
    // A redriven case (README, Operations) keeps its index entry until it ends again: the status filter keeps the list to REJECTED and FAILED.
    filter: { facilityId: facility, name: q, statuses: statuses ?? FOLLOW_UP_STATUSES },
    projection: PROJECTION,
  };
  const page = await workListPage(query, limit, start);
  const counted = !start && !page.more ? { total: page.items.length } : await workListCount(query);

  const items = (page.items as unknown as (Registration & { gsi1sk: string })[]).map((r) => {
    const child = r.notification.child;
    const status = r.status === 'FAILED' ? ('FAILED' as const) : ('REJECTED' as const);
    return {
      registrationId: r.registrationId,
      facilityId: r.facilityId,
      notificationId: r.notificationId,
      status,
      submittedAt: r.createdAt,
      endedAt: r.steps?.[status]?.at ?? r.gsi1sk.slice(0, r.gsi1sk.lastIndexOf('#')),
      child: { name: child.name, sex: child.sex, birthDateTime: child.birthDateTime, birthDate: civilBirthOf(r.notification, config.CIVIL_TIME_ZONE).isoDate },
      ...(r.motherName ? { mother: { name: r.motherName } } : {}),
      checks: (r.checks ?? []).map((c) => ({ code: c.code, severity: c.severity })),
      ...(r.rejection
        ? {
            rejection: {
              source: r.rejection.source,
              ...(r.rejection.reasonCode ? { reasonCode: r.rejection.reasonCode } : {}),
              ...(r.rejection.codes ? { codes: [...r.rejection.codes] } : {}),
            },
          }
        : {}),
      ...(r.failure ? { failure: { error: r.failure.error, at: r.failure.at } } : {}),
    };
  });
  const last = page.items.at(-1);
  const nextCursor = page.more && last ? encodeCursor(keyAfter(last)) : undefined;
  return json(200, { items, total: counted.total, ...(nextCursor ? { nextCursor } : {}) } satisfies FollowUpList);
});
