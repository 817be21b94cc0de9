import { TooManyRequestsError } from './errors.js';

/**
 * The per-hospital intake quota of POST /v1/births (README "Intake quota, SMS and webhooks"): every
 * new notification of a facility is counted, atomically in the intake's own transaction, in a
 * one-minute and a one-day fixed window. Over either: 429 with Retry-After, nothing stored. A retry of
 * a notification already stored is answered as before (200) and counts nothing.
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
 * The quota's count of one submission of `facilityId`, as an item of the intake transaction (so it
 * costs no call of its own, and nothing is counted unless the notification is stored): the
 * facility's item for the UTC day holds the day's count and one counter per minute of that day (at
 * most 1,440 small attributes; the item expires two days on), and the item's condition refuses the
 * submission when either window is used up. `refusal` turns the item as it was (ALL_OLD of the
 * cancelled transaction) into the 429 with the Retry-After of the window that is full.
 */
export function intakeQuotaItem(tableName: string, facilityId: string, limits: IntakeLimits, now = Date.now()) {
  const dayStart = Math.floor(now / DAY_MS) * DAY_MS;
  const minuteOfDay = Math.floor((now - dayStart) / MINUTE_MS);
  const minute = `m${minuteOfDay}`;
  const item = {
    Update: {
      TableName: tableName,
      Key: { pk: `RATE#intake:facility#${facilityId}#${dayStart}`, sk: 'RATE' },
      UpdateExpression: 'ADD dayHits :one, #minute :one SET expiresAt = if_not_exists(expiresAt, :expires)',
      ConditionExpression: '(attribute_not_exists(dayHits) OR dayHits < :perDay) AND (attribute_not_exists(#minute) OR #minute < :perMinute)',
      ExpressionAttributeNames: { '#minute': minute },
      ExpressionAttributeValues: { ':one': 1, ':expires': Math.ceil(dayStart / 1000) + 2 * 86_400, ':perDay': limits.perDay, ':perMinute': limits.perMinute },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
    },
  };
  const refusal = (old: Record<string, unknown> | undefined): TooManyRequestsError => {
    const dayFull = Number(old?.['dayHits'] ?? 0) >= limits.perDay;
    const waitMs = dayFull ? dayStart + DAY_MS - now : dayStart + (minuteOfDay + 1) * MINUTE_MS - now;
    return new TooManyRequestsError(Math.max(1, Math.ceil(waitMs / 1000)));
  };
  return { item, refusal };
}
