import type { ApprovalList } from '../../api/schemas.js';
import { ApprovalsQuerySchema } from '../../api/requests.js';
import { approvalClock, PROMISE_MS } from '../shared/approval-clock.js';
import { CivilTimeZoneSchema, readConfig } from '../shared/config.js';
import { CursorShapes, decodeCursor, encodeCursor } from '../shared/cursor.js';
import { httpHandler, json, parseQuery } from '../shared/http.js';
import { logger } from '../shared/logger.js';
import { approvalQueueSortKey, PENDING_APPROVALS } from '../shared/keys.js';
import { civilBirthOf, type Registration } from '../shared/registration.js';
import { keyAfter, workListCount, workListPage, type WorkListQuery } from '../shared/work-lists.js';

const config = readConfig({ CIVIL_TIME_ZONE: CivilTimeZoneSchema });

/** What a queue row shows, read from the index (the rest of the case stays in the table). */
const PROJECTION = ['registrationId', 'facilityId', 'createdAt', 'approval.requestedAt', 'approval.escalatedAt', 'notification.child.name', 'notification.child.birthDateTime', 'checks', 'motherName'];

/**
 * GET /v1/approvals: the registrars' queue, oldest first, as the console lists it (no NIKs: the case,
 * GET /v1/births/{id}, has the rest), with the filters' total. `overdue` is a bound on the index's
 * sort key (the time the case began waiting); facility, check and name are filters on the index.
 */
export const handler = httpHandler(['registrar'], async (event) => {
  const { limit, cursor, facility, check, overdue, q } = parseQuery(event, ApprovalsQuerySchema);
  const start = decodeCursor(cursor, CursorShapes.pendingApprovals());
  const now = Date.now();
  // `<requestedAt>#…` below `<cutoff>#` is a case that has waited longer than the promise.
  const cutoff = approvalQueueSortKey(new Date(now - PROMISE_MS).toISOString(), '');
  const query: WorkListQuery = {
    tableName: config.TABLE_NAME,
    partition: PENDING_APPROVALS,
    ...(overdue === true ? { sortKeyBelow: cutoff } : overdue === false ? { sortKeyFrom: cutoff } : {}),
    oldestFirst: true,
    filter: { facilityId: facility, checkCode: check, name: q },
    projection: PROJECTION,
  };
  const page = await workListPage(query, limit, start);
  // The whole list was read on the first page: its length is the total, no count needed.
  const counted = !start && !page.more ? { total: page.items.length, calls: 0 } : await workListCount(query);
  logger.debug('Queue read', { pageCalls: page.calls, countCalls: counted.calls });

  const items = (page.items as unknown as Registration[]).map((r) => {
    const child = r.notification.child;
    return {
      registrationId: r.registrationId,
      facilityId: r.facilityId,
      ...approvalClock(r, now),
      child: { name: child.name, birthDateTime: child.birthDateTime, birthDate: civilBirthOf(r.notification, config.CIVIL_TIME_ZONE).isoDate },
      ...(r.motherName ? { mother: { name: r.motherName } } : {}),
      checks: (r.checks ?? []).map((c) => ({ code: c.code, severity: c.severity })),
    };
  });
  const last = page.items.at(-1);
  const nextCursor = page.more && last ? encodeCursor(keyAfter(last)) : undefined;
  return json(200, { items, total: counted.total, ...(nextCursor ? { nextCursor } : {}) } satisfies ApprovalList);
});
