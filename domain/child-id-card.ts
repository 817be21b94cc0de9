import { addDays, birthdayAt, daysBetween, type CalendarDate } from './calendar.js';

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

/** The 5-17 kind (with the child's photo), valid to the day before the 17th birthday. */
export const KIA_KIND_FIVE_TO_SEVENTEEN = 'KIA_5_17' as const;

export function fiveToSeventeenKiaValidThrough(birthDate: CalendarDate): CalendarDate {
  return addDays(birthdayAt(birthDate, 17), -1);
}

/**
 * What becomes of the KIA in the 4-in-1, by the child's age on the day of registration (a late
 * registration can be years after the birth):
 *  - under 5: ISSUED, the 0-5 kind, no photo, with the akta;
 *  - 5 to 16: AWAITING_PHOTO, the 5-17 kind: the card needs the child's photo, taken at the Dukcapil
 *    office, so NIK, KK and akta are issued now and the KIA later (valid through the day before the
 *    17th birthday, whenever issued);
 *  - 17 or older: NOT_ELIGIBLE, no KIA (a KTP-el instead).
 * An older registration without `childIdCardStatus` had its 0-5 KIA ISSUED.
 */
export const ChildIdCardStatus = {
  ISSUED: 'ISSUED',
  AWAITING_PHOTO: 'AWAITING_PHOTO',
  NOT_ELIGIBLE: 'NOT_ELIGIBLE',
} as const;
export type ChildIdCardStatus = (typeof ChildIdCardStatus)[keyof typeof ChildIdCardStatus];

export type ChildIdCardPlan =
  | { readonly status: 'ISSUED'; readonly kind: typeof KIA_KIND_UNDER_FIVE; readonly validThrough: CalendarDate }
  | { readonly status: 'AWAITING_PHOTO'; readonly kind: typeof KIA_KIND_FIVE_TO_SEVENTEEN; readonly validThrough: CalendarDate }
  | { readonly status: 'NOT_ELIGIBLE' };

const reached = (birthDate: CalendarDate, age: number, on: CalendarDate): boolean => daysBetween(birthdayAt(birthDate, age), on) >= 0;

export function childIdCardPlan(birthDate: CalendarDate, registeredOn: CalendarDate): ChildIdCardPlan {
  if (reached(birthDate, 17, registeredOn)) return { status: ChildIdCardStatus.NOT_ELIGIBLE };
  if (reached(birthDate, 5, registeredOn)) {
    return { status: ChildIdCardStatus.AWAITING_PHOTO, kind: KIA_KIND_FIVE_TO_SEVENTEEN, validThrough: fiveToSeventeenKiaValidThrough(birthDate) };
  }
  return { status: ChildIdCardStatus.ISSUED, kind: KIA_KIND_UNDER_FIVE, validThrough: underFiveKiaValidThrough(birthDate) };
}

/** Whether the registration's KIA was issued with its akta (absent status: registered before the 5-17 rule, issued). */
export const childIdCardIssued = (issued: { readonly childIdCardStatus?: ChildIdCardStatus | undefined }): boolean =>
  (issued.childIdCardStatus ?? ChildIdCardStatus.ISSUED) === ChildIdCardStatus.ISSUED;

/** What the parents are told (their view of the registration, the SMS) when the KIA is not issued with the akta. */
export const CHILD_ID_CARD_NOTES = {
  AWAITING_PHOTO: {
    id: 'KIA (5-17 tahun) belum terbit: perlu foto anak. Datang ke kantor Dinas Dukcapil untuk foto; KIA berlaku sampai sehari sebelum ulang tahun ke-17.',
    en: "The child ID card (KIA, 5-17 years) is not issued yet: it needs the child's photo. Come to the Dukcapil office for the photo; the card is valid to the day before the 17th birthday.",
  },
  NOT_ELIGIBLE: {
    id: 'Anak sudah berusia 17 tahun atau lebih: tidak diterbitkan KIA (KTP-el diurus tersendiri).',
    en: 'The child is 17 or older: no child ID card (KIA) is issued (the KTP-el is applied for separately).',
  },
} as const satisfies Record<Exclude<ChildIdCardStatus, 'ISSUED'>, { id: string; en: string }>;

/** The SMS's own short sentence for a KIA waiting for its photo. */
export const AWAITING_PHOTO_SMS = 'KIA menunggu foto anak di kantor Dukcapil.';
