import type { CalendarDate } from './calendar.js';

/**
 * NIK (Nomor Induk Kependudukan), the 16-digit national ID number, permanent for life:
 *   PP RR DD  (province, regency/city, district: the kecamatan of the family's registered address)
 *   DD MM YY  (birth date; for females the day is +40: born on the 5th -> 45)
 *   SSSS      (serial from 0001, sequential among people sharing the same first 12 digits)
 * There is no check digit.
 */
export const SEXES = ['MALE', 'FEMALE'] as const;
export type Sex = (typeof SEXES)[number];

export const NIK_PATTERN = /^\d{16}$/;
export const MAX_NIK_SERIAL = 9999;

const two = (n: number): string => String(n).padStart(2, '0');

/** "35.10.16" -> "351016" */
export function districtDigits(districtCode: string): string {
  const digits = districtCode.replace(/\./g, '');
  if (!/^\d{6}$/.test(digits)) throw new RangeError('A district code has six digits, e.g. 35.10.16');
  return digits;
}

/** The first 12 digits: district + DDMMYY with the female +40. */
export function nikPrefix(districtCode: string, birthDate: CalendarDate, sex: Sex): string {
  const day = sex === 'FEMALE' ? birthDate.day + 40 : birthDate.day;
  return `${districtDigits(districtCode)}${two(day)}${two(birthDate.month)}${two(birthDate.year % 100)}`;
}

export function formatNik(prefix: string, serial: number): string {
  if (!/^\d{12}$/.test(prefix)) throw new RangeError('A NIK prefix has twelve digits');
  if (!Number.isInteger(serial) || serial < 1 || serial > MAX_NIK_SERIAL) {
    throw new RangeError(`A NIK serial is 1..${MAX_NIK_SERIAL}`);
  }
  return `${prefix}${String(serial).padStart(4, '0')}`;
}

export interface NikParts {
  readonly districtCode: string; // "35.10.16"
  readonly sex: Sex;
  /** Day and month as encoded; the century is not in the NIK. */
  readonly day: number;
  readonly month: number;
  readonly yearTwoDigits: number;
  readonly serial: number;
}

/** Splits a NIK into its parts; null when it cannot be one (wrong length, day or month out of range). */
export function parseNik(nik: string): NikParts | null {
  if (!NIK_PATTERN.test(nik)) return null;
  const encodedDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const sex: Sex = encodedDay > 40 ? 'FEMALE' : 'MALE';
  const day = sex === 'FEMALE' ? encodedDay - 40 : encodedDay;
  const serial = Number(nik.slice(12));
  if (day < 1 || day > 31 || month < 1 || month > 12 || serial < 1) return null;
  return {
    districtCode: `${nik.slice(0, 2)}.${nik.slice(2, 4)}.${nik.slice(4, 6)}`,
    sex,
    day,
    month,
    yearTwoDigits: Number(nik.slice(10, 12)),
    serial,
  };
}
