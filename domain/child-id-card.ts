import { addDays, birthdayAt, type CalendarDate } from './calendar.js';

/**
 * KIA (Kartu Identitas Anak, Permendagri 2/2016): two kinds. A child under five gets the 0-5 kind
 * (no photo), valid until the fifth birthday; the 5-17 kind (with photo) is a later, separate
 * issue. The KIA number is the child's NIK.
 *
 * Validity we compute: the last valid day is the day before the 5th birthday (the card is for a
 * child "under five"). Born 2026-11-22 -> valid through 2031-11-21. Born 29 Feb 2028 -> the 5th
 * birthday falls on 1 March 2033 (common year), so valid through 28 Feb 2033.
 */
export const KIA_KIND_UNDER_FIVE = 'KIA_0_5' as const;
/**
 * The same kind as the signed KIA record spells it (documents/content.ts `kind`). Kept apart from
 * KIA_KIND_UNDER_FIVE only because every KIA signed so far carries this spelling in its digest.
 */
export const KIA_UNDER_FIVE_DOCUMENT_KIND = '0-5' as const;

export function underFiveKiaValidThrough(birthDate: CalendarDate): CalendarDate {
  return addDays(birthdayAt(birthDate, 5), -1);
}
