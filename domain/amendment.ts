import { civilBirth } from './birth-date.js';
import type { TimeZone } from './calendar.js';
import type { Sex } from './nik.js';

/**
 * Amendments of a completed registration (after the akta), as rules. Pure: no I/O, no clock.
 *
 *  - A correction (pembetulan akta: a clerical error, UU 23/2006 as amended, Perpres 96/2018) is made
 *    in place: the akta keeps its number and gets the next print number ("kutipan ke-2") and a marginal
 *    note (catatan pinggir) of what was corrected, on what basis, when and by whom; the KK print and the
 *    KIA are re-issued where what they print changed.
 *  - A revocation (pembatalan: a duplicate registration, NIK ganda) ends the registration: every
 *    document answers REVOKED, the child's person record is deactivated (its NIK is never given to
 *    anyone else) and the child leaves the family card.
 *
 * A NIK is permanent for life and encodes the birth date (DDMMYY) and the sex (day + 40): a
 * "correction" that changes either would change the NIK, which a correction cannot do. That case is a
 * wrong registration: revoke it and register the birth again ({@link nikChangingFields}).
 */
export const AmendmentKind = { CORRECTION: 'CORRECTION', REVOCATION: 'REVOCATION' } as const;
export type AmendmentKind = (typeof AmendmentKind)[keyof typeof AmendmentKind];
export const AMENDMENT_KINDS = Object.values(AmendmentKind) as readonly AmendmentKind[];

/**
 * PENDING: filed, waiting for a head of office; APPROVED: decided, the workflow is applying it;
 * APPLIED: the documents are re-issued (correction) or revoked (revocation); REJECTED: declined;
 * FAILED: the workflow could not apply it (the registration moved on, or the wait expired).
 */
export const AmendmentStatus = {
  PENDING: 'PENDING',
  APPROVED: 'APPROVED',
  APPLIED: 'APPLIED',
  REJECTED: 'REJECTED',
  FAILED: 'FAILED',
} as const;
export type AmendmentStatus = (typeof AmendmentStatus)[keyof typeof AmendmentStatus];
export const AMENDMENT_STATUSES = Object.values(AmendmentStatus) as readonly AmendmentStatus[];

/** Who may file which kind: parents (with their access code) ask for corrections only. */
export type AmendmentRequester = 'registrar' | 'head-of-office' | 'parent';
export const mayFile = (requester: AmendmentRequester, kind: AmendmentKind): boolean => requester !== 'parent' || kind === AmendmentKind.CORRECTION;

/** What a correction may change: the notification's own shape, each field optional. */
export interface CorrectionChanges {
  readonly child?: {
    readonly name?: string;
    readonly sex?: Sex;
    readonly birthDateTime?: string;
    readonly birthPlace?: string;
    readonly birthOrder?: number;
    readonly weightGrams?: number;
    readonly lengthCm?: number;
  };
  readonly father?: { readonly nik: string };
  readonly marriageCertificateNumber?: string;
}

interface CorrectableNotification {
  readonly child: { readonly name: string; readonly sex: Sex; readonly birthDateTime: string; readonly birthPlace?: string | undefined; readonly birthOrder: number };
  readonly father?: { readonly nik: string } | undefined;
  readonly marriageCertificateNumber?: string | undefined;
}

/**
 * The request paths whose correction would change the child's NIK: `child.sex` when the sex differs,
 * `child.birthDateTime` when the civil birth date (in the office's zone, domain/birth-date.ts)
 * differs. A corrected birth time on the same civil date changes no digit and is corrected in place.
 */
export function nikChangingFields(current: CorrectableNotification, changes: CorrectionChanges, zone: TimeZone): string[] {
  const fields: string[] = [];
  const child = changes.child ?? {};
  if (child.sex !== undefined && child.sex !== current.child.sex) fields.push('child.sex');
  if (child.birthDateTime !== undefined) {
    const before = civilBirth(current.child.birthDateTime, zone)?.isoDate;
    const after = civilBirth(child.birthDateTime, zone)?.isoDate;
    if (before !== after) fields.push('child.birthDateTime');
  }
  return fields;
}

/** The notification as corrected: `changes` laid over it, field by field (nothing else moves). */
export function applyCorrection<N extends CorrectableNotification>(current: N, changes: CorrectionChanges): N {
  return {
    ...current,
    child: { ...current.child, ...(changes.child ?? {}) },
    ...(changes.father ? { father: changes.father } : {}),
    ...(changes.marriageCertificateNumber !== undefined ? { marriageCertificateNumber: changes.marriageCertificateNumber } : {}),
  };
}

/** The dotted paths a correction names ("child.name", "father.nik"), in a stable order: what the marginal note and the audit list. */
export function changedPaths(changes: CorrectionChanges): string[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(changes.child ?? {})) if (value !== undefined) paths.push(`child.${key}`);
  if (changes.father) paths.push('father.nik');
  if (changes.marriageCertificateNumber !== undefined) paths.push('marriageCertificateNumber');
  return paths.sort();
}

/** The current values of `paths` in `notification`, for the queue's side-by-side view. */
export function valuesAt(notification: unknown, paths: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    let value: unknown = notification;
    for (const part of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
    out[path] = value ?? null;
  }
  return out;
}

/** How the akta names a corrected field in its marginal note. */
const FIELD_WORDS: Readonly<Record<string, string>> = {
  'child.name': 'nama anak',
  'child.birthPlace': 'tempat lahir',
  'child.birthDateTime': 'waktu lahir',
  'child.birthOrder': 'anak ke-',
  'child.sex': 'jenis kelamin',
  'child.weightGrams': 'berat lahir',
  'child.lengthCm': 'panjang lahir',
  'father.nik': 'data ayah',
  marriageCertificateNumber: 'nomor akta/buku nikah',
};

/**
 * How the marginal note names the evidence: words, never the wire code. The codes are the ones the
 * counter offers (web/src/amendment-messages.ts has the console's own labels for them); the API takes
 * any upper-case code, so one without a word here is read out as words ("SURAT_KUASA" → "surat kuasa").
 */
const EVIDENCE_WORDS: Readonly<Record<string, string>> = {
  SURAT_KETERANGAN_LAHIR: 'surat keterangan lahir',
  BUKU_NIKAH: 'buku/akta nikah',
  KARTU_KELUARGA: 'Kartu Keluarga',
  PUTUSAN_PENGADILAN: 'putusan pengadilan',
  SPTJM: 'surat pernyataan tanggung jawab mutlak (SPTJM)',
};

/** The words the marginal note prints for an evidence code. */
export const evidenceWords = (type: string): string => EVIDENCE_WORDS[type] ?? type.toLowerCase().replace(/_+/g, ' ').trim();

/** A catatan pinggir: what was corrected, on what basis (the evidence), when (a civil date) and by whom. */
export interface MarginalNote {
  readonly printNumber: number;
  readonly text: string;
  readonly on: string;
  readonly by: string;
  readonly basis: string;
}

export function marginalNote(input: {
  printNumber: number;
  paths: readonly string[];
  evidence: readonly { readonly type: string; readonly reference: string }[];
  reason: string;
  on: string;
  by: string;
}): MarginalNote {
  const { text, basis } = marginalNoteText(input.paths, input.evidence);
  return { printNumber: input.printNumber, text, on: input.on, by: input.by, basis };
}

/** The note's sentence, what was corrected on what basis: the one wording, printed on the akta and shown in its draft. */
function marginalNoteText(paths: readonly string[], evidence: readonly { readonly type: string; readonly reference: string }[]): { text: string; basis: string } {
  const what = paths.map((p) => FIELD_WORDS[p] ?? p).join(', ');
  const basis = evidence.length > 0 ? evidence.map((e) => `${evidenceWords(e.type)} ${e.reference}`).join('; ') : 'permohonan pembetulan';
  return { text: `Pembetulan ${what} berdasarkan ${basis}`, basis };
}

/**
 * What the akta re-issued by a pending correction would say, for the head of office who decides it
 * (GET /v1/amendments): the next print number and the marginal note's sentence, exactly as approving
 * it now would print them. Only the date and the deciding head are unknown until the decision. One
 * amendment is open per registration, so nothing else can move the print number meanwhile.
 */
export function correctionDraft(input: {
  currentPrintNumber: number | undefined;
  paths: readonly string[];
  evidence: readonly { readonly type: string; readonly reference: string }[];
}): { printNumber: number; marginalNote: string } {
  return { printNumber: nextPrintNumber(input.currentPrintNumber), marginalNote: marginalNoteText(input.paths, input.evidence).text };
}

/** "kutipan ke-2": the print number of a re-issued akta (the first print is 1). */
export const nextPrintNumber = (current: number | undefined): number => (current ?? 1) + 1;
