import { AWAITING_PHOTO_SMS, ChildIdCardStatus } from './child-id-card.js';
import { hospitalFields, type CheckCode } from './registry-checks.js';
import type { RejectionSource } from './verdict.js';

/**
 * What the parents and the hospital are told when a registration ends. Plain functions, no I/O.
 *
 * The SMS goes to the contact phone the hospital gave, which is not proof of who holds it: it says
 * only that the akta is ready (or not) and where to fetch it with the access code the hospital
 * handed over. It never carries the child's name, a NIK or an issued number, and a registrar's
 * free-text reason stays out of it too (it may name people); the hospital sees the full reason.
 */
export const NotificationEvent = {
  COMPLETED: 'registration.completed',
  REJECTED: 'registration.rejected',
  /** An approved correction re-issued the documents (new versions; the previous ones answer SUPERSEDED). */
  CORRECTED: 'registration.corrected',
  /** An approved revocation: every document answers REVOKED. */
  REVOKED: 'registration.revoked',
} as const;
export type NotificationEvent = (typeof NotificationEvent)[keyof typeof NotificationEvent];

/** "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyuwangi" -> "Dukcapil Banyuwangi" (SMS sender line). */
export function shortOfficeName(officeName: string): string {
  const match = /(?:Kependudukan dan Pencatatan Sipil|Dukcapil)\s+(.+)$/i.exec(officeName.trim());
  if (!match?.[1]) return officeName.trim();
  const place = match[1].replace(/^(Kabupaten|Kab\.)\s+/i, '').replace(/^Kota\s+/i, 'Kota ');
  return `Dukcapil ${place}`;
}

/** Short Indonesian reasons for the registry checks that reject (severity ERROR), for the SMS. */
const SHORT_REASONS: Partial<Record<CheckCode, string>> = {
  FAMILY_NOT_FOUND: 'nomor KK tidak ditemukan',
  OUT_OF_JURISDICTION: 'keluarga terdaftar di luar wilayah layanan',
  MOTHER_NOT_FOUND: 'NIK ibu tidak ditemukan',
  MOTHER_NOT_IN_FAMILY: 'ibu tidak tercatat di KK',
  MOTHER_NOT_FEMALE: 'data ibu tidak sesuai',
  MOTHER_AGE_IMPLAUSIBLE: 'data usia ibu tidak sesuai',
  FATHER_NOT_FOUND: 'NIK ayah tidak ditemukan',
  FATHER_NOT_MALE: 'data ayah tidak sesuai',
};

export interface RejectionSummary {
  readonly source: RejectionSource;
  readonly codes?: readonly string[];
}

/** The reason as a few words: the first failed check (and "dan lainnya" for more), or the registrar. */
export function shortRejectionReason(rejection: RejectionSummary | undefined): string {
  if (rejection?.source === 'REGISTRAR') return 'ditolak petugas pencatatan sipil';
  const codes = rejection?.codes ?? [];
  const first = codes.map((code) => SHORT_REASONS[code as CheckCode]).find(Boolean) ?? 'data tidak sesuai dengan data kependudukan';
  return codes.length > 1 ? `${first} (dan lainnya)` : first;
}

export function completedSms(input: { officeName: string; downloadUrl: string; registrationId: string; childIdCardStatus?: ChildIdCardStatus | undefined }): string {
  return (
    `${shortOfficeName(input.officeName)}: Akta kelahiran anak Anda sudah terbit. ` +
    (input.childIdCardStatus === ChildIdCardStatus.AWAITING_PHOTO ? `${AWAITING_PHOTO_SMS} ` : '') +
    `Unduh di ${input.downloadUrl} dengan kode akses dari rumah sakit. No. registrasi: ${input.registrationId}`
  );
}

export function rejectedSms(input: { officeName: string; rejection: RejectionSummary | undefined; registrationId: string }): string {
  return (
    `${shortOfficeName(input.officeName)}: Akta kelahiran anak Anda belum dapat diterbitkan: ` +
    `${shortRejectionReason(input.rejection)}. Hubungi rumah sakit. No. registrasi: ${input.registrationId}`
  );
}

/** After a correction: the documents were re-issued; the parents fetch the new ones with their code. No name, no number, no reason. */
export function correctedSms(input: { officeName: string; downloadUrl: string; registrationId: string }): string {
  return (
    `${shortOfficeName(input.officeName)}: Data akta kelahiran anak Anda telah dibetulkan dan dokumen baru sudah terbit. ` +
    `Unduh di ${input.downloadUrl} dengan kode akses Anda. No. registrasi: ${input.registrationId}`
  );
}

/** After a revocation: the documents no longer hold; the office explains in person. */
export function revokedSms(input: { officeName: string; registrationId: string }): string {
  return (
    `${shortOfficeName(input.officeName)}: Pencatatan kelahiran ini dibatalkan; dokumennya tidak berlaku lagi. ` +
    `Hubungi kantor Dukcapil. No. registrasi: ${input.registrationId}`
  );
}

/**
 * The webhook event a hospital receives. Ids, status and a link only: the hospital fetches the
 * details (issued numbers, the registrar's reason) with its own token from the API.
 */
export interface WebhookEvent {
  readonly id: string;
  readonly type: NotificationEvent;
  readonly registrationId: string;
  readonly notificationId: string;
  readonly occurredAt: string;
  readonly status: 'COMPLETED' | 'REJECTED' | 'REVOKED';
  readonly link: string;
  /** `fields`: what the hospital should check (HOSPITAL_DISCLOSURE); never the registry's codes. */
  readonly rejection?: { readonly source: RejectionSummary['source']; readonly fields: readonly string[] };
}

export function webhookEvent(input: {
  id: string;
  type: NotificationEvent;
  registrationId: string;
  notificationId: string;
  occurredAt: string;
  rejection?: RejectionSummary | undefined;
}): WebhookEvent {
  const rejected = input.type === NotificationEvent.REJECTED;
  const status = rejected ? 'REJECTED' : input.type === NotificationEvent.REVOKED ? 'REVOKED' : 'COMPLETED';
  return {
    id: input.id,
    type: input.type,
    registrationId: input.registrationId,
    notificationId: input.notificationId,
    occurredAt: input.occurredAt,
    status,
    link: `/v1/births/${input.registrationId}`,
    ...(!rejected ? {} : { rejection: { source: input.rejection?.source ?? 'REGISTRY_CHECKS', fields: hospitalFields(input.rejection?.codes ?? []) } }),
  };
}

/** Indonesian mobile numbers as SNS wants them (E.164): 0812… / 62812… / +62 812… -> +62812… */
export function toE164Indonesia(phone: string): string {
  const digits = phone.replace(/[\s().-]/g, '');
  const match = /^(?:\+62|62|0)(8\d{7,11})$/.exec(digits);
  if (!match) throw new RangeError('Not an Indonesian mobile number');
  return `+62${match[1]}`;
}

/** +6281234567890 -> +62812****7890: enough to tell messages apart in a console, not to call anyone. */
export function maskPhone(phone: string): string {
  if (phone.length <= 10) return '****';
  return `${phone.slice(0, 6)}****${phone.slice(-4)}`;
}
