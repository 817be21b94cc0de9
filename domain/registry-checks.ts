import { daysBetween, type CalendarDate } from './calendar.js';
import type { Sex } from './nik.js';
import { isSingleWordName } from './person-name.js';

/**
 * Checks of a birth notification against the population registry, run by the workflow's validation
 * step. Each has a stable code, a severity and a message in Indonesian and English.
 *   ERROR    the registration is rejected at once with the checks as reasons: the hospital corrects
 *            and sends a new notification.
 *   WARNING  shown to the registrar with the case; needs their judgement.
 *   INFO     shown to the registrar; changes what is issued, not whether.
 */
export const SEVERITIES = ['ERROR', 'WARNING', 'INFO'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface CheckResult {
  readonly code: CheckCode;
  readonly severity: Severity;
  readonly message: { readonly id: string; readonly en: string };
  /** POSSIBLE_DUPLICATE: the other registrations it found (the registrar opens them side by side). */
  readonly relatedRegistrationIds?: readonly string[];
}

/** A birth reported within 60 days is timely; later needs the head of the Dukcapil office's decision. */
export const TIMELY_REPORT_DAYS = 60;
/** Another birth of the same mother this close is a possible duplicate (twins excepted). */
export const DUPLICATE_WINDOW_DAYS = 7;
/** Two births this close (either order) are within the duplicate window. */
export const withinDuplicateWindow = (a: CalendarDate, b: CalendarDate): boolean => Math.abs(daysBetween(a, b)) <= DUPLICATE_WINDOW_DAYS;

/**
 * Whether the family card's members can give POSSIBLE_DUPLICATE, from the latest birth date among the
 * members this system did not add (kept on the family item by the population import): only if one of
 * them may lie within the window, i.e. the latest is no more than the window before the birth, and the
 * notification is not a recorded multiple birth (which the card check never flags). Unknown (a family
 * imported before the date was kept): they can, so the caller reads them.
 */
export function familyCardMayHoldDuplicate(input: {
  readonly birthDate: CalendarDate;
  readonly latestEarlierMemberBirthDate: CalendarDate | undefined;
  readonly multipleBirth?: CheckInput['multipleBirth'] | undefined;
}): boolean {
  if (input.multipleBirth !== undefined) return false;
  if (!input.latestEarlierMemberBirthDate) return true;
  return daysBetween(input.latestEarlierMemberBirthDate, input.birthDate) <= DUPLICATE_WINDOW_DAYS;
}

/** Mother's age at the birth: outside [MIN, MAX] is flagged for the registrar, outside [HARD_MIN, HARD_MAX] is a data error. */
export const MOTHER_AGE = { HARD_MIN: 10, MIN: 15, MAX: 50, HARD_MAX: 70 } as const;

export const CHECKS = {
  FAMILY_NOT_FOUND: {
    severity: 'ERROR',
    id: 'Nomor Kartu Keluarga tidak ditemukan dalam database kependudukan.',
    en: 'The family card number is not in the population registry.',
  },
  OUT_OF_JURISDICTION: {
    severity: 'ERROR',
    id: 'Keluarga terdaftar di luar wilayah kabupaten/kota yang dilayani kantor ini; daftarkan di Dinas Dukcapil domisili keluarga.',
    en: "The family is registered outside the regencies this office serves; register the birth at the family's own civil registry office.",
  },
  MOTHER_NOT_FOUND: {
    severity: 'ERROR',
    id: 'NIK ibu tidak ditemukan dalam database kependudukan.',
    en: "The mother's NIK is not in the population registry.",
  },
  MOTHER_NOT_IN_FAMILY: {
    severity: 'ERROR',
    id: 'Ibu tidak tercatat sebagai anggota Kartu Keluarga yang disebutkan.',
    en: 'The mother is not a member of the given family card.',
  },
  MOTHER_NOT_FEMALE: {
    severity: 'ERROR',
    id: 'NIK yang disebutkan sebagai ibu terdaftar berjenis kelamin laki-laki.',
    en: "The person given as the mother is registered as male.",
  },
  MOTHER_AGE_IMPLAUSIBLE: {
    severity: 'WARNING',
    id: 'Usia ibu saat melahirkan di luar kewajaran; periksa NIK ibu dan tanggal lahir anak.',
    en: "The mother's age at the birth is implausible; check her NIK and the child's birth date.",
  },
  /**
   * A WARNING, not a rejection: the father may hold a KTP-el of another regency, whose registry this
   * office does not hold. The registrar checks his KTP-el; the akta prints the notified name.
   */
  FATHER_NOT_FOUND: {
    severity: 'WARNING',
    id: 'NIK ayah tidak terdapat dalam database kependudukan kabupaten ini (mungkin ber-KTP-el daerah lain): periksa KTP-el ayah. Akta mencantumkan nama ayah dari pemberitahuan; tanpa nama, hanya nama ibu.',
    en: "The father's NIK is not in this regency's population registry (he may hold an identity card of another regency): check his KTP-el. The akta prints the father's name as notified; without one, the mother's only.",
  },
  FATHER_NOT_MALE: {
    severity: 'ERROR',
    id: 'NIK yang disebutkan sebagai ayah terdaftar berjenis kelamin perempuan.',
    en: 'The person given as the father is registered as female.',
  },
  POSSIBLE_DUPLICATE: {
    severity: 'WARNING',
    id: 'Sudah ada kelahiran lain dari ibu yang sama dalam 7 hari ini (pemberitahuan lain, atau anak yang sudah tercantum di Kartu Keluarga; bukan kembar yang tercatat); periksa apakah ini laporan ganda.',
    en: 'Another birth to the same mother within 7 days (another notification, or a child already on the family card; not a recorded twin); check for a duplicate notification.',
  },
  LATE_REGISTRATION: {
    severity: 'WARNING',
    id: 'Kelahiran dilaporkan lebih dari 60 hari setelah lahir: perlu keputusan Kepala Dinas (pencatatan terlambat).',
    en: 'Reported more than 60 days after the birth: a late registration needing the head of office\'s decision.',
  },
  NO_MARRIAGE_RECORD: {
    severity: 'INFO',
    id: 'Tidak ada akta/buku nikah: akta kelahiran hanya mencantumkan nama ibu ("anak seorang ibu").',
    en: 'No marriage record: the birth certificate will name the mother only ("anak seorang ibu").',
  },
  // ── Second pass of the Indonesian rules (issue 13: names, the family card, twins) ──
  NAME_SINGLE_WORD: {
    severity: 'WARNING',
    id: 'Nama anak hanya satu kata; Permendagri 73/2022 meminta paling sedikit dua kata. Berikan arahan kepada orang tua sebelum menyetujui.',
    en: "The child's name is a single word; Permendagri 73/2022 asks for at least two. Guide the parents before approving.",
  },
  /** No marriage record but the parents' SPTJM (Permendagri 9/2016): both parents, marriage not yet recorded. */
  MARRIAGE_NOT_RECORDED: {
    severity: 'INFO',
    id: 'Tidak ada akta/buku nikah; ada SPTJM kebenaran sebagai pasangan suami istri: akta kelahiran mencantumkan ayah dan ibu dengan frasa "yang perkawinannya belum tercatat sesuai dengan ketentuan peraturan perundang-undangan".',
    en: "No marriage record, but the parents' SPTJM (sworn statement of being husband and wife): the birth certificate names both parents, stating that their marriage is not yet recorded under the law.",
  },
  /** The notification omitted the KK number: the child joins the card the registry lists the mother on. */
  FAMILY_CARD_FROM_REGISTRY: {
    severity: 'INFO',
    id: 'Nomor KK tidak disebutkan dalam pemberitahuan: anak dimasukkan ke Kartu Keluarga ibu menurut database kependudukan.',
    en: "The notification gave no family card number: the child joins the mother's family card in the population registry.",
  },
  MULTIPLE_BIRTH_INCONSISTENT: {
    severity: 'WARNING',
    id: 'Data kelahiran kembar tidak konsisten dengan saudara kembarnya: anak ke- harus berbeda dan jumlah kelahiran kembar harus sama; periksa urutan dan jumlah.',
    en: 'The multiple birth does not agree with its recorded sibling: the birth order must differ and the number of children born must be the same; check order and count.',
  },
} as const satisfies Record<string, { severity: Severity; id: string; en: string }>;

export type CheckCode = keyof typeof CHECKS;

/**
 * What the submitting hospital may learn of each finding. Registry facts are the registrars': from the
 * codes a hospital would learn whether a NIK exists, its sex, whether it is on a KK, where a family
 * lives, a mother's age and (by bisecting POSSIBLE_DUPLICATE) the date of another hospital's birth.
 * - `{ field }`: the hospital sees only that this field does not match the registry (HOSPITAL_MISMATCH);
 * - `own-data`: derived from the hospital's own notification alone; shown as is;
 * - `registrars-only`: never shown to the hospital.
 */
export const HOSPITAL_DISCLOSURE = {
  FAMILY_NOT_FOUND: { field: 'familyCardNumber' },
  OUT_OF_JURISDICTION: { field: 'familyCardNumber' },
  MOTHER_NOT_FOUND: { field: 'mother.nik' },
  MOTHER_NOT_IN_FAMILY: { field: 'mother.nik' },
  MOTHER_NOT_FEMALE: { field: 'mother.nik' },
  MOTHER_AGE_IMPLAUSIBLE: 'registrars-only',
  FATHER_NOT_FOUND: 'registrars-only',
  FATHER_NOT_MALE: { field: 'father.nik' },
  POSSIBLE_DUPLICATE: 'registrars-only',
  LATE_REGISTRATION: 'own-data',
  NO_MARRIAGE_RECORD: 'own-data',
  NAME_SINGLE_WORD: 'own-data',
  FAMILY_CARD_FROM_REGISTRY: 'registrars-only',
  MARRIAGE_NOT_RECORDED: 'own-data',
  MULTIPLE_BIRTH_INCONSISTENT: 'registrars-only',
} as const satisfies Record<CheckCode, { readonly field: string } | 'own-data' | 'registrars-only'>;

/** The one wording a hospital gets for a registry rejection, whatever the codes were. */
export const HOSPITAL_MISMATCH = {
  id: 'Data tidak sesuai dengan data kependudukan. Periksa Kartu Keluarga dan KTP-el orang tua pada kolom yang disebut, lalu kirim pemberitahuan baru.',
  en: "The notification does not match the population registry. Check the family card and the parents' identity cards for the fields named, then send a new notification.",
} as const;

/** The notification fields a hospital is told to check for these codes (registry facts stay out). */
export function hospitalFields(codes: readonly string[]): string[] {
  const fields = codes.flatMap((code) => {
    const disclosure = (HOSPITAL_DISCLOSURE as Record<string, unknown>)[code];
    return typeof disclosure === 'object' && disclosure !== null ? [(disclosure as { field: string }).field] : [];
  });
  return [...new Set(fields)];
}

/** The findings a hospital may see as they are: those drawn from its own notification alone. */
export function hospitalVisibleChecks<C extends { readonly code: string }>(checks: readonly C[]): C[] {
  return checks.filter((c) => (HOSPITAL_DISCLOSURE as Record<string, unknown>)[c.code] === 'own-data');
}

export interface OtherBirth {
  readonly registrationId: string;
  readonly birthDate: CalendarDate;
  readonly birthOrder?: number;
  readonly multipleBirth?: { readonly count: number; readonly order: number };
}

export interface CheckInput {
  readonly birthDate: CalendarDate;
  readonly receivedOn: CalendarDate;
  readonly multipleBirth?: { readonly count: number; readonly order: number };
  readonly birthOrder?: number;
  readonly hasMarriageRecord: boolean;
  /** The notification carries the parents' SPTJM of being husband and wife (domain/parentage.ts). */
  readonly hasSpousesSptjm?: boolean;
  readonly servedRegencies: readonly string[];
  /** False when the notification omitted the KK number and the mother's card in the registry was looked up. */
  readonly familyCardGiven?: boolean;
  readonly family?: { readonly districtCode: string };
  readonly mother?: { readonly sex: Sex; readonly birthDate: CalendarDate };
  readonly motherInFamily: boolean;
  readonly fatherGiven: boolean;
  readonly father?: { readonly sex: Sex };
  /** Live (not rejected or failed) registrations of the same mother around this birth, this one excluded. */
  readonly otherBirthsOfMother: readonly OtherBirth[];
  /** The child's name as notified (NFC; its refusals are intake's, domain/person-name.ts). */
  readonly childName?: string;
  /**
   * Birth dates of the members of the mother's family card that this system did not add (children
   * registered before it, imported with the population): one born this close is a possible duplicate.
   */
  readonly earlierMembersOfFamily?: readonly { readonly birthDate: CalendarDate }[];
}

const check = (code: CheckCode, severity: Severity = CHECKS[code].severity): CheckResult => ({
  code,
  severity,
  message: { id: CHECKS[code].id, en: CHECKS[code].en },
});

/** Whole years between two dates. */
function ageOn(birth: CalendarDate, on: CalendarDate): number {
  const hadBirthday = on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (hadBirthday ? 0 : 1);
}

/** Twins (triplets...) recorded as such, with different orders, are siblings, not duplicates. */
export function isRecordedSibling(a: CheckInput['multipleBirth'], b: OtherBirth['multipleBirth']): boolean {
  return a !== undefined && b !== undefined && a.order !== b.order;
}

/**
 * Recorded siblings of one multiple birth (different multipleBirth.order) agree when they were born
 * as the same number of children and have different birth orders ("anak ke-"). The same
 * multipleBirth.order is not a sibling but a possible duplicate (POSSIBLE_DUPLICATE).
 */
function consistentSiblings(input: CheckInput, other: OtherBirth): boolean {
  const sameCount = input.multipleBirth?.count === other.multipleBirth?.count;
  const differentOrder = input.birthOrder === undefined || other.birthOrder === undefined || input.birthOrder !== other.birthOrder;
  return sameCount && differentOrder;
}

export function runRegistryChecks(input: CheckInput): CheckResult[] {
  const found: CheckResult[] = [];
  const familyCardGiven = input.familyCardGiven ?? true;
  // An omitted KK number of an unknown mother: MOTHER_NOT_FOUND says it all.
  if (!input.family) {
    if (familyCardGiven || input.mother) found.push(check('FAMILY_NOT_FOUND'));
  } else if (!input.servedRegencies.includes(input.family.districtCode.slice(0, 5))) found.push(check('OUT_OF_JURISDICTION'));

  if (!input.mother) found.push(check('MOTHER_NOT_FOUND'));
  else {
    if (input.family && !input.motherInFamily) found.push(check('MOTHER_NOT_IN_FAMILY'));
    if (input.mother.sex !== 'FEMALE') found.push(check('MOTHER_NOT_FEMALE'));
    const age = ageOn(input.mother.birthDate, input.birthDate);
    if (age < MOTHER_AGE.HARD_MIN || age > MOTHER_AGE.HARD_MAX) found.push(check('MOTHER_AGE_IMPLAUSIBLE', 'ERROR'));
    else if (age < MOTHER_AGE.MIN || age > MOTHER_AGE.MAX) found.push(check('MOTHER_AGE_IMPLAUSIBLE'));
  }

  if (input.fatherGiven) {
    if (!input.father) found.push(check('FATHER_NOT_FOUND'));
    else if (input.father.sex !== 'MALE') found.push(check('FATHER_NOT_MALE'));
  }

  const near = (date: CalendarDate) => withinDuplicateWindow(date, input.birthDate);
  const duplicates = input.otherBirthsOfMother.filter((other) => near(other.birthDate) && !isRecordedSibling(input.multipleBirth, other.multipleBirth));
  // A child already on the KK (registered before this system): a duplicate unless this is a recorded multiple birth.
  const onFamilyCard = input.multipleBirth === undefined && (input.earlierMembersOfFamily ?? []).some((member) => near(member.birthDate));
  if (duplicates.length > 0) found.push({ ...check('POSSIBLE_DUPLICATE'), relatedRegistrationIds: duplicates.map((other) => other.registrationId) });
  else if (onFamilyCard) found.push(check('POSSIBLE_DUPLICATE'));
  const siblings = input.otherBirthsOfMother.filter((other) => near(other.birthDate) && isRecordedSibling(input.multipleBirth, other.multipleBirth));
  if (siblings.some((other) => !consistentSiblings(input, other))) found.push(check('MULTIPLE_BIRTH_INCONSISTENT'));
  if (daysBetween(input.birthDate, input.receivedOn) > TIMELY_REPORT_DAYS) found.push(check('LATE_REGISTRATION'));
  if (!input.hasMarriageRecord) found.push(check(input.hasSpousesSptjm && input.fatherGiven ? 'MARRIAGE_NOT_RECORDED' : 'NO_MARRIAGE_RECORD'));
  if (input.childName !== undefined && isSingleWordName(input.childName)) found.push(check('NAME_SINGLE_WORD'));
  if (!familyCardGiven && input.family) found.push(check('FAMILY_CARD_FROM_REGISTRY'));
  return found;
}

export const hasErrors = (checks: readonly CheckResult[]): boolean => checks.some((c) => c.severity === 'ERROR');

/**
 * Who may decide a case (UU 24/2013 art. 32): a birth reported more than 60 days late
 * (LATE_REGISTRATION) needs the head of the Dukcapil office's decision, whose decree (SK) number may
 * be recorded; every other case any registrar decides. One rule for the queue (`decidableBy`) and
 * the decision itself (functions/decide-approval).
 */
export const DecidedBy = { REGISTRAR: 'REGISTRAR', HEAD_OF_OFFICE: 'HEAD_OF_OFFICE' } as const;
export type DecidedBy = (typeof DecidedBy)[keyof typeof DecidedBy];

export const decidableBy = (checks: readonly { readonly code: string }[] | undefined): DecidedBy =>
  (checks ?? []).some((check) => check.code === 'LATE_REGISTRATION') ? DecidedBy.HEAD_OF_OFFICE : DecidedBy.REGISTRAR;
