/**
 * Calendar dates without time zones, and Indonesia's three zones. Which civil date a birth has is
 * domain/birth-date.ts's rule (the date in the regency's zone of the instant of birth).
 */
export interface CalendarDate {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number; // 1-31
}

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

export function isRealDate(d: CalendarDate): boolean {
  return Number.isInteger(d.year) && d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= daysInMonth(d.year, d.month);
}

/** Parses `YYYY-MM-DD` (or the date part of an ISO timestamp); null for anything else or an impossible date. */
export function parseCalendarDate(text: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isRealDate(date) ? date : null;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export const formatIsoDate = (d: CalendarDate): string => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;

/** Indonesia's zones and their hours east of UTC (no daylight saving). */
export const TIME_ZONE_OFFSET_HOURS = { WIB: 7, WITA: 8, WIT: 9 } as const;
export type TimeZone = keyof typeof TIME_ZONE_OFFSET_HOURS;
export const TIME_ZONES = ['WIB', 'WITA', 'WIT'] as const satisfies readonly TimeZone[];

/**
 * The zone of a region by its Kemendagri province code (the first two digits of any region code):
 * WITA for Bali, Nusa Tenggara, South/East/North Kalimantan and Sulawesi; WIT for Maluku and the
 * Papua provinces (91-96); WIB for Sumatra, Java, West and Central Kalimantan.
 */
export function timeZoneOfRegion(regionCode: string): TimeZone {
  const province = Number(regionCode.slice(0, 2));
  if ([51, 52, 53, 63, 64, 65, 71, 72, 73, 74, 75, 76].includes(province)) return 'WITA';
  if (province >= 81) return 'WIT';
  return 'WIB';
}

/** The date and clock time ("08:15") an instant shows in `zone`. */
export function localDateTime(instant: Date, zone: TimeZone): { date: CalendarDate; time: string } {
  const shifted = new Date(instant.getTime() + TIME_ZONE_OFFSET_HOURS[zone] * 3600_000);
  return {
    date: { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() },
    time: `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`,
  };
}

/** The date an instant falls on in `zone` (issue dates, the day a notification was received). */
export const dateInZone = (instant: Date, zone: TimeZone): CalendarDate => localDateTime(instant, zone).date;

/** Whole days from a to b (b later = positive). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

export function addDays(d: CalendarDate, days: number): CalendarDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day) + days * 86_400_000);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/**
 * The n-th birthday. Someone born on 29 February has it on 1 March in common years
 * (the day after 28 February, when the anniversary has fully passed).
 */
export function birthdayAt(birth: CalendarDate, age: number): CalendarDate {
  const year = birth.year + age;
  if (birth.month === 2 && birth.day === 29 && !isLeapYear(year)) return { year, month: 3, day: 1 };
  return { year, month: birth.month, day: birth.day };
}
