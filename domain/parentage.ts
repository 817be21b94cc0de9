/**
 * Whom the akta names as the child's parents (UU 23/2006 art. 27 ff.; Permendagri 9/2016 on the SPTJM).
 *
 * - MARRIED: a marriage record (buku nikah / akta perkawinan) and a father: both parents.
 * - MARRIAGE_NOT_RECORDED: no marriage record, but a father and an SPTJM, the parents' sworn statement of
 *   the truth of being husband and wife (surat pernyataan tanggung jawab mutlak kebenaran sebagai
 *   pasangan suami istri): both parents, with the statutory phrase that their marriage is not yet
 *   recorded under the law.
 * - MOTHER_ONLY: otherwise ("anak seorang ibu").
 */
export const Parentage = {
  MARRIED: 'MARRIED',
  MARRIAGE_NOT_RECORDED: 'MARRIAGE_NOT_RECORDED',
  MOTHER_ONLY: 'MOTHER_ONLY',
} as const;
export type Parentage = (typeof Parentage)[keyof typeof Parentage];

/** The kinds of SPTJM (Permendagri 9/2016) a notification can carry; only the spouses' statement names a father. */
export const SPTJM_KINDS = ['HUSBAND_AND_WIFE'] as const;
export type SptjmKind = (typeof SPTJM_KINDS)[number];

/** The akta's words after the parents' names when their marriage is attested by an SPTJM only. */
export const MARRIAGE_NOT_RECORDED_PHRASE = 'yang perkawinannya belum tercatat sesuai dengan ketentuan peraturan perundang-undangan';

export function aktaParentage(input: { readonly hasMarriageRecord: boolean; readonly hasSpousesSptjm: boolean; readonly fatherNamed: boolean }): Parentage {
  if (!input.fatherNamed) return Parentage.MOTHER_ONLY;
  if (input.hasMarriageRecord) return Parentage.MARRIED;
  return input.hasSpousesSptjm ? Parentage.MARRIAGE_NOT_RECORDED : Parentage.MOTHER_ONLY;
}
