import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from './aws.js';
import { TooManyRequestsError } from './errors.js';

/**
 * The per-hospital intake quota of POST /v1/births (README "Intake quota, SMS and webhooks"): every
 * request of a facility is counted, atomically in the table and before anything is written, in a
 * one-minute and a one-day fixed window. Over either: 429 with Retry-After, nothing stored.
 *
 * 60 a minute lets a clinic flush a day's offline backlog at once (the busiest hospital of the regency
 * registers about 30 births a day) and a week's in a few minutes; 1,000 a day is some 30 times the
 * busiest hospital's day. The local stack's tests that drive hundreds of births from one facility
 * raise them with INTAKE_QUOTA_PER_MINUTE / INTAKE_QUOTA_PER_DAY (local knobs, never set in AWS).
 */
export const INTAKE_QUOTA_PER_MINUTE = 60;
export const INTAKE_QUOTA_PER_DAY = 1_000;

const positive = (value: string | undefined, fallback: number): number => {
  const n = Number(value);
  return value && Number.isInteger(n) && n > 0 ? n : fallback;
};

export interface IntakeLimits {
  readonly perMinute: number;
  readonly perDay: number;
}

export function intakeLimits(env: NodeJS.ProcessEnv = process.env): IntakeLimits {
  return {
    perMinute: positive(env['INTAKE_QUOTA_PER_MINUTE'], INTAKE_QUOTA_PER_MINUTE),
    perDay: positive(env['INTAKE_QUOTA_PER_DAY'], INTAKE_QUOTA_PER_DAY),
  };
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * Counts one submission of `facilityId` in both windows with ONE atomic write (the chain's DynamoDB
 * budget is 18 calls per birth): the facility's item for the UTC day holds the day's count and one
 * counter per minute of that day (at most 1,440 small attributes; the item expires two days on).
 * Over either limit: 429 with the Retry-After of the window that is used up (the longer if both).
 */
export async function countIntake(tableName: string, facilityId: string, limits: IntakeLimits, now = Date.now()): Promise<void> {
  const dayStart = Math.floor(now / DAY_MS) * DAY_MS;
  const minuteOfDay = Math.floor((now - dayStart) / MINUTE_MS);
  const { Attributes } = await dynamodb.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { pk: `RATE#intake:facility#${facilityId}#${dayStart}`, sk: 'RATE' },
      UpdateExpression: 'ADD dayHits :one, #minute :one SET expiresAt = if_not_exists(expiresAt, :expires)',
      ExpressionAttributeNames: { '#minute': `m${minuteOfDay}` },
      ExpressionAttributeValues: { ':one': 1, ':expires': Math.ceil(dayStart / 1000) + 2 * 86_400 },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  const retryAfter = [
    Number(Attributes?.['dayHits'] ?? 0) > limits.perDay ? Math.ceil((dayStart + DAY_MS - now) / 1000) : 0,
    Number(Attributes?.[`m${minuteOfDay}`] ?? 0) > limits.perMinute ? Math.ceil((dayStart + (minuteOfDay + 1) * MINUTE_MS - now) / 1000) : 0,
  ];
  const wait = Math.max(...retryAfter);
  if (wait > 0) throw new TooManyRequestsError(Math.max(1, wait));
}
