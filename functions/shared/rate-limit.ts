import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from './aws.js';
import { conditionFailure, TooManyRequestsError } from './errors.js';

/**
 * Fixed-window counters in the registry table: one atomic ADD per counted event, expired by TTL.
 * Used where guessing must be slow (parents' access codes) and where the public may call
 * (document verification). Works the same in AWS and the local stack; API Gateway's stage
 * throttling is the coarse outer limit in AWS.
 */
export interface Limit {
  /** What is limited, e.g. "access-code:registration". */
  readonly scope: string;
  readonly max: number;
  readonly windowSeconds: number;
}

function windowOf(limit: Limit, now: number) {
  const windowMs = limit.windowSeconds * 1000;
  const start = Math.floor(now / windowMs) * windowMs;
  return { start, retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - now) / 1000)) };
}

/** The counter item of `subject` in the window containing `now` (read it to check without counting). */
export const counterKey = (limit: Limit, subject: string, now = Date.now()) => ({
  pk: `RATE#${limit.scope}#${subject}#${windowOf(limit, now).start}`,
  sk: 'RATE',
});

/** Throws if a counter read with `counterKey` has used up its window: a locked-out subject stays locked. */
export function assertBelowLimit(limit: Limit, counter: Record<string, unknown> | undefined, now = Date.now()): void {
  if (Number(counter?.['hits'] ?? 0) >= limit.max) throw new TooManyRequestsError(windowOf(limit, now).retryAfterSeconds);
}

/** Counts one event for `subject`; throws TooManyRequestsError once the window's count exceeds `max`. */
export async function countAgainst(tableName: string, limit: Limit, subject: string, now = Date.now()): Promise<void> {
  const { start, retryAfterSeconds } = windowOf(limit, now);
  const { Attributes } = await dynamodb.send(
    new UpdateCommand({
      TableName: tableName,
      Key: counterKey(limit, subject, now),
      UpdateExpression: 'ADD hits :one SET expiresAt = if_not_exists(expiresAt, :expires)',
      ExpressionAttributeValues: { ':one': 1, ':expires': Math.ceil(start / 1000) + 2 * limit.windowSeconds },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  if (Number(Attributes?.['hits'] ?? 0) > limit.max) throw new TooManyRequestsError(retryAfterSeconds);
}


/**
 * A window anchored at the subject's first counted event (not at the clock): a lockout lasts at
 * most `windowSeconds` after the first hit that opened it, whatever the time of day. One item per
 * subject; each call is one atomic write (two when a window ends), so concurrent calls are counted
 * one by one and at most `max` of them get through.
 */
export const anchoredKey = (limit: Limit, subject: string) => ({ pk: `RATE#${limit.scope}#${subject}`, sk: 'RATE' });

export interface Reservation {
  /** The count this call made (1 = it opened the window). */
  readonly hits: number;
  /** Gives the counted event back (e.g. the access code was right): the window keeps its end. */
  readonly release: () => Promise<void>;
}

/**
 * Counts one event for `subject` first and only then lets the caller act: throws
 * TooManyRequestsError (Retry-After = the window's end) once this call's count exceeds `max`.
 */
export async function reserve(tableName: string, limit: Limit, subject: string, now = Date.now()): Promise<Reservation> {
  const Key = anchoredKey(limit, subject);
  for (let attempt = 0; ; attempt += 1) {
    try {
      // The window is open: count in it.
      const { Attributes } = await dynamodb.send(
        new UpdateCommand({
          TableName: tableName,
          Key,
          UpdateExpression: 'ADD hits :one',
          ConditionExpression: 'windowEndsAt > :now',
          ExpressionAttributeValues: { ':one': 1, ':now': now },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return settle(tableName, limit, Key, Number(Attributes?.['hits'] ?? 0), Number(Attributes?.['windowEndsAt']), now);
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    try {
      // No window, or it ended: open one with this event (only one concurrent caller succeeds).
      const windowEndsAt = now + limit.windowSeconds * 1000;
      await dynamodb.send(
        new UpdateCommand({
          TableName: tableName,
          Key,
          UpdateExpression: 'SET hits = :one, windowEndsAt = :ends, expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(windowEndsAt) OR windowEndsAt <= :now',
          ExpressionAttributeValues: { ':one': 1, ':ends': windowEndsAt, ':now': now, ':expires': Math.ceil(windowEndsAt / 1000) + limit.windowSeconds },
        }),
      );
      return settle(tableName, limit, Key, 1, windowEndsAt, now);
    } catch (error) {
      // Another caller opened the window between the two writes: count in it.
      if (!isConditionFailure(error) || attempt >= 3) throw error;
    }
  }
}

function settle(tableName: string, limit: Limit, Key: { pk: string; sk: string }, hits: number, windowEndsAt: number, now: number): Reservation {
  if (hits > limit.max) throw new LimitReached(Math.min(limit.windowSeconds, Math.max(1, Math.ceil((windowEndsAt - now) / 1000))), hits === limit.max + 1);
  return {
    hits,
    release: async () => {
      await dynamodb.send(
        new UpdateCommand({
          TableName: tableName,
          Key,
          UpdateExpression: 'ADD hits :minusOne',
          ConditionExpression: 'windowEndsAt = :ends',
          ExpressionAttributeValues: { ':minusOne': -1, ':ends': windowEndsAt },
        }),
      ).catch((error: unknown) => {
        // The window ended meanwhile: nothing to give back.
        if (!isConditionFailure(error)) throw error;
      });
    },
  };
}

/** A refusal by `reserve`; `firstRefusal`: this call is the one that found the window used up (a lockout begins). */
export class LimitReached extends TooManyRequestsError {
  constructor(retryAfterSeconds: number, readonly firstRefusal: boolean) {
    super(retryAfterSeconds);
  }
}

const isConditionFailure = (error: unknown) => conditionFailure(error) !== undefined;
