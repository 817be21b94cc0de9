import { describe, expect, it } from 'vitest';
import { deriveAccessCode, accessCodeMatches, hashAccessCode, normalizeAccessCode } from '../../domain/access-code.js';
import { aktaSerialScope, assertValidAktaFormat, formatAktaNumber } from '../../domain/birth-certificate.js';
import { dateInZone, parseCalendarDate } from '../../domain/calendar.js';
import { underFiveKiaValidThrough } from '../../domain/child-id-card.js';

describe('akta kelahiran numbers', () => {
  it('follows the Dukcapil style by default', () => {
    const scope = aktaSerialScope('{regency}-LT-{date}-{serial}', '35.10', { year: 2026, month: 11, day: 22 });
    expect(scope).toBe('3510-LT-22112026-{serial}');
    expect(formatAktaNumber(scope, 1)).toBe('3510-LT-22112026-0001');
  });

  it('accepts another configured format, and refuses one without a serial or with unknown parts', () => {
    expect(formatAktaNumber(aktaSerialScope('AL.{regency}.{year}.{serial}', '35.10', { year: 2027, month: 1, day: 1 }), 12)).toBe(
      'AL.3510.2027.0012',
    );
    expect(() => assertValidAktaFormat('{regency}-LT-{date}')).toThrow(/serial/);
    expect(() => assertValidAktaFormat('{regency}-{month}-{serial}')).toThrow(/unknown/);
  });

  it('dates issue in the office zone (WIB, UTC+7)', () => {
    expect(dateInZone(new Date('2026-11-21T17:30:00Z'), 'WIB')).toEqual({ year: 2026, month: 11, day: 22 });
  });
});

describe('KIA 0-5 validity', () => {
  it('runs through the day before the fifth birthday', () => {
    expect(underFiveKiaValidThrough({ year: 2026, month: 11, day: 22 })).toEqual({ year: 2031, month: 11, day: 21 });
  });

  it('treats 29 February births as turning five on 1 March of a common year', () => {
    expect(underFiveKiaValidThrough({ year: 2028, month: 2, day: 29 })).toEqual({ year: 2033, month: 2, day: 28 });
  });
});

describe('calendar dates', () => {
  it("parses a calendar date (or the date part as written; a birth's civil date is domain/birth-date.ts)", () => {
    expect(parseCalendarDate('2026-11-20T23:50:00+07:00')).toEqual({ year: 2026, month: 11, day: 20 });
    expect(parseCalendarDate('2026-02-30T10:00:00+07:00')).toBeNull();
    expect(parseCalendarDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseCalendarDate('2027-02-29')).toBeNull();
  });
});

describe('access codes', () => {
  it('are derived, stable, grouped, and differ per registration and secret', () => {
    const a = deriveAccessCode('s'.repeat(32), 'reg-1');
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(deriveAccessCode('s'.repeat(32), 'reg-1')).toBe(a);
    expect(deriveAccessCode('s'.repeat(32), 'reg-2')).not.toBe(a);
    expect(deriveAccessCode('t'.repeat(32), 'reg-1')).not.toBe(a);
  });

  it('match what people type, against the stored hash only', () => {
    const code = deriveAccessCode('s'.repeat(32), 'reg-1');
    const stored = hashAccessCode(code);
    expect(accessCodeMatches(code.toLowerCase().replace(/-/g, ' '), stored)).toBe(true);
    expect(accessCodeMatches(`${code.slice(0, -1)}${code.endsWith('0') ? '1' : '0'}`, stored)).toBe(false);
    expect(normalizeAccessCode('abcd efgh jkmn')).toBe('ABCD-EFGH-JKMN');
  });
});
