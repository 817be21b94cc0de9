import { ValidationError } from './errors.js';

type Key = Record<string, unknown>;

/** A page's `nextCursor`: its LastEvaluatedKey as base64url JSON, opaque to the client; none on the last page. */
export const encodeCursor = (key: Key | undefined): string | undefined => (key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined);

/**
 * The ExclusiveStartKey a `cursor` stands for, or undefined without one. A cursor is followed only
 * when `belongs` accepts its key (the list's own partition: another hospital's cursor is refused, not
 * followed); anything else is a 400 at `cursor`.
 */
export function decodeCursor(cursor: string | undefined, belongs: (key: Key) => boolean): Key | undefined {
  if (!cursor) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (key && typeof key === 'object' && belongs(key as Key)) return key as Key;
  } catch {
    // fall through
  }
  throw new ValidationError([{ path: 'cursor', message: 'Not a cursor this API returned' }]);
}
