import type { CalendarDate } from './calendar.js';

/**
 * Akta kelahiran (birth certificate) numbers. The national format is not published; Dukcapil
 * offices use `3510-LT-22112026-0001` (regency code, LT = lahir/birth register, issue date
 * DDMMYYYY, serial). The format is a deployment setting (AKTA_NUMBER_FORMAT) with placeholders:
 *   {regency}  regency code without dots, "3510"
 *   {date}     issue date DDMMYYYY in WIB
 *   {year}     issue year YYYY
 *   {serial}   4-digit serial (required)
 * Uniqueness per regency: the serial counter is keyed on the number with `{serial}` still in it,
 * so two numbers can only collide if they share every other part and the serial.
 */
export const DEFAULT_AKTA_NUMBER_FORMAT = '{regency}-LT-{date}-{serial}';

const PLACEHOLDERS = ['{regency}', '{date}', '{year}', '{serial}'] as const;

export function assertValidAktaFormat(format: string): void {
  if (!format.includes('{serial}')) throw new Error('AKTA_NUMBER_FORMAT must contain {serial}');
  const unknown = format.match(/\{[^}]*\}/g)?.filter((p) => !(PLACEHOLDERS as readonly string[]).includes(p)) ?? [];
  if (unknown.length > 0) throw new Error(`AKTA_NUMBER_FORMAT has unknown placeholders: ${unknown.join(', ')}`);
}

const two = (n: number): string => String(n).padStart(2, '0');

/** The number with every part filled except {serial}: the scope of one serial counter. */
export function aktaSerialScope(format: string, regencyCode: string, issuedOn: CalendarDate): string {
  return format
    .replaceAll('{regency}', regencyCode.replace(/\./g, ''))
    .replaceAll('{date}', `${two(issuedOn.day)}${two(issuedOn.month)}${issuedOn.year}`)
    .replaceAll('{year}', String(issuedOn.year));
}

export function formatAktaNumber(scope: string, serial: number): string {
  if (!Number.isInteger(serial) || serial < 1) throw new RangeError('An akta serial starts at 1');
  return scope.replaceAll('{serial}', String(serial).padStart(4, '0'));
}
