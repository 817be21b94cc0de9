/**
 * Checks of a birth notification against the population registry. Each has a stable code, a
 * severity and a message in Indonesian and English. ERROR rejects at once (the hospital corrects and
 * resubmits); WARNING and INFO go to the registrar with the case.
 */
export type Severity = 'ERROR' | 'WARNING' | 'INFO';

export interface CheckResult {
  readonly code: string;
  readonly severity: Severity;
  readonly message: { readonly id: string; readonly en: string };
}

export interface CheckInput {
  readonly familyFound: boolean;
  readonly motherFound: boolean;
  readonly motherInFamily: boolean;
  readonly fatherGiven: boolean;
  readonly fatherFound: boolean;
}

export const CHECKS = {
  FAMILY_NOT_FOUND: {
    severity: 'ERROR',
    message: {
      id: 'Nomor Kartu Keluarga tidak ditemukan dalam database kependudukan.',
      en: 'The family card number is not in the population registry.',
    },
  },
  MOTHER_NOT_FOUND: {
    severity: 'ERROR',
    message: { id: 'NIK ibu tidak ditemukan dalam database kependudukan.', en: "The mother's NIK is not in the population registry." },
  },
  MOTHER_NOT_IN_FAMILY: {
    severity: 'ERROR',
    message: {
      id: 'Ibu tidak tercatat sebagai anggota Kartu Keluarga yang disebutkan.',
      en: 'The mother is not a member of the given family card.',
    },
  },
  FATHER_NOT_FOUND: {
    severity: 'ERROR',
    message: { id: 'NIK ayah tidak ditemukan dalam database kependudukan.', en: "The father's NIK is not in the population registry." },
  },
} as const satisfies Record<string, Omit<CheckResult, 'code'>>;

export type CheckCode = keyof typeof CHECKS;

const result = (code: CheckCode): CheckResult => ({ code, ...CHECKS[code] });

export function runRegistryChecks(input: CheckInput): CheckResult[] {
  const found: CheckResult[] = [];
  if (!input.familyFound) found.push(result('FAMILY_NOT_FOUND'));
  if (!input.motherFound) found.push(result('MOTHER_NOT_FOUND'));
  else if (input.familyFound && !input.motherInFamily) found.push(result('MOTHER_NOT_IN_FAMILY'));
  if (input.fatherGiven && !input.fatherFound) found.push(result('FATHER_NOT_FOUND'));
  return found;
}

export const hasErrors = (checks: readonly CheckResult[]): boolean => checks.some((c) => c.severity === 'ERROR');
