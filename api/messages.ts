import { CHECKS, HOSPITAL_MISMATCH, type CheckCode } from '../domain/registry-checks.js';
import { NEWBORN_NAME_MESSAGES } from '../domain/person-name.js';
import type { WebhookUrlProblem } from '../domain/webhook-url.js';

/** The newborn-name rule's texts (domain/person-name.ts) under NEWBORN_NAME_<rule>. */
const NEWBORN_NAME = /* @__PURE__ */ (() => Object.fromEntries(Object.entries(NEWBORN_NAME_MESSAGES).map(([code, text]) => [`NEWBORN_NAME_${code}`, text])) as {
  readonly [K in keyof typeof NEWBORN_NAME_MESSAGES as `NEWBORN_NAME_${K}`]: { readonly en: string; readonly id: string };
})();

/**
 * Every text the API answers with, once, by a stable code, in English (`en`, the default: integrators)
 * and Indonesian (`id`): validation issues (`issues[].code` / `.message`), error bodies (`code` /
 * `error`), the registry checks and rejection reasons. The caller picks the language with
 * `Accept-Language` (functions/shared/http.ts); the code never changes with it, so clients key on the
 * code and may show their own words.
 *
 * Adding a message is one line here: `CODE: { en: '…', id: '…' }`, then use the code where the text
 * was (a zod message: `.max(64, 'TOO_LONG')`; an error: `new ConflictError('CODE')`). `{name}` in a
 * text is filled from the zod issue (`{maximum}`, `{minimum}`, `{values}`) or the caller's params.
 * No imports beyond `domain/` texts: the web console may bundle this table as it is.
 */
const OWN = {
  // ── Generic: zod's own issue codes, and what every field shares ──────────────────────────────
  REQUIRED: { en: 'Required', id: 'Wajib diisi' },
  REQUIRED_WHEN_GIVEN: { en: 'Required when given', id: 'Tidak boleh kosong bila diisi' },
  INVALID_TYPE: { en: 'Expected {expected}', id: 'Jenis isian salah (seharusnya {expected})' },
  WHOLE_NUMBER: { en: 'A whole number', id: 'Harus bilangan bulat' },
  TOO_SHORT: { en: 'At least {minimum} characters', id: 'Paling sedikit {minimum} karakter' },
  TOO_LONG: { en: 'At most {maximum} characters', id: 'Paling banyak {maximum} karakter' },
  TOO_SMALL: { en: 'At least {minimum}', id: 'Paling kecil {minimum}' },
  TOO_BIG: { en: 'At most {maximum}', id: 'Paling besar {maximum}' },
  INVALID_FORMAT: { en: 'Invalid format', id: 'Format tidak sesuai' },
  INVALID_VALUE: { en: 'One of {values}', id: 'Pilih salah satu: {values}' },
  UNKNOWN_FIELD: { en: 'Unknown field', id: 'Kolom tidak dikenal' },
  INVALID: { en: 'Invalid', id: 'Tidak valid' },
  INVALID_JSON: { en: 'Invalid JSON', id: 'Isi permintaan bukan JSON yang valid' },
  REQUIRED_PATH_PARAMETER: { en: 'Required path parameter', id: 'Parameter jalur wajib diisi' },
  TEXT_NOT_WELL_FORMED: { en: 'Not well-formed Unicode (a lone surrogate)', id: 'Teks mengandung karakter Unicode yang rusak' },
  TEXT_CONTROL_CHARACTERS: {
    en: 'Control or format characters (line breaks, escapes, direction overrides, zero-width) are not allowed',
    id: 'Karakter kendali atau format (ganti baris, escape, pembalik arah, karakter tak terlihat) tidak diizinkan',
  },

  // ── Ids and paging ─────────────────────────────────────────────────────────────────────────────
  REGISTRATION_ID_FORMAT: { en: 'A registration id: the UUID POST /v1/births answered', id: 'Nomor registrasi: UUID yang diberikan saat pemberitahuan dikirim' },
  DOCUMENT_TYPE_INVALID: { en: 'One of {values}', id: 'Jenis dokumen: salah satu dari {values}' },
  VERIFICATION_ID_FORMAT: { en: 'A verification id: 26 characters from the document’s QR code', id: 'Kode verifikasi: 26 karakter dari kode QR dokumen' },
  CURSOR_INVALID: { en: 'Not a cursor this API returned', id: 'Penanda halaman tidak dikenal; muat ulang daftar' },
  SEARCH_Q_REQUIRED: { en: 'Required: a registration id, a NIK (16 digits) or an akta number', id: 'Wajib diisi: nomor registrasi, NIK (16 angka) atau nomor akta' },
  SEARCH_Q_UNKNOWN: { en: 'Not a registration id, a NIK (16 digits) or an akta number', id: 'Bukan nomor registrasi, NIK (16 angka) atau nomor akta' },
  NAME_QUERY_CHARACTERS: { en: 'A name: letters and spaces', id: 'Nama: huruf dan spasi' },
  CHECK_CODE_UNKNOWN: { en: 'A registry check code, e.g. POSSIBLE_DUPLICATE', id: 'Kode pemeriksaan data kependudukan, misalnya POSSIBLE_DUPLICATE' },
  BOOLEAN_TEXT: { en: 'true or false', id: 'true atau false' },
  FOLLOW_UP_STATUS: { en: 'REJECTED, FAILED or both (comma-separated)', id: 'REJECTED, FAILED atau keduanya (dipisah koma)' },

  // ── The birth notification (POST /v1/births) ───────────────────────────────────────────────────
  NOTIFICATION_ID_CHARACTERS: { en: 'Letters, digits and . _ : / - only', id: 'Hanya huruf, angka dan . _ : / -' },
  NIK_DIGITS: { en: 'A NIK has exactly 16 digits', id: 'NIK terdiri dari tepat 16 angka' },
  NIK_DATE_IMPOSSIBLE: {
    en: 'Not a valid NIK: the date part (DDMMYY, +40 for women) is impossible',
    id: 'NIK tidak valid: bagian tanggal lahir (DDMMYY, +40 untuk perempuan) tidak mungkin',
  },
  NAME_CHARACTERS: { en: "Use letters, spaces and . , ' - only", id: "Gunakan hanya huruf, spasi dan . , ' -" },
  SEX_INVALID: { en: 'MALE or FEMALE', id: 'Pilih laki-laki (MALE) atau perempuan (FEMALE)' },
  BIRTH_DATE_TIME_FORMAT: {
    en: 'Use ISO 8601 with an offset, e.g. 2026-11-20T08:15:00+07:00',
    id: 'Gunakan format ISO 8601 dengan zona waktu, misalnya 2026-11-20T08:15:00+07:00',
  },
  DATE_NOT_REAL: { en: 'Not a real calendar date', id: 'Tanggal tidak ada di kalender' },
  BIRTH_IN_FUTURE: { en: 'A birth cannot be in the future', id: 'Waktu lahir tidak boleh di masa depan' },
  BIRTH_PLACE_FORMAT: {
    en: "A place name (letters, spaces and . , ' -) or a Kemendagri region code such as 35.10",
    id: "Nama tempat (huruf, spasi dan . , ' -) atau kode wilayah Kemendagri seperti 35.10",
  },
  BIRTH_ORDER_MIN: { en: 'Starts at 1 (anak ke-1)', id: 'Mulai dari 1 (anak ke-1)' },
  MULTIPLE_BIRTH_MIN_COUNT: { en: 'A multiple birth has at least 2 children', id: 'Kelahiran kembar paling sedikit 2 anak' },
  MULTIPLE_BIRTH_ORDER_MIN: { en: 'Order starts at 1', id: 'Urutan kembar mulai dari 1' },
  MULTIPLE_BIRTH_ORDER_EXCEEDS_COUNT: { en: 'Order cannot exceed count', id: 'Urutan kembar tidak boleh melebihi jumlah anak' },
  WHOLE_GRAMS: { en: 'Whole grams', id: 'Dalam gram, bilangan bulat' },
  WEIGHT_TOO_LOW: { en: 'Below 300 g is not a live birth we can register', id: 'Di bawah 300 g tidak dapat dicatat sebagai kelahiran hidup' },
  WEIGHT_TOO_HIGH: { en: 'Above 7000 g is implausible', id: 'Di atas 7000 g tidak wajar' },
  LENGTH_TOO_SMALL: { en: 'At least {minimum} cm', id: 'Paling sedikit {minimum} cm' },
  LENGTH_TOO_BIG: { en: 'At most {maximum} cm', id: 'Paling banyak {maximum} cm' },
  FAMILY_CARD_DIGITS: { en: 'A family card (KK) number has exactly 16 digits', id: 'Nomor Kartu Keluarga (KK) terdiri dari tepat 16 angka' },
  MARRIAGE_NUMBER_CHARACTERS: { en: 'Letters, digits and / . - only, as printed by the KUA', id: 'Hanya huruf, angka dan / . - sesuai cetakan KUA' },
  ATTENDANT_TYPE_INVALID: { en: 'DOCTOR, MIDWIFE, NURSE or OTHER', id: 'Pilih dokter (DOCTOR), bidan (MIDWIFE), perawat (NURSE) atau lainnya (OTHER)' },
  PHONE_FORMAT: {
    en: 'An Indonesian mobile number, e.g. +6281234567890 or 081234567890',
    id: 'Nomor ponsel Indonesia, misalnya +6281234567890 atau 081234567890',
  },

  // ── Decisions (POST /v1/approvals/{id}) ───────────────────────────────────────────────────────
  DECISION_INVALID: { en: 'APPROVE or REJECT', id: 'Pilih setujui (APPROVE) atau tolak (REJECT)' },
  REASON_REQUIRED: { en: 'Required when rejecting', id: 'Wajib diisi bila menolak' },
  REJECTION_NEEDS_REASON: { en: 'A rejection needs a reason', id: 'Penolakan harus disertai alasan' },

  // ── Webhooks (PUT /v1/webhook; domain/webhook-url.ts) ────────────────────────────────────────
  WEBHOOK_URL_INVALID: { en: 'Not a valid URL', id: 'Bukan URL yang valid' },
  WEBHOOK_URL_CREDENTIALS: { en: 'A webhook URL must not contain a user name or password', id: 'URL webhook tidak boleh memuat nama pengguna atau kata sandi' },
  WEBHOOK_URL_NOT_HTTPS: { en: 'Must be an https:// URL', id: 'Harus URL https://' },
  WEBHOOK_URL_PORT: { en: 'Must use the https port (443)', id: 'Harus memakai port https (443)' },
  WEBHOOK_URL_NOT_PUBLIC: {
    en: 'Must name a public host (no IP addresses or internal names)',
    id: 'Harus nama host publik (bukan alamat IP atau nama internal)',
  },

  // ── Error bodies (`code` + `error`) ──────────────────────────────────────────────────────────
  VALIDATION_FAILED: { en: 'The request is invalid', id: 'Permintaan tidak valid' },
  UNAUTHORIZED: { en: 'Unauthorized', id: 'Sesi berakhir atau tidak sah; silakan masuk lagi' },
  FORBIDDEN_ROLE: { en: 'This route is not open to your role', id: 'Halaman ini tidak terbuka untuk peran Anda' },
  NOT_FOUND: { en: 'Not found', id: 'Tidak ditemukan' },
  REGISTRATION_NOT_FOUND: { en: 'No such registration', id: 'Registrasi tidak ditemukan' },
  DOCUMENT_NOT_FOUND: { en: 'No such document', id: 'Dokumen tidak ditemukan' },
  WEBHOOK_NOT_SET: { en: 'No webhook is set', id: 'Webhook belum diatur' },
  ALREADY_DECIDED: { en: 'This registration has already been decided', id: 'Registrasi ini sudah diputuskan' },
  NOT_AWAITING_DECISION: { en: 'This registration is not awaiting a decision', id: 'Registrasi ini tidak sedang menunggu keputusan' },
  REGISTRATION_CHANGED: { en: 'This registration changed; reload it', id: 'Registrasi ini berubah; muat ulang' },
  APPROVAL_CLOSED: {
    en: 'The approval window has closed; the hospital must submit a new notification',
    id: 'Batas waktu persetujuan sudah lewat; rumah sakit harus mengirim pemberitahuan baru',
  },
  DECISION_NOT_CONFIRMED: {
    en: 'The decision is recorded but the workflow did not confirm; send it again',
    id: 'Keputusan sudah tercatat tetapi alur kerja belum mengonfirmasi; kirim sekali lagi',
  },
  CASE_NOT_PENDING: { en: 'The case is no longer waiting for a decision', id: 'Kasus ini tidak lagi menunggu keputusan' },
  REGISTRY_FACTS_MISSING: {
    en: 'The family card or the mother is missing from the registry',
    id: 'Kartu Keluarga atau data ibu tidak ada dalam database kependudukan',
  },
  ACCESS_CODE_REISSUED_MEANWHILE: { en: 'The access code was re-issued meanwhile; look again', id: 'Kode akses baru saja diterbitkan ulang; periksa lagi' },
  NOTIFICATION_BODY_CHANGED: {
    en: 'This notificationId was already sent with a different body',
    id: 'notificationId ini sudah pernah dikirim dengan isi yang berbeda',
  },
  WORKFLOW_NOT_STARTED: {
    en: 'The registration was stored but its workflow could not start yet; retry the same request',
    id: 'Registrasi tersimpan tetapi prosesnya belum dapat dimulai; kirim ulang permintaan yang sama',
  },
  DOCUMENTS_NOT_ISSUED: { en: 'The documents are not issued yet', id: 'Dokumen belum diterbitkan' },
  TOO_MANY_ATTEMPTS: { en: 'Too many attempts; try again later', id: 'Terlalu banyak percobaan; coba lagi nanti' },
  UNSUPPORTED_MEDIA_TYPE: { en: 'Send the body as application/json', id: 'Kirim isi permintaan sebagai application/json' },
  TEMPORARILY_UNAVAILABLE: { en: 'Temporarily unavailable; retry', id: 'Layanan sementara tidak tersedia; coba lagi' },
  INTERNAL_ERROR: { en: 'Internal error', id: 'Terjadi kesalahan pada sistem' },

  // ── Heads of office, late registrations and amendments (issue 12) ───────────────────────────
  HEAD_OF_OFFICE_ONLY: {
    en: 'Only a head of office (Kepala Dinas or the Pejabat Pencatatan Sipil delegated) may decide this',
    id: 'Hanya Kepala Dinas (atau Pejabat Pencatatan Sipil yang ditunjuk) yang dapat memutuskan ini',
  },
  HEAD_OF_OFFICE_ONLY_LATE: {
    en: 'Only a head of office (Kepala Dinas or the Pejabat Pencatatan Sipil delegated) may decide a late registration (reported more than 60 days after the birth)',
    id: 'Hanya Kepala Dinas (atau Pejabat Pencatatan Sipil yang ditunjuk) yang dapat memutuskan pencatatan terlambat (dilaporkan lebih dari 60 hari setelah kelahiran)',
  },
  HEAD_OF_OFFICE_ONLY_AMENDMENT: {
    en: 'Only a head of office (Kepala Dinas or the Pejabat Pencatatan Sipil delegated) may decide an amendment',
    id: 'Hanya Kepala Dinas (atau Pejabat Pencatatan Sipil yang ditunjuk) yang dapat memutuskan permohonan perubahan',
  },
  FOUR_EYES: {
    en: 'Four-eyes rule: you requested this amendment, so another head of office must decide it',
    id: 'Prinsip empat mata: Anda yang mengajukan permohonan ini, jadi Kepala Dinas lain yang harus memutuskannya',
  },
  DECREE_ONLY_LATE: {
    en: 'Only a late registration is approved by a decree of the head of office',
    id: 'Nomor SK hanya untuk persetujuan pencatatan terlambat',
  },
  DECREE_ONLY_APPROVAL: { en: 'A decree number goes with an approval only', id: 'Nomor SK hanya diisi bila menyetujui' },
  DECREE_NUMBER_CHARACTERS: { en: 'Letters, digits, spaces and . / - only', id: 'Hanya huruf, angka, spasi dan . / -' },
  AMENDMENT_ID_FORMAT: {
    en: 'An amendment id: the UUID POST /v1/births/{registrationId}/amendments answered',
    id: 'Nomor permohonan perubahan: UUID yang diberikan saat permohonan diajukan',
  },
  AMENDMENT_NOT_FOUND: { en: 'No such amendment', id: 'Permohonan perubahan tidak ditemukan' },
  AMENDMENT_NOT_WAITING: { en: 'This amendment is not waiting for a decision', id: 'Permohonan ini tidak sedang menunggu keputusan' },
  AMENDMENT_ALREADY_DECIDED: { en: 'This amendment has already been decided', id: 'Permohonan ini sudah diputuskan' },
  AMENDMENT_CHANGED: { en: 'This amendment changed; reload it', id: 'Permohonan ini berubah; muat ulang' },
  AMENDMENT_WORKFLOW_NOT_STARTED: {
    en: 'The amendment was stored but its workflow could not start yet; send the same request again',
    id: 'Permohonan tersimpan tetapi prosesnya belum dapat dimulai; kirim ulang permintaan yang sama',
  },
  PARENTS_CORRECTIONS_ONLY: {
    en: 'Parents may ask for corrections only; a revocation is filed at the office',
    id: 'Orang tua hanya dapat mengajukan pembetulan; pembatalan diajukan di kantor Dinas',
  },
  AMENDMENT_ALREADY_OPEN: {
    en: 'Another amendment of this registration is open; wait for its decision',
    id: 'Masih ada permohonan perubahan lain untuk registrasi ini; tunggu keputusannya',
  },
  AMENDMENT_NEEDS_COMPLETED: {
    en: 'Only a COMPLETED registration can be corrected or revoked',
    id: 'Hanya registrasi yang sudah selesai (dokumen terbit) yang dapat dibetulkan atau dibatalkan',
  },
  CORRECTION_CHANGES_NIK: {
    en: 'This correction would change the child’s NIK (its date or sex digits), which is permanent: revoke this registration (kind REVOCATION) and register the birth again with the right data',
    id: 'Pembetulan ini akan mengubah NIK anak (digit tanggal lahir atau jenis kelamin) yang bersifat tetap: batalkan registrasi ini (REVOCATION) lalu daftarkan kelahiran kembali dengan data yang benar',
  },
  FATHER_NOT_A_MAN_IN_REGISTRY: { en: 'Not a man in the population registry', id: 'Bukan laki-laki dalam database kependudukan' },
  BIRTH_PLACE_KIND_INVALID: { en: 'One of {values}', id: 'Jenis tempat lahir: salah satu dari {values}' },

  // ── The second pass of the rules (issue 13) and amendments' bodies (issue 12) ────────────────
  DATE_FORMAT: { en: 'A date, YYYY-MM-DD', id: 'Tanggal dengan format YYYY-MM-DD' },
  SIGNED_IN_FUTURE: { en: 'Cannot be signed in the future', id: 'Tanggal penandatanganan tidak boleh di masa depan' },
  FATHER_NIK_IS_MOTHERS: { en: "The father's NIK is the mother's NIK", id: 'NIK ayah sama dengan NIK ibu' },
  SPTJM_NEEDS_FATHER: { en: 'An SPTJM of husband and wife names the father: give father.nik', id: 'SPTJM pasangan suami istri menyebut ayah: isi NIK ayah' },
  SPTJM_OR_MARRIAGE: {
    en: 'Either a marriage record or an SPTJM, not both (the SPTJM stands in for a marriage not yet recorded)',
    id: 'Isi buku nikah atau SPTJM, tidak keduanya (SPTJM menggantikan perkawinan yang belum tercatat)',
  },
  INFORMANT_MOTHER_NIK: { en: "An informant who is the MOTHER has the mother's NIK", id: 'Pelapor yang berstatus IBU harus memakai NIK ibu' },
  INFORMANT_FATHER_NIK: {
    en: "An informant who is the FATHER has the father's NIK (and the notification names the father)",
    id: 'Pelapor yang berstatus AYAH harus memakai NIK ayah (dan ayah harus diisi)',
  },
  CORRECTION_NAMES_NOTHING: { en: 'Name at least one field to correct', id: 'Sebutkan paling sedikit satu data yang dibetulkan' },
  CORRECTION_NEEDS_CHANGES: { en: 'A correction names what it changes', id: 'Pembetulan harus menyebut data yang diubah' },
  REVOCATION_HAS_NO_CHANGES: { en: 'A revocation changes nothing: leave changes out', id: 'Pembatalan tidak mengubah data: kosongkan isian perubahan' },
  AMENDMENT_KIND_INVALID: { en: 'CORRECTION or REVOCATION', id: 'Pilih pembetulan (CORRECTION) atau pembatalan (REVOCATION)' },
  EVIDENCE_TYPE_FORMAT: { en: 'Upper-case letters, digits and _ (e.g. BUKU_NIKAH)', id: 'Huruf besar, angka dan _ (misalnya BUKU_NIKAH)' },
  EVIDENCE_REFERENCE_CHARACTERS: { en: 'Letters, digits, spaces and . / : - only', id: 'Hanya huruf, angka, spasi dan . / : -' },
  TOO_MANY_ITEMS: { en: 'At most {maximum}', id: 'Paling banyak {maximum}' },
  // NEWBORN_NAME_<rule>: joined in MESSAGES below (a spread here would keep the table in every bundle).

  // ── Rejection reasons (GET /v1/births/{id}) ──────────────────────────────────────────────────
  REGISTRY_MISMATCH: HOSPITAL_MISMATCH,
  PARENT_REJECTION_REGISTRY_CHECKS: {
    en: 'The hospital’s notification did not match the population registry; the hospital will correct it and notify again.',
    id: 'Data pemberitahuan rumah sakit tidak sesuai dengan data kependudukan; rumah sakit akan memperbaikinya dan mengirim ulang.',
  },
  PARENT_REJECTION_DATA_MISMATCH: {
    en: 'The data in the notification did not match the family’s documents; the hospital will correct it and notify again.',
    id: 'Data pemberitahuan tidak sesuai dengan dokumen keluarga; rumah sakit akan memperbaikinya dan mengirim ulang.',
  },
  PARENT_REJECTION_DUPLICATE: { en: 'This birth is already registered in another notification.', id: 'Kelahiran ini sudah tercatat pada pemberitahuan lain.' },
  PARENT_REJECTION_DOCUMENTS_MISSING: {
    en: 'Documents needed for the registration are missing; the hospital will contact you.',
    id: 'Dokumen yang diperlukan belum lengkap; rumah sakit akan menghubungi Anda.',
  },
  PARENT_REJECTION_OUT_OF_AREA: {
    en: 'The family is registered outside this office’s area; please contact the Dukcapil office of your area.',
    id: 'Keluarga terdaftar di luar wilayah kantor ini; silakan hubungi Dinas Dukcapil di wilayah Anda.',
  },
  PARENT_REJECTION_OTHER: {
    en: 'The registrar could not approve the registration; the hospital will contact you.',
    id: 'Petugas pencatatan sipil belum dapat menyetujui registrasi ini; rumah sakit akan menghubungi Anda.',
  },
} as const satisfies Record<string, Texts>;

interface Texts {
  readonly en: string;
  readonly id: string;
}

/** The registry checks' own wording (domain/registry-checks.ts CHECKS), under their check codes. */
const CHECK_TEXTS = /* @__PURE__ */ (() => Object.fromEntries(Object.entries(CHECKS).map(([code, c]) => [code, { en: c.en, id: c.id }])) as Record<CheckCode, Texts>)();

/**
 * The message table: the API's own codes and the registry check codes. Built in pure function calls
 * (see api/requests.ts), and without a spread in `OWN`, so that a bundle whose code never looks a
 * message up (the workflow's task functions: they answer no HTTP caller) leaves the table out.
 */
export const MESSAGES: Readonly<Record<MessageCode, Texts>> = /* @__PURE__ */ (() => ({ ...OWN, ...NEWBORN_NAME, ...CHECK_TEXTS }))();

export type MessageCode = keyof typeof OWN | keyof typeof NEWBORN_NAME | CheckCode;
/** Every webhook URL problem the domain names has its message (a new problem without one is a type error). */
const webhookProblemsHaveMessages: Record<WebhookUrlProblem, Texts> = OWN;
void webhookProblemsHaveMessages;

export const LANGUAGES = ['en', 'id'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export const isMessageCode = (code: string): code is MessageCode => Object.hasOwn(MESSAGES, code);

/**
 * The language an `Accept-Language` header asks for: the first of `en` / `id` by preference
 * (`q`, then order); `in` (the old code) counts as Indonesian; English when it names neither.
 */
export function languageOf(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return DEFAULT_LANGUAGE;
  const ranked = acceptLanguage
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      const primary = tag.trim().toLowerCase().split('-')[0] ?? '';
      return { language: primary === 'in' ? 'id' : primary, q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry): entry is { language: Language; q: number; index: number } => (LANGUAGES as readonly string[]).includes(entry.language) && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.language ?? DEFAULT_LANGUAGE;
}

/** A message's text in `language`, with `{name}` placeholders filled from `params` (a missing one stays as written). */
export function messageText(code: MessageCode, language: Language, params: Readonly<Record<string, unknown>> = {}): string {
  return MESSAGES[code][language].replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}
