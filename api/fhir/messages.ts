/**
 * Texts of the FHIR door in the two languages an integrator may ask for (`Accept-Language`):
 * English, and Indonesian (Bahasa Indonesia). The notification schema's own messages
 * (api/requests.ts) are English; their Indonesian is looked up here by the English text, and a
 * message this table does not know yet gets a generic Indonesian sentence with the English after it,
 * so a new rule in the schema is never answered in the wrong language alone.
 */
import { languageOf, type Language } from '../messages.js';

export type { Language };
export interface Text {
  readonly en: string;
  readonly id: string;
}

/** The caller's language from `Accept-Language`: the one rule of the API (api/messages.ts). */
export const preferredLanguage = (header: string | undefined): Language => languageOf(header);

const EXACT: Readonly<Record<string, string>> = {
  Required: 'Wajib diisi',
  'Required when given': 'Tidak boleh kosong bila diisi',
  'Letters, digits and . _ : / - only': 'Hanya huruf, angka dan . _ : / -',
  "Use letters, spaces and . , ' - only": "Gunakan huruf, spasi dan . , ' - saja",
  "A place name (letters, spaces and . , ' -) or a Kemendagri region code such as 35.10":
    "Nama tempat (huruf, spasi dan . , ' -) atau kode wilayah Kemendagri seperti 35.10",
  'Use ISO 8601 with an offset, e.g. 2026-11-20T08:15:00+07:00': 'Gunakan ISO 8601 dengan zona waktu, mis. 2026-11-20T01:15:00+00:00 (UTC)',
  'Not a real calendar date': 'Tanggal tidak ada di kalender',
  'A birth cannot be in the future': 'Waktu kelahiran tidak boleh di masa depan',
  'A whole number': 'Harus bilangan bulat',
  'Starts at 1 (anak ke-1)': 'Mulai dari 1 (anak ke-1)',
  'A multiple birth has at least 2 children': 'Kelahiran kembar sedikitnya 2 anak',
  'Order starts at 1': 'Urutan mulai dari 1',
  'Order cannot exceed count': 'Urutan tidak boleh melebihi jumlah bayi',
  'Whole grams': 'Dalam gram bulat',
  'Below 300 g is not a live birth we can register': 'Di bawah 300 g bukan kelahiran hidup yang dapat dicatat',
  'Above 7000 g is implausible': 'Di atas 7000 g tidak masuk akal',
  'At least 20 cm': 'Sedikitnya 20 cm',
  'At most 70 cm': 'Paling panjang 70 cm',
  'A NIK has exactly 16 digits': 'NIK terdiri dari tepat 16 angka',
  'Not a valid NIK: the date part (DDMMYY, +40 for women) is impossible': 'NIK tidak sah: bagian tanggal (DDMMYY, +40 untuk perempuan) tidak mungkin',
  'A family card (KK) number has exactly 16 digits': 'Nomor KK terdiri dari tepat 16 angka',
  'Letters, digits and / . - only, as printed by the KUA': 'Hanya huruf, angka dan / . - seperti tercetak oleh KUA',
  'An Indonesian mobile number, e.g. +6281234567890 or 081234567890': 'Nomor ponsel Indonesia, mis. +6281234567890 atau 081234567890',
  "The father's NIK is the mother's NIK": 'NIK ayah sama dengan NIK ibu',
  'An SPTJM of husband and wife names the father: give father.nik': 'SPTJM suami-istri menyebut ayah: sertakan ayah dengan NIK-nya',
  'Either a marriage record or an SPTJM, not both (the SPTJM stands in for a marriage not yet recorded)':
    'Buku nikah atau SPTJM, tidak keduanya (SPTJM menggantikan perkawinan yang belum tercatat)',
  'A date, YYYY-MM-DD': 'Tanggal, YYYY-MM-DD',
  'Cannot be signed in the future': 'Tidak mungkin ditandatangani di masa depan',
  'Not well-formed Unicode (a lone surrogate)': 'Unicode tidak sah (surrogate tunggal)',
  'Control or format characters (line breaks, escapes, direction overrides, zero-width) are not allowed':
    'Karakter kontrol atau format (baris baru, escape, pembalik arah, lebar-nol) tidak diizinkan',
};

const PATTERNS: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [/^At most (\d+) characters$/, (m) => `Paling banyak ${m[1]} karakter`],
  [/^At most (\d+)$/, (m) => `Paling banyak ${m[1]}`],
  [/^Invalid input: expected \w+, received undefined$/, () => 'Wajib diisi'],
  [/^Invalid input: expected (\w+), received (\w+)$/, (m) => `Jenis nilai tidak sesuai (harus ${m[1]}, diterima ${m[2]})`],
];

/** A schema message in both languages. */
export function bilingual(english: string): Text {
  const exact = EXACT[english];
  if (exact) return { en: english, id: exact };
  for (const [pattern, render] of PATTERNS) {
    const match = pattern.exec(english);
    if (match) return { en: english, id: render(match) };
  }
  return { en: english, id: `Nilai tidak memenuhi aturan pencatatan (${english})` };
}

/** What each HTTP status of the FHIR door says when nothing more specific is known. */
export const STATUS_TEXT: Readonly<Record<number, Text>> = {
  400: { en: 'The Bundle is invalid', id: 'Bundle tidak valid' },
  401: { en: 'Unauthorized: send the hospital’s bearer token', id: 'Tidak terautentikasi: kirim token bearer rumah sakit' },
  403: { en: 'This route is open to hospital tokens only', id: 'Rute ini hanya untuk token rumah sakit' },
  404: { en: 'Not found', id: 'Tidak ditemukan' },
  409: {
    en: 'This Bundle.identifier was already sent with different content',
    id: 'Bundle.identifier ini sudah pernah dikirim dengan isi yang berbeda',
  },
  413: { en: 'The Bundle is too large', id: 'Bundle terlalu besar' },
  415: { en: 'Send the Bundle as application/fhir+json', id: 'Kirim Bundle sebagai application/fhir+json' },
  429: { en: 'Too many notifications: wait Retry-After seconds and send the same Bundle again', id: 'Terlalu banyak laporan: tunggu Retry-After detik lalu kirim ulang Bundle yang sama' },
  500: { en: 'Internal error', id: 'Kesalahan internal' },
  503: { en: 'Temporarily unavailable: send the same Bundle again', id: 'Sementara tidak tersedia: kirim ulang Bundle yang sama' },
};
