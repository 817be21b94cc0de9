import { countAgainst, type Limit } from './rate-limit.js';
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

export function intakeLimits(env: NodeJS.ProcessEnv = process.env): readonly Limit[] {
  return [
    { scope: 'intake:facility:minute', max: positive(env['INTAKE_QUOTA_PER_MINUTE'], INTAKE_QUOTA_PER_MINUTE), windowSeconds: 60 },
    { scope: 'intake:facility:day', max: positive(env['INTAKE_QUOTA_PER_DAY'], INTAKE_QUOTA_PER_DAY), windowSeconds: 86_400 },
  ];
}

/** Counts one submission of `facilityId` in every window; throws 429 (the longest Retry-After) when any is used up. */
export async function countIntake(tableName: string, facilityId: string, limits: readonly Limit[], now = Date.now()): Promise<void> {
  const results = await Promise.allSettled(limits.map((limit) => countAgainst(tableName, limit, facilityId, now)));
  const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  const other = refused.find((e) => !(e instanceof TooManyRequestsError));
  if (other) throw other;
  if (refused.length > 0) {
    throw new TooManyRequestsError(Math.max(...refused.map((e) => (e as TooManyRequestsError).retryAfterSeconds)));
  }
}
