/**
 * Birth dates relative to the real clock, for tests whose outcome depends on how old a birth is when
 * the stack receives it: more than 60 days is a late registration (LATE_REGISTRATION, a head of
 * office's decision), a child of 5 gets a KIA 5-17 instead of a 0-5, a birth in the future is refused.
 * A fixed date in such a test passes the week it is written and fails a few weeks later; these keep
 * the same distance on any day. Dates are Banyuwangi's civil dates (WIB, UTC+7), as the registry
 * checks count them. Expected values (NIK date digits, printed dates, KIA validity) are computed here
 * from the date the test sent, independently of the domain code under test.
 */
const DAY_MS = 86_400_000;
const WIB_MS = 7 * 3_600_000;

const iso = (utcMidnight: number): string => new Date(utcMidnight).toISOString().slice(0, 10);
const utc = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/** Today's date in WIB (YYYY-MM-DD). */
export const todayWib = (): string => iso(Date.now() + WIB_MS);

/** The WIB date `days` days before today (YYYY-MM-DD); negative counts forward. */
export const dateDaysAgo = (days: number): string => addDays(todayWib(), -days);

/** `date` moved by `days` whole days. */
export const addDays = (date: string, days: number): string => iso(utc(date) + days * DAY_MS);

export interface BirthAt {
  /** How many days before today (WIB) the date part of the timestamp is. */
  readonly daysAgo: number;
  /** The local clock time, HH:MM or HH:MM:SS (10:00 unless given). */
  readonly at?: string;
  /** The offset written after it: +07:00 (WIB) unless given; +08:00, +09:00 or Z for other zones. */
  readonly offset?: string;
}

/**
 * A `child.birthDateTime` whose date part is `daysAgo` days before today's WIB date, at `at` in
 * `offset`: `recentBirth({ daysAgo: 11, at: '08:15' })` is 11 days ago at 08:15 WIB. With another
 * offset the date part is the local date there (`{ daysAgo: 10, at: '00:30', offset: '+08:00' }` is
 * 23:30 WIB of the day before).
 */
export function recentBirth({ daysAgo, at = '10:00', offset = '+07:00' }: BirthAt): string {
  return `${dateDaysAgo(daysAgo)}T${at.length === 5 ? `${at}:00` : at}${offset}`;
}

/** The WIB civil date of a birth timestamp (the date Banyuwangi's registry gives the birth). */
export const civilDate = (birthDateTime: string): string => iso(Math.floor((Date.parse(birthDateTime) + WIB_MS) / DAY_MS) * DAY_MS);

/** A birth `years` whole years and `days` days before today (WIB), at 09:00 WIB (a child, not a newborn). */
export function birthYearsAgo(years: number, days: number, at = '09:00'): string {
  const [y, m, d] = todayWib().split('-').map(Number) as [number, number, number];
  // 29 February of a common year does not exist: take the 28th.
  const day = m === 2 && d === 29 && !isLeapYear(y - years) ? 28 : d;
  const date = addDays(`${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`, -days);
  return `${date}T${at}:00+07:00`;
}

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The latest 29 February at least `minDaysAgo` days before today (WIB): always less than 5 years ago for minDaysAgo < 300. */
export function leapDayAtLeast(minDaysAgo: number): string {
  const latest = dateDaysAgo(minDaysAgo);
  for (let year = Number(latest.slice(0, 4)); ; year--) {
    const candidate = `${year}-02-29`;
    if (isLeapYear(year) && candidate <= latest) return candidate;
  }
}

/** The six date digits of a child's NIK: DDMMYY, 40 added to the day for a girl. */
export function nikDateDigits(date: string, sex: 'MALE' | 'FEMALE'): string {
  const day = Number(date.slice(8, 10)) + (sex === 'FEMALE' ? 40 : 0);
  return `${String(day).padStart(2, '0')}${date.slice(5, 7)}${date.slice(2, 4)}`;
}

/**
 * The last day of a card valid until the `age`-th birthday (KIA 0-5: 5, KIA 5-17: 17): the day before
 * it; a 29 February child's birthday is 1 March in a common year, so the last day is 28 February.
 */
export function validThroughBeforeBirthday(birthDate: string, age: number): string {
  const year = Number(birthDate.slice(0, 4)) + age;
  const monthDay = birthDate.slice(5);
  if (monthDay === '02-29' && !isLeapYear(year)) return `${year}-02-28`;
  return addDays(`${String(year).padStart(4, '0')}-${monthDay}`, -1);
}

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'] as const;

/** A date as the documents and the slip print it: "20 November 2026". */
export const indonesianDate = (date: string): string => `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;

/**
 * A birth at `at` WIB on the latest `day` of a month (29, 30 or 31) that is 1 to 60 days ago, so
 * timely on any day; when none is (today is a 31st and the last one was 61 days ago), today at 00:00.
 */
export function birthOnLatestDay(day: number, at: string): string {
  for (let days = 1; days <= 60; days++) {
    const date = dateDaysAgo(days);
    if (Number(date.slice(8, 10)) === day) return `${date}T${at}:00+07:00`;
  }
  return `${todayWib()}T00:00:00+07:00`;
}
