import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from './aws.js';
import { TooManyRequestsError } from './errors.js';

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

