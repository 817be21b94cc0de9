import type { Sex } from '../domain/nik.js';
export { relationshipLabel } from '../domain/family-relationship.js';

/**
 * Indonesian wording for documents: numbers in words ("terbilang"), ordinals ("kedua"), dates the way
 * an akta writes them ("20 November 2026", "dua puluh November dua ribu dua puluh enam"), and the
 * fixed labels for sex and family relationship. Pure functions, no locale data from the runtime, so a
 * document reads the same on every machine.
 */

const UNITS = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'] as const;

const SCALES = [
  { value: 1_000_000_000_000, word: 'triliun' },
  { value: 1_000_000_000, word: 'miliar' },
  { value: 1_000_000, word: 'juta' },
] as const;

export const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
] as const;

/** Below 1000: "sebelas", "dua belas", "seratus dua puluh lima". Empty for 0 (the caller says "nol"). */
function belowThousand(n: number): string[] {
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 1) words.push('seratus');
  else if (hundreds > 1) words.push(UNITS[hundreds]!, 'ratus');
  if (rest === 0) return words;
  if (rest < 10) words.push(UNITS[rest]!);
  else if (rest === 10) words.push('sepuluh');
  else if (rest === 11) words.push('sebelas');
  else if (rest < 20) words.push(UNITS[rest - 10]!, 'belas');
  else {
    words.push(UNITS[Math.floor(rest / 10)]!, 'puluh');
    if (rest % 10 !== 0) words.push(UNITS[rest % 10]!);
  }
  return words;
}

/**
 * A non-negative integer in Indonesian words: 2026 → "dua ribu dua puluh enam", 1000 → "seribu",
 * 1_000_000 → "satu juta". Safe integers only.
 */
export function terbilang(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`terbilang needs a non-negative safe integer, got ${n}`);
  if (n === 0) return UNITS[0];
  const words: string[] = [];
  let rest = n;
  for (const scale of SCALES) {
    const count = Math.floor(rest / scale.value);
    if (count > 0) {
      words.push(terbilang(count), scale.word);
      rest %= scale.value;
    }
  }
  const thousands = Math.floor(rest / 1000);
  if (thousands === 1) words.push('seribu');
  else if (thousands > 1) words.push(...belowThousand(thousands), 'ribu');
  words.push(...belowThousand(rest % 1000));
  return words.join(' ');
}

/** 1 → "pertama", 2 → "kedua", 11 → "kesebelas". */
export function ordinalWord(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`ordinalWord needs a positive integer, got ${n}`);
  return n === 1 ? 'pertama' : `ke${terbilang(n)}`;
}

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** "2026-11-20" → {2026, 11, 20}. The content schema has validated the date already; this only splits it. */
export function parseIsoDate(iso: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new RangeError(`not an ISO calendar date: ${iso}`);
  const [, year, month, day] = match;
  return { year: Number(year), month: Number(month), day: Number(day) };
}

function monthName(month: number): string {
  const name = MONTHS[month - 1];
  if (!name) throw new RangeError(`no month ${month}`);
  return name;
}

/** "2026-11-20" → "20 November 2026". */
export function formatDate(iso: string): string {
  const { year, month, day } = parseIsoDate(iso);
  return `${day} ${monthName(month)} ${year}`;
}

/** "2026-11-20" → "20-11-2026", the compact form a KK table uses. */
export function formatDateNumeric(iso: string): string {
  const { year, month, day } = parseIsoDate(iso);
  return `${String(day).padStart(2, '0')}-${String(month).padStart(2, '0')}-${year}`;
}

/** "2026-11-20" → "dua puluh November dua ribu dua puluh enam", as an akta spells a date out. */
export function dateInWords(iso: string): string {
  const { year, month, day } = parseIsoDate(iso);
  return `${terbilang(day)} ${monthName(month)} ${terbilang(year)}`;
}

/** "08:15" + "WIB" → "08.15 WIB": Indonesian writes clock times with a dot. */
export function formatTime(hhmm: string, zone: string): string {
  return `${hhmm.replace(':', '.')} ${zone}`;
}

export function sexLabel(sex: Sex): 'LAKI-LAKI' | 'PEREMPUAN' {
  return sex === 'MALE' ? 'LAKI-LAKI' : 'PEREMPUAN';
}

// Status hubungan dalam keluarga as a KK prints it: domain/family-relationship.ts (re-exported above).
