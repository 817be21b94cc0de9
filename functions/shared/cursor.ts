import * as z from 'zod';
import { REGISTRATION_ID_PATTERN } from '../../api/requests.js';
import { ValidationError } from './errors.js';
import { FOLLOW_UP, PENDING_APPROVALS, SINGLETON } from './keys.js';

type Key = Record<string, string>;

/** A page's `nextCursor`: its LastEvaluatedKey as base64url JSON, opaque to the client; none on the last page. */
export const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

const ISO_INSTANT = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})/.source;
const UUID = REGISTRATION_ID_PATTERN.source.slice(1, -1);

/**
 * The exact LastEvaluatedKey of each paged list, as DynamoDB returns it: the attributes of the key
 * (no more, no fewer), each a string of the shape the application writes. A cursor of any other
 * shape is refused with 400 before it reaches DynamoDB (a tampered one used to answer 500).
 */
export const CursorShapes = {
  /** GET /v1/births: the calling hospital's FACILITY#<id> partition, SUB#<createdAt>#<registrationId>. */
  facilitySubmissions: (partition: string) =>
    z.strictObject({ pk: z.literal(partition), sk: z.string().regex(new RegExp(`^SUB#${ISO_INSTANT}#${UUID}$`)) }),
  /** GET /v1/approvals: the gsi1 queue; the table key of a registration and the queue's key. */
  pendingApprovals: () =>
    z.strictObject({
      pk: z.string().regex(new RegExp(`^REG#${UUID}$`)),
      sk: z.literal(SINGLETON.registration),
      gsi1pk: z.literal(PENDING_APPROVALS),
      gsi1sk: z.string().regex(new RegExp(`^${ISO_INSTANT}#${UUID}$`)),
    }),
  /** GET /v1/follow-ups: the gsi1 follow-up list; the table key of a registration and the list's key. */
  followUps: () =>
    z.strictObject({
      pk: z.string().regex(new RegExp(`^REG#${UUID}$`)),
      sk: z.literal(SINGLETON.registration),
      gsi1pk: z.literal(FOLLOW_UP),
      gsi1sk: z.string().regex(new RegExp(`^${ISO_INSTANT}#${UUID}$`)),
    }),
} as const;

/**
 * The ExclusiveStartKey a `cursor` stands for, or undefined without one. A cursor is followed only
 * when it has exactly the shape of its list's keys (`shape`, one of CursorShapes: within the list's
 * own partition, so another hospital's cursor is refused, not followed); anything else is a 400 at `cursor`.
 */
export function decodeCursor(cursor: string | undefined, shape: z.ZodType<Key>): Key | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = shape.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through
  }
  throw new ValidationError([{ path: 'cursor', code: 'CURSOR_INVALID' }]);
}
