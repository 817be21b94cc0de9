import { afterEach, describe, expect, it, vi } from 'vitest';
import { birthOnLatestDay, birthYearsAgo, civilDate, dateDaysAgo, indonesianDate, leapDayAtLeast, nikDateDigits, recentBirth, todayWib, validThroughBeforeBirthday } from './dates.js';

/** test/support/dates.ts: the helpers the tests compute their births and expected values with. */
afterEach(() => {
  vi.useRealTimers();
});

const at = (instant: string) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(instant));
};

describe('dates relative to today (WIB)', () => {
  it('counts days from the WIB date: 17:00 UTC is already the next day', () => {
    at('2026-12-01T16:59:00Z');
    expect(todayWib()).toBe('2026-12-01');
    at('2026-12-01T17:00:00Z');
    expect(todayWib()).toBe('2026-12-02');
    expect(dateDaysAgo(11)).toBe('2026-11-21');
  });

  it('writes a birth timestamp with the given clock time and offset', () => {
    at('2026-12-01T03:00:00Z');
    expect(recentBirth({ daysAgo: 11, at: '08:15' })).toBe('2026-11-20T08:15:00+07:00');
    expect(recentBirth({ daysAgo: 10, at: '00:30', offset: '+08:00' })).toBe('2026-11-21T00:30:00+08:00');
    expect(recentBirth({ daysAgo: 21, at: '23:59:59', offset: '+09:00' })).toBe('2026-11-10T23:59:59+09:00');
  });

  it('takes the civil date in WIB whatever the offset', () => {
    expect(civilDate('2026-11-20T20:00:00Z')).toBe('2026-11-21');
    expect(civilDate('2026-11-20T16:59:00Z')).toBe('2026-11-20');
    expect(civilDate('2026-11-21T00:30:00+08:00')).toBe('2026-11-20');
    expect(civilDate('2026-11-21T00:10:00+07:00')).toBe('2026-11-21');
  });

  it('finds the last 29 February at least so many days ago, and the latest 31st within 60 days', () => {
    at('2026-12-01T03:00:00Z');
    expect(leapDayAtLeast(61)).toBe('2024-02-29');
    at('2028-03-15T03:00:00Z');
    expect(leapDayAtLeast(61)).toBe('2024-02-29');
    at('2028-05-01T03:00:00Z');
    expect(leapDayAtLeast(61)).toBe('2028-02-29');
    at('2026-12-01T03:00:00Z');
    expect(birthOnLatestDay(31, '23:40')).toBe('2026-10-31T23:40:00+07:00');
    at('2027-05-31T03:00:00Z'); // the last 31st before today is 61 days back: today, at midnight
    expect(birthOnLatestDay(31, '23:40')).toBe('2027-05-31T00:00:00+07:00');
  });

  it('goes back whole years, a 29 February today becoming the 28th of a common year', () => {
    at('2026-12-01T03:00:00Z');
    expect(birthYearsAgo(6, 174)).toBe('2020-06-10T09:00:00+07:00');
    at('2028-02-29T03:00:00Z');
    expect(birthYearsAgo(6, 0)).toBe('2022-02-28T09:00:00+07:00');
  });
});

describe('values derived from a birth date', () => {
  it('gives the NIK date digits, 40 added to a girl’s day', () => {
    expect(nikDateDigits('2026-11-20', 'MALE')).toBe('201126');
    expect(nikDateDigits('2026-10-31', 'FEMALE')).toBe('711026');
    expect(nikDateDigits('2024-02-29', 'FEMALE')).toBe('690224');
  });

  it('ends a card the day before the birthday, 28 February for a 29 February child in a common year', () => {
    expect(validThroughBeforeBirthday('2026-11-20', 5)).toBe('2031-11-19');
    expect(validThroughBeforeBirthday('2026-11-01', 5)).toBe('2031-10-31');
    expect(validThroughBeforeBirthday('2024-02-29', 5)).toBe('2029-02-28');
    expect(validThroughBeforeBirthday('2020-06-10', 17)).toBe('2037-06-09');
  });

  it('prints a date as the documents do', () => {
    expect(indonesianDate('2026-11-20')).toBe('20 November 2026');
    expect(indonesianDate('2027-01-05')).toBe('5 Januari 2027');
  });
});
