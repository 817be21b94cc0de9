import { describe, expect, it } from 'vitest';
import { civilBirth } from '../../domain/birth-date.js';
import { timeZoneOfRegion } from '../../domain/calendar.js';
import { underFiveKiaValidThrough } from '../../domain/child-id-card.js';
import { nikPrefix } from '../../domain/nik.js';
import { buildDocumentContents } from '../../documents/assemble.js';

/** One rule: the date in the office's zone of the instant of birth, whatever offset was written. */
describe('the civil date of a birth', () => {
  it.each([
    ['2026-11-20T20:00:00Z', '2026-11-21', '03:00'],
    ['2026-11-20T16:59:59Z', '2026-11-20', '23:59'],
    ['2026-11-20T17:00:00Z', '2026-11-21', '00:00'],
    ['2026-11-20T23:59:00+07:00', '2026-11-20', '23:59'],
    ['2026-11-21T00:00:00+07:00', '2026-11-21', '00:00'],
    ['2026-11-21T00:30:00+08:00', '2026-11-20', '23:30'],
    ['2026-11-21T01:30:00+08:00', '2026-11-21', '00:30'],
    ['2026-11-21T00:30:00+09:00', '2026-11-20', '22:30'],
    ['2026-11-21T02:30:00+09:00', '2026-11-21', '00:30'],
  ])('in WIB, %s is %s at %s', (birthDateTime, isoDate, time) => {
    expect(civilBirth(birthDateTime, 'WIB')).toMatchObject({ isoDate, time, timeZone: 'WIB' });
  });

  it('is taken in WITA or WIT where the office is there', () => {
    expect(civilBirth('2026-11-20T16:30:00Z', 'WITA')).toMatchObject({ isoDate: '2026-11-21', time: '00:30', timeZone: 'WITA' });
    expect(civilBirth('2026-11-20T23:30:00+07:00', 'WIT')).toMatchObject({ isoDate: '2026-11-21', time: '01:30', timeZone: 'WIT' });
    expect(civilBirth('2026-11-21T00:30:00+08:00', 'WITA')).toMatchObject({ isoDate: '2026-11-21', time: '00:30' });
  });

  it('refuses a timestamp without an offset (a local time is no instant)', () => {
    expect(civilBirth('2026-11-20T20:00:00', 'WIB')).toBeNull();
    expect(civilBirth('not a date', 'WIB')).toBeNull();
  });

  it('feeds the NIK date part and the KIA validity the same date', () => {
    const birth = civilBirth('2026-11-20T20:00:00Z', 'WIB')!;
    expect(nikPrefix('35.10.16', birth.date, 'MALE')).toBe('351016211126');
    expect(nikPrefix('35.10.16', birth.date, 'FEMALE')).toBe('351016611126');
    expect(underFiveKiaValidThrough(birth.date)).toEqual({ year: 2031, month: 11, day: 20 });
  });
});

describe('the office zone by region code', () => {
  it.each([
    ['35.10', 'WIB'],
    ['61.01', 'WIB'],
    ['51.71', 'WITA'],
    ['64.72', 'WITA'],
    ['73.71', 'WITA'],
    ['81.71', 'WIT'],
    ['94.01', 'WIT'],
  ])('%s is in %s', (code, zone) => {
    expect(timeZoneOfRegion(code)).toBe(zone);
  });
});

describe('documents print the civil birth', () => {
  const issuer = {
    officeName: 'Dinas',
    regencyName: 'Kabupaten Banyuwangi',
    provinceName: 'Jawa Timur',
    placeOfIssue: 'Banyuwangi',
    officialName: 'Kepala',
    officialTitle: 'Kepala Dinas',
  };
  const person = (nik: string, name: string, sex: 'MALE' | 'FEMALE') => ({ nik, name, sex, birthDate: '1995-03-12' });

  it.each([
    ['2026-11-20T20:00:00Z', '2026-11-21', '03:00'],
    ['2026-11-21T00:30:00+08:00', '2026-11-20', '23:30'],
    ['2026-11-21T01:30:00+09:00', '2026-11-20', '23:30'],
  ])('%s: akta, KK and KIA say %s', (birthDateTime, isoDate, time) => {
    const [akta, kk, kia] = buildDocumentContents({
      registration: {
        registrationId: 'r1',
        notification: { child: { name: 'Arka Santoso', sex: 'MALE', birthDateTime, birthOrder: 1 } },
        issued: {},
        steps: {},
      },
      facts: {
        mother: person('3510165203950001', 'Siti', 'FEMALE'),
        family: { familyCardNumber: '3510160101200001', version: 1, address: { districtCode: '35.10.16' } },
        members: [],
      },
      issuer,
      timeZone: 'WIB',
      now: new Date('2026-11-22T01:00:00Z'),
    });
    expect(akta.child).toMatchObject({ birthDate: isoDate, birthTime: time, timeZone: 'WIB' });
    expect(kk.members.find((m) => m.relationship === 'ANAK')?.birthDate).toBe(isoDate);
    expect(kia?.birthDate).toBe(isoDate);
    expect(kia?.validThrough).toBe(`2031-11-${isoDate.slice(8) === '21' ? '20' : '19'}`);
  });
});
