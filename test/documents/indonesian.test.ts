import { describe, expect, it } from 'vitest';
import {
  dateInWords,
  formatDate,
  formatDateNumeric,
  formatTime,
  ordinalWord,
  relationshipLabel,
  sexLabel,
  terbilang,
} from '../../documents/indonesian.js';

describe('terbilang (numbers in Indonesian words)', () => {
  it.each([
    [0, 'nol'],
    [1, 'satu'],
    [9, 'sembilan'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [12, 'dua belas'],
    [19, 'sembilan belas'],
    [20, 'dua puluh'],
    [21, 'dua puluh satu'],
    [31, 'tiga puluh satu'],
    [99, 'sembilan puluh sembilan'],
    [100, 'seratus'],
    [101, 'seratus satu'],
    [111, 'seratus sebelas'],
    [250, 'dua ratus lima puluh'],
    [999, 'sembilan ratus sembilan puluh sembilan'],
    [1000, 'seribu'],
    [1001, 'seribu satu'],
    [1100, 'seribu seratus'],
    [1945, 'seribu sembilan ratus empat puluh lima'],
    [2000, 'dua ribu'],
    [2026, 'dua ribu dua puluh enam'],
    [11_000, 'sebelas ribu'],
    [100_000, 'seratus ribu'],
    [101_010, 'seratus satu ribu sepuluh'],
    [1_000_000, 'satu juta'],
    [1_500_000, 'satu juta lima ratus ribu'],
    [2_000_000_001, 'dua miliar satu'],
    [3_000_000_000_000, 'tiga triliun'],
  ])('%i → %s', (n, words) => {
    expect(terbilang(n)).toBe(words);
  });

  it('refuses what has no words', () => {
    expect(() => terbilang(-1)).toThrow(RangeError);
    expect(() => terbilang(1.5)).toThrow(RangeError);
  });
});

describe('ordinals', () => {
  it('says pertama for the first and ke- plus the number after', () => {
    expect([1, 2, 3, 10, 11, 12, 21].map(ordinalWord)).toEqual([
      'pertama',
      'kedua',
      'ketiga',
      'kesepuluh',
      'kesebelas',
      'kedua belas',
      'kedua puluh satu',
    ]);
    expect(() => ordinalWord(0)).toThrow(RangeError);
  });
});

describe('dates and times', () => {
  it('writes dates the Indonesian way, in digits and in words', () => {
    expect(formatDate('2026-11-20')).toBe('20 November 2026');
    expect(formatDate('2027-01-05')).toBe('5 Januari 2027');
    expect(formatDate('2028-02-29')).toBe('29 Februari 2028');
    expect(dateInWords('2026-11-20')).toBe('dua puluh November dua ribu dua puluh enam');
    expect(dateInWords('2027-08-01')).toBe('satu Agustus dua ribu dua puluh tujuh');
    expect(formatDateNumeric('2027-01-05')).toBe('05-01-2027');
  });

  it('refuses a malformed date', () => {
    expect(() => formatDate('20-11-2026')).toThrow(RangeError);
    expect(() => formatDate('2026-13-01')).toThrow(RangeError);
  });

  it('writes clock times with a dot and the zone', () => {
    expect(formatTime('08:15', 'WIB')).toBe('08.15 WIB');
    expect(formatTime('23:50', 'WITA')).toBe('23.50 WITA');
  });
});

describe('labels', () => {
  it('prints sex and family relationship as a KK does; a spouse is ISTRI or SUAMI by sex', () => {
    expect(sexLabel('MALE')).toBe('LAKI-LAKI');
    expect(sexLabel('FEMALE')).toBe('PEREMPUAN');
    expect(relationshipLabel('HEAD', 'MALE')).toBe('KEPALA KELUARGA');
    expect(relationshipLabel('SPOUSE', 'FEMALE')).toBe('ISTRI');
    expect(relationshipLabel('SPOUSE', 'MALE')).toBe('SUAMI');
    expect(relationshipLabel('CHILD', 'FEMALE')).toBe('ANAK');
    expect(relationshipLabel('OTHER', 'MALE')).toBe('FAMILI LAIN');
  });
});
