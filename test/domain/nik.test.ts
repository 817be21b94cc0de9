import { describe, expect, it } from 'vitest';
import { districtDigits, formatNik, nikPrefix, parseNik } from '../../domain/nik.js';

describe('NIK', () => {
  it('builds the prefix from the district and DDMMYY', () => {
    expect(nikPrefix('35.10.16', { year: 2026, month: 11, day: 20 }, 'MALE')).toBe('351016201126');
  });

  it('adds 40 to the day for girls, up to day 71', () => {
    expect(nikPrefix('35.10.16', { year: 2026, month: 11, day: 5 }, 'FEMALE')).toBe('351016451126');
    expect(nikPrefix('35.10.16', { year: 2026, month: 10, day: 31 }, 'FEMALE')).toBe('351016711026');
  });

  it('handles 29 February', () => {
    expect(nikPrefix('35.10.13', { year: 2028, month: 2, day: 29 }, 'FEMALE')).toBe('351013690228');
    expect(nikPrefix('35.10.13', { year: 2028, month: 2, day: 29 }, 'MALE')).toBe('351013290228');
  });

  it('pads the serial to four digits and refuses serials out of range', () => {
    expect(formatNik('351016201126', 7)).toBe('3510162011260007');
    expect(() => formatNik('351016201126', 0)).toThrow(RangeError);
    expect(() => formatNik('351016201126', 10_000)).toThrow(RangeError);
    expect(() => districtDigits('35.10')).toThrow(RangeError);
  });

  it('parses its parts back, and refuses impossible dates', () => {
    expect(parseNik('3510167110260012')).toEqual({
      districtCode: '35.10.16',
      sex: 'FEMALE',
      day: 31,
      month: 10,
      yearTwoDigits: 26,
      serial: 12,
    });
    expect(parseNik('3510163213950001')).toBeNull(); // month 13
    expect(parseNik('3510163210950001')).toBeNull(); // day 32
    expect(parseNik('3510167210950001')).toBeNull(); // day 72 = female 32
    expect(parseNik('351016')).toBeNull();
  });
});
