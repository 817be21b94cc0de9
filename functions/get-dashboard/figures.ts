import type { DecisionFact, RegistrationFact } from '../shared/stats.js';
import type { Dashboard } from '../../api/schemas.js';

/**
 * The dashboard's arithmetic, from the facts in the window (functions/shared/stats.ts) and the
 * waiting times of the queue. Plain function: no database, unit-tested.
 */
const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** The WIB calendar date of an instant. */
export const wibDate = (instant: Date): string => new Date(instant.getTime() + WIB_OFFSET_MS).toISOString().slice(0, 10);

/** The window: `days` WIB days ending today, and the UTC instant its first day starts. */
export function windowOf(days: number, now: Date): { from: string; to: string; fromInstant: string; dates: string[] } {
  const to = wibDate(now);
  const dates = Array.from({ length: days }, (_, i) => new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10));
  const from = dates[0]!;
  return { from, to, fromInstant: new Date(Date.parse(`${from}T00:00:00+07:00`)).toISOString(), dates };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const share = (count: number, total: number) => ({ total, count, share: total === 0 ? null : count / total });

export function figures(input: {
  readonly days: number;
  readonly now: Date;
  readonly registered: readonly RegistrationFact[];
  readonly decided: readonly DecisionFact[];
  /** When each case now in the queue started waiting. */
  readonly pendingSince: readonly string[];
}): Dashboard {
  const window = windowOf(input.days, input.now);
  const inWindow = <T>(facts: readonly T[], at: (f: T) => string) => facts.filter((f) => at(f) >= window.fromInstant && at(f) <= input.now.toISOString());
  const registered = inWindow(input.registered, (f) => f.documentsAt);
  const decided = inWindow(input.decided, (f) => f.decidedAt);

  const perDay = new Map(window.dates.map((d) => [d, 0]));
  for (const fact of registered) {
    const day = wibDate(new Date(fact.documentsAt));
    if (perDay.has(day)) perDay.set(day, perDay.get(day)! + 1);
  }
  const minutes = registered.map((f) => (Date.parse(f.documentsAt) - Date.parse(f.submittedAt)) / 60_000);
  const mid = median(minutes);
  const ages = input.pendingSince.map((since) => input.now.getTime() - Date.parse(since));

  return {
    from: window.from,
    to: window.to,
    generatedAt: input.now.toISOString(),
    registeredPerDay: [...perDay].map(([date, count]) => ({ date, count })),
    registered: registered.length,
    medianMinutesToDocuments: mid === null ? null : Math.round(mid * 10) / 10,
    decidedWithin4Hours: share(decided.filter((f) => Date.parse(f.decidedAt) - Date.parse(f.requestedAt) <= 4 * HOUR_MS).length, decided.length),
    registeredWithin60Days: share(registered.filter((f) => !f.late).length, registered.length),
    pendingByAge: {
      under1h: ages.filter((a) => a < HOUR_MS).length,
      from1hTo4h: ages.filter((a) => a >= HOUR_MS && a <= 4 * HOUR_MS).length,
      over4h: ages.filter((a) => a > 4 * HOUR_MS).length,
    },
  };
}
