/**
 * What form F-2.01 (formulir pelaporan kelahiran) records about where a child was born and who
 * reports the birth, besides the birth letter (surat keterangan lahir) of the doctor or midwife.
 *
 * Place of birth (tempat dilahirkan): not only hospitals notify. Puskesmas, clinics and independent
 * midwives (bidan praktik mandiri, also a village polindes) attend births, and some children are born
 * at home; a home birth attended by a midwife is an ordinary case, not one to flag.
 *
 * Informant (pelapor): the person who reports the birth, with their NIK and relationship to the child.
 * Both are optional in a notification: every notifier before these fields was a hospital filing the
 * registration itself, so an absent kind means HOSPITAL and an absent informant means the notifying
 * facility reports (its birth letter is the report). Kept optional rather than defaulted in the stored
 * notification, so a retry of an older body hashes the same.
 */
export const BIRTH_PLACE_KINDS = ['HOSPITAL', 'PUSKESMAS', 'CLINIC', 'HOME', 'OTHER'] as const;
export type BirthPlaceKind = (typeof BIRTH_PLACE_KINDS)[number];

/** As F-2.01 and the registrars say them. CLINIC covers clinics, bidan praktik mandiri and polindes. */
export const BIRTH_PLACE_KIND_LABELS: Readonly<Record<BirthPlaceKind, string>> = {
  HOSPITAL: 'Rumah sakit / rumah bersalin',
  PUSKESMAS: 'Puskesmas',
  CLINIC: 'Klinik / bidan praktik mandiri / polindes',
  HOME: 'Rumah',
  OTHER: 'Lainnya',
};

/** What an older notification, with no kind, means. */
export const DEFAULT_BIRTH_PLACE_KIND: BirthPlaceKind = 'HOSPITAL';

export const birthPlaceKindOf = (child: { readonly birthPlaceKind?: BirthPlaceKind | undefined }): BirthPlaceKind =>
  child.birthPlaceKind ?? DEFAULT_BIRTH_PLACE_KIND;

/** The informant's relationship to the child (hubungan pelapor). ATTENDANT: the doctor or midwife who attended. */
export const INFORMANT_RELATIONSHIPS = ['MOTHER', 'FATHER', 'RELATIVE', 'ATTENDANT', 'OTHER'] as const;
export type InformantRelationship = (typeof INFORMANT_RELATIONSHIPS)[number];
