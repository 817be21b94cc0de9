import { parentsMessagesId } from './parents-messages.js';
import { amendmentMessagesId } from './amendment-messages.js';

/**
 * Every text the console shows, in Bahasa Indonesia (the default) and English, plus the rules that
 * turn what the API answers (a validation issue's `code` or, from an API without codes, its English
 * message; an HTTP status) into one of these texts. Pure: no DOM, so the unit tests and the browser
 * tests' English scan read the very same table.
 */
export const id = {
  'app.title': 'Lahir Procot Pulang Bawa Akte',
  'nav.queue': 'Antrean',
  'nav.search': 'Cari',
  'nav.hospital': 'Rumah sakit',
  'nav.parents': 'Orang tua',
  'nav.signIn': 'Masuk',
  'nav.signOut': 'Keluar',
  'nav.lang': 'English',
  'home.intro': 'Akta kelahiran, KK dan KIA untuk setiap bayi, langsung dari pemberitahuan kelahiran rumah sakit.',
  'home.registrar': 'Petugas Dukcapil: antrean persetujuan',
  'home.hospital': 'Fasilitas kesehatan: laporkan kelahiran',
  'home.parents': 'Orang tua: lihat status dan unduh dokumen',
  'signIn.title': 'Masuk',
  'signIn.local': 'Hanya untuk tumpukan lokal (npm start): token ditandatangani oleh penerbit lokal. Di AWS, petugas masuk melalui Cognito.',
  'signIn.registrar': 'Masuk sebagai petugas registrasi (demo)',
  'signIn.hospital': 'Masuk sebagai {name}',
  'signIn.cognito': 'Masuk dengan akun Dukcapil',
  'queue.title': 'Antrean persetujuan',
  'queue.empty': 'Tidak ada pendaftaran yang menunggu keputusan.',
  'queue.child': 'Anak',
  'queue.born': 'Lahir',
  'queue.facility': 'Faskes',
  'queue.waiting': 'Menunggu',
  'queue.checks': 'Pemeriksaan',
  'queue.overdue': 'Lewat 4 jam',
  'queue.escalated': 'Dieskalasi',
  'queue.open': 'Buka',
  'case.title': 'Pendaftaran {id}',
  'case.notification': 'Pemberitahuan kelahiran',
  'case.checks': 'Pemeriksaan registri',
  'case.noChecks': 'Tidak ada temuan.',
  'case.drafts': 'Draf dokumen',
  'case.draftsOpen': 'Buka draf (PDF)',
  'case.draftsOnlyPending': 'Draf hanya tersedia selama menunggu keputusan.',
  'case.timeline': 'Riwayat',
  'case.decide': 'Keputusan',
  'case.approve': 'Setujui',
  'case.reject': 'Tolak',
  'case.reason': 'Alasan penolakan',
  'case.reasonDetail': 'Keterangan',
  'case.decided': 'Keputusan tercatat.',
  'case.issued': 'Nomor yang diterbitkan',
  'case.documents': 'Dokumen',
  'reason.DATA_MISMATCH': 'Data tidak sesuai dengan registri',
  'reason.DUPLICATE': 'Kelahiran sudah didaftarkan',
  'reason.DOCUMENTS_MISSING': 'Dokumen pendukung kurang',
  'reason.OUT_OF_AREA': 'Di luar wilayah kabupaten',
  'reason.OTHER': 'Lainnya',
  'reason.choose': 'Pilih alasan…',
  'field.notificationId': 'Nomor referensi rumah sakit',
  'field.child.name': 'Nama anak',
  'field.child.sex': 'Jenis kelamin',
  'field.child.birthDateTime': 'Tanggal dan jam lahir',
  'field.offset': 'Zona waktu',
  'field.child.birthPlace': 'Tempat lahir',
  'field.child.birthOrder': 'Anak ke-',
  'field.child.weightGrams': 'Berat (gram)',
  'field.child.lengthCm': 'Panjang (cm)',
  'field.mother.nik': 'NIK ibu',
  'field.father.nik': 'NIK ayah',
  'field.familyCardNumber': 'Nomor KK',
  'field.marriageCertificateNumber': 'Nomor akta/buku nikah',
  'field.attendant.type': 'Penolong persalinan',
  'field.attendant.name': 'Nama penolong',
  'field.contactPhone': 'Nomor HP orang tua',
  'sex.MALE': 'Laki-laki',
  'sex.FEMALE': 'Perempuan',
  'attendant.DOCTOR': 'Dokter',
  'attendant.MIDWIFE': 'Bidan',
  'attendant.NURSE': 'Perawat',
  'attendant.OTHER': 'Lainnya',
  'hospital.title': 'Laporkan kelahiran',
  'hospital.submit': 'Kirim pemberitahuan',
  'hospital.sent': 'Terkirim. Kode akses orang tua: {code}',
  'hospital.fix': 'Periksa isian yang ditandai.',
  'hospital.list': 'Pemberitahuan yang sudah dikirim',
  'hospital.listEmpty': 'Belum ada pemberitahuan.',
  'hospital.code': 'Kode akses',
  'hospital.slip': 'Cetak slip',
  'hospital.reason': 'Alasan',
  'hospital.submitted': 'Dikirim',
  'slip.title': 'Slip untuk orang tua',
  'slip.text': 'Pindai kode QR atau buka alamat di bawah, lalu masukkan kode akses untuk melihat status dan mengunduh akta kelahiran, KK dan KIA anak Anda.',
  'slip.print': 'Cetak',
  'parents.title': 'Dokumen anak Anda',
  'parents.intro': 'Masukkan nomor pendaftaran dan kode akses dari slip rumah sakit.',
  'parents.id': 'Nomor pendaftaran',
  'parents.code': 'Kode akses',
  'parents.open': 'Lihat status',
  'parents.bundle': 'Unduh semua dokumen (satu PDF)',
  'parents.verify': 'Periksa keaslian',
  'parents.download': 'Unduh',
  'parents.downloading': 'Mengunduh… (bisa lama bila sinyal lemah)',
  'parents.wrong': 'Nomor pendaftaran atau kode akses salah.',
  'parents.tooMany': 'Terlalu banyak percobaan. Coba lagi nanti.',
  'status.RECEIVED': 'Pemberitahuan diterima, sedang diperiksa.',
  'status.AWAITING_APPROVAL': 'Menunggu persetujuan petugas Dukcapil (biasanya kurang dari 4 jam).',
  'status.ISSUING': 'Disetujui. Dokumen sedang diterbitkan.',
  'status.COMPLETED': 'Selesai. Akta kelahiran, KK dan KIA sudah terbit.',
  'status.REJECTED': 'Ditolak. Rumah sakit akan memperbaiki dan mengirim ulang.',
  'status.FAILED': 'Terjadi kendala. Hubungi Dukcapil.',
  'doc.BIRTH_CERTIFICATE': 'Akta kelahiran',
  'doc.FAMILY_CARD': 'Kartu Keluarga (KK)',
  'doc.CHILD_ID_CARD': 'Kartu Identitas Anak (KIA)',
  'common.status': 'Status',
  'common.error': 'Terjadi kesalahan: {message}',
  'common.signInFirst': 'Silakan masuk terlebih dahulu.',
  'common.loading': 'Memuat…',
  'common.back': 'Kembali',
  'duration.hm': '{h} j {m} mnt',
  'nav.dashboard': 'Dasbor',
  'search.title': 'Cari pendaftaran',
  'search.label': 'Nomor pendaftaran, NIK anak atau ibu, atau nomor akta',
  'search.submit': 'Cari',
  'search.none': 'Tidak ditemukan.',
  'search.child': 'Anak',
  'search.born': 'Tanggal lahir',
  'search.submitted': 'Dikirim',
  'search.matched': 'Cocok pada',
  'matched.REGISTRATION_ID': 'Nomor pendaftaran',
  'matched.CHILD_NIK': 'NIK anak',
  'matched.MOTHER_NIK': 'NIK ibu',
  'matched.AKTA_NUMBER': 'Nomor akta',
  'history.title': 'Riwayat kasus {id}',
  'history.open': 'Riwayat lengkap dan jejak audit',
  'history.when': 'Waktu',
  'history.what': 'Kejadian',
  'history.who': 'Oleh',
  'history.detail': 'Keterangan',
  'history.truncated': 'Hanya 1000 catatan audit pertama yang ditampilkan.',
  'actor.hospital': 'Rumah sakit',
  'actor.registrar': 'Petugas',
  'actor.parent': 'Orang tua',
  'actor.public': 'Publik',
  'actor.system': 'Sistem',
  'event.BIRTH_SUBMITTED': 'Pemberitahuan kelahiran dikirim',
  'event.DECISION_RECORDED': 'Keputusan petugas dicatat',
  'event.DOCUMENT_DOWNLOADED': 'Dokumen diunduh',
  'event.BUNDLE_DOWNLOADED': 'Semua dokumen diunduh',
  'event.ACCESS_CODE_REJECTED': 'Kode akses salah',
  'dash.title': 'Dasbor',
  'dash.window': '{days} hari terakhir: {from} s.d. {to}',
  'dash.perDay': 'Kelahiran tercatat per hari',
  'dash.perDayDesc': 'Jumlah kelahiran yang dokumennya terbit, per hari (WIB). Total {total}.',
  'dash.median': 'Median waktu dari pemberitahuan sampai dokumen',
  'dash.minutes': '{n} menit',
  'dash.none': 'Belum ada data',
  'dash.shares': 'Janji layanan',
  'dash.within4h': 'Diputuskan dalam 4 jam',
  'dash.within60d': 'Dicatat dalam 60 hari sejak lahir',
  'dash.pending': 'Menunggu keputusan, menurut lama menunggu',
  'dash.under1h': 'Kurang dari 1 jam',
  'dash.from1hTo4h': '1–4 jam',
  'dash.over4h': 'Lebih dari 4 jam',
  'dash.date': 'Tanggal',
  'dash.count': 'Jumlah',
  'dash.measure': 'Ukuran',
  'dash.value': 'Nilai',
  'dash.ofTotal': '{count} dari {total}',
  'dash.table': 'Tabel data',  'event.ACCESS_CODE_REISSUED': 'Kode akses diterbitkan ulang',
  'event.DOCUMENT_VERIFIED': 'Keaslian dokumen diperiksa',
  'event.REGISTRATIONS_SEARCHED': 'Pencarian pendaftaran',
  'outcome.DENIED': 'ditolak',
  'outcome.VALID': 'sah',
  'outcome.INVALID': 'tidak sah',
  'detail.generation': 'Kode ke-{n}',
  'detail.results': '{n} hasil',
  'detail.malformed': 'nomor verifikasi tidak valid',
  'search.hint': 'Cari dengan nomor pendaftaran, NIK (16 angka), nomor akta, atau nama anak atau ibu.',
  'queue.mother': 'Ibu',
  'queue.shown': 'Menampilkan {from}–{to} dari {total} kasus',
  'queue.shownOpen': 'Menampilkan {from}–{to}; masih ada di halaman berikutnya',
  'queue.shownAll': 'Menampilkan {from}–{to}',
  'queue.prev': '← Halaman sebelumnya',
  'queue.next': 'Halaman berikutnya →',
  'queue.pager': 'Halaman antrean',
  'queue.noMatch': 'Tidak ada kasus yang cocok dengan saringan.',
  'filter.title': 'Saring antrean',
  'filter.facility': 'Faskes',
  'filter.check': 'Temuan pemeriksaan',
  'filter.overdue': 'Hanya yang lewat 4 jam',
  'filter.decider': 'Yang boleh memutuskan',
  'filter.q': 'Nama anak atau ibu',
  'filter.all': 'Semua',
  'filter.apply': 'Terapkan',
  'filter.clear': 'Hapus saringan',
  'filter.localOnly': 'Layanan ini belum menyaring di server: saringan hanya berlaku pada halaman yang tampil.',
  'decider.registrar': 'Petugas registrasi',
  'decider.head': 'Kepala Dinas (pencatatan terlambat)',
  'case.loading': 'Memuat kasus…',
  'case.noData': 'Data pemberitahuan kasus ini tidak dapat dimuat, jadi keputusan tidak dapat diambil di sini. Muat ulang halaman atau buka dari antrean.',
  'case.reload': 'Muat ulang kasus',
  'case.related': 'Buka kasus lain dari ibu yang sama',
  'case.mother': 'Nama ibu (data kependudukan)',
  'case.waiting': 'Menunggu sejak',
  'confirm.title': 'Setujui dan terbitkan dokumen?',
  'confirm.intro': 'Setelah disetujui, sistem langsung menerbitkan untuk {name}:',
  'confirm.nik': 'NIK anak',
  'confirm.kk': 'Kartu Keluarga {kk} dicetak ulang dengan anak ini',
  'confirm.akta': 'Akta kelahiran (ditandatangani secara elektronik)',
  'confirm.kia': 'Kartu Identitas Anak (KIA)',
  'confirm.final': 'Keputusan ini tidak dapat dibatalkan di sini; kesalahan kemudian diperbaiki melalui pembetulan akta.',
  'confirm.yes': 'Ya, setujui dan terbitkan',
  'confirm.cancel': 'Batal',
  'decided.approved': 'Disetujui. Dokumen sedang diterbitkan.',
  'decided.rejected': 'Ditolak. Rumah sakit melihat alasannya.',
  'decided.next': 'Kasus berikutnya: {name}',
  'decided.none': 'Antrean kosong: tidak ada kasus lain yang menunggu.',
  'decided.queue': 'Kembali ke antrean',
  'nav.followUp': 'Tindak lanjut',
  'followup.title': 'Perlu tindak lanjut',
  'followup.intro': 'Pendaftaran yang berakhir tanpa dokumen: ditolak atau gagal. Hubungi rumah sakit atau keluarga bila perlu.',
  'followup.empty': 'Tidak ada kasus yang perlu ditindaklanjuti.',
  'followup.unavailable': 'Daftar tindak lanjut belum tersedia di layanan ini.',
  'followup.ended': 'Berakhir',
  'followup.why': 'Sebab',
  'followup.status': 'Tampilkan',
  'followup.both': 'Ditolak dan gagal',
  'outbox.title': 'Menunggu sinyal',
  'outbox.waiting': 'Belum ada sambungan internet. Pemberitahuan ini tersimpan di perangkat ini dan terkirim otomatis begitu ada sinyal; halaman ini boleh ditutup.',
  'outbox.queuedAt': 'disimpan',
  'outbox.queuedTitle': 'Menunggu sinyal',
  'outbox.queuedBody': 'Pemberitahuan kelahiran {name} tersimpan dan akan dikirim otomatis begitu ada sinyal. Kode akses orang tua muncul setelah terkirim.',
  'outbox.sent': 'Terkirim setelah sinyal kembali: {name}. Kode akses orang tua: {code}',
  'outbox.refused': 'Pemberitahuan dari antrean kirim ditolak layanan: periksa isian, lalu kirim lagi.',
  'session.expired': 'Sesi berakhir, silakan masuk lagi. Isian Anda tetap tersimpan.',
  'error.offline': 'Tidak ada sambungan internet. Periksa sinyal, lalu coba lagi.',
  'error.forbidden': 'Anda tidak berhak melakukan ini.',
  'error.notFound': 'Data tidak ditemukan.',
  'error.conflict': 'Pendaftaran ini sudah diputuskan atau berubah sejak halaman dibuka.',
  'error.gone': 'Batas waktu keputusan untuk pendaftaran ini sudah habis.',
  'error.tooMany': 'Terlalu banyak permintaan. Coba lagi sebentar lagi.',
  'error.server': 'Layanan sedang bermasalah. Coba lagi beberapa saat lagi.',
  'error.invalid': 'Permintaan tidak dapat diproses; periksa isian.',
  'error.tooLarge': 'Isian terlalu besar untuk dikirim.',
  'error.unknown': 'Terjadi kesalahan. Coba lagi.',
  'summary.title': 'Ada masalah',
  'issue.REQUIRED': 'Wajib diisi.',
  'issue.TOO_LONG': 'Terlalu panjang.',
  'issue.NAME_CHARACTERS': "Gunakan huruf, spasi dan tanda . , ' - saja.",
  'issue.CHILD_NAME_RULES': 'Nama anak paling banyak 60 huruf termasuk spasi, tanpa angka dan tanpa tanda baca.',
  'issue.NOTIFICATION_ID': 'Hanya huruf, angka dan tanda . _ : / - (diawali huruf atau angka).',
  'issue.SEX': 'Pilih laki-laki atau perempuan.',
  'issue.DATETIME': 'Isi tanggal dan jam lahir.',
  'issue.DATE_IMPOSSIBLE': 'Tanggal ini tidak ada di kalender.',
  'issue.BIRTH_IN_FUTURE': 'Tanggal lahir tidak boleh di masa depan.',
  'issue.BIRTH_PLACE': 'Nama tempat (huruf) atau kode wilayah Kemendagri, misalnya 35.10.',
  'issue.BIRTH_ORDER': 'Anak ke- berupa bilangan bulat 1 sampai 30.',
  'issue.WHOLE_NUMBER': 'Isi bilangan bulat.',
  'issue.NUMBER': 'Isi angka.',
  'issue.WEIGHT_LOW': 'Di bawah 300 gram tidak dapat didaftarkan sebagai kelahiran hidup.',
  'issue.WEIGHT_HIGH': 'Di atas 7000 gram tidak wajar; periksa lagi.',
  'issue.LENGTH_RANGE': 'Panjang badan antara 20 dan 70 cm.',
  'issue.NIK_DIGITS': 'NIK terdiri dari tepat 16 angka.',
  'issue.NIK_INVALID': 'NIK tidak valid: bagian tanggal lahirnya (DDMMYY, +40 untuk perempuan) tidak mungkin.',
  'issue.KK_DIGITS': 'Nomor KK terdiri dari tepat 16 angka.',
  'issue.MARRIAGE_NUMBER': 'Huruf, angka dan tanda / . - saja, seperti tercetak di buku nikah.',
  'issue.ATTENDANT_TYPE': 'Pilih penolong persalinan.',
  'issue.PHONE': 'Nomor HP Indonesia, misalnya 081234567890.',
  'issue.MULTIPLE_COUNT': 'Kelahiran kembar: 2 sampai 8 bayi.',
  'issue.MULTIPLE_ORDER': 'Bayi ke- mulai dari 1 dan tidak melebihi jumlah bayi.',
  'issue.CONTROL_CHARACTERS': 'Ada karakter yang tidak diperbolehkan (baris baru atau karakter tak terlihat).',
  'issue.REASON_REQUIRED': 'Pilih alasan penolakan.',
  'issue.UNKNOWN_FIELD': 'Isian ini tidak dikenal.',
  'issue.INVALID': 'Isian ini belum benar; periksa lagi.',
  'issue.NOTIFICATION_ID_USED': 'Nomor referensi ini sudah dipakai untuk pemberitahuan lain; gunakan nomor baru.',
  'statusLabel.RECEIVED': 'Diterima',
  'statusLabel.AWAITING_APPROVAL': 'Menunggu keputusan',
  'statusLabel.ISSUING': 'Sedang diterbitkan',
  'statusLabel.COMPLETED': 'Selesai',
  'statusLabel.REJECTED': 'Ditolak',
  'statusLabel.FAILED': 'Gagal',
  'statusLabel.REVOKED': 'Dibatalkan',
  'step.RECEIVED': 'Pemberitahuan diterima',
  'step.VALIDATED': 'Diperiksa dengan data kependudukan',
  'step.AWAITING_APPROVAL': 'Menunggu keputusan petugas',
  'step.ESCALATED': 'Dieskalasi ke Kepala Dinas',
  'step.APPROVED': 'Disetujui petugas',
  'step.REJECTED': 'Ditolak',
  'step.NIK_ISSUED': 'NIK anak diterbitkan',
  'step.FAMILY_CARD_UPDATED': 'Kartu Keluarga diperbarui',
  'step.BIRTH_CERTIFICATE_ISSUED': 'Akta kelahiran diterbitkan',
  'step.CHILD_ID_CARD_ISSUED': 'KIA diterbitkan',
  'step.DOCUMENTS_ISSUED': 'Dokumen ditandatangani secara elektronik',
  'step.COMPLETED': 'Selesai',
  'step.FAILED': 'Gagal',
  'step.CORRECTED': 'Data dibetulkan (pembetulan akta)',
  'step.REVOKED': 'Registrasi dibatalkan (pembatalan)',
  'check.FAMILY_NOT_FOUND': 'KK tidak ditemukan',
  'check.OUT_OF_JURISDICTION': 'Di luar wilayah',
  'check.MOTHER_NOT_FOUND': 'NIK ibu tidak ditemukan',
  'check.MOTHER_NOT_IN_FAMILY': 'Ibu tidak ada di KK',
  'check.MOTHER_NOT_FEMALE': 'NIK ibu bukan perempuan',
  'check.MOTHER_AGE_IMPLAUSIBLE': 'Usia ibu tidak wajar',
  'check.FATHER_NOT_FOUND': 'NIK ayah tidak ditemukan',
  'check.FATHER_NOT_MALE': 'NIK ayah bukan laki-laki',
  'check.POSSIBLE_DUPLICATE': 'Mungkin laporan ganda',
  'check.LATE_REGISTRATION': 'Terlambat (lebih dari 60 hari)',
  'check.NO_MARRIAGE_RECORD': 'Tanpa akta nikah',
  'check.NAME_SINGLE_WORD': 'Nama anak hanya satu kata',
  'check.MULTIPLE_BIRTH_INCONSISTENT': 'Data kembar tidak konsisten',
  'check.MARRIAGE_NOT_RECORDED': 'Perkawinan belum tercatat (SPTJM)',
  'check.FAMILY_CARD_FROM_REGISTRY': 'KK diambil dari database kependudukan',
  'severity.ERROR': 'Kesalahan',
  'severity.WARNING': 'Perhatian',
  'severity.INFO': 'Informasi',
  'issued.nik': 'NIK anak',
  'issued.familyCardNumber': 'Nomor KK',
  'issued.familyCardVersion': 'Versi KK',
  'issued.birthCertificateNumber': 'Nomor akta kelahiran',
  'issued.birthCertificateIssuedOn': 'Tanggal akta',
  'issued.childIdCardNumber': 'Nomor KIA',
  'issued.childIdCardKind': 'Jenis KIA',
  'issued.childIdCardValidThrough': 'KIA berlaku sampai',
  'kia.KIA_0_5': 'KIA anak 0–5 tahun (tanpa foto)',
  'kia.KIA_5_17': 'KIA anak 5–17 tahun (dengan foto)',
  'verdict.APPROVE': 'Disetujui',
  'verdict.REJECT': 'Ditolak',
  'failure.ApprovalExpired': 'Batas waktu keputusan petugas habis.',
  'failure.ProcessingFailed': 'Pemrosesan gagal di sistem.',
  'failure.other': 'Pemrosesan berhenti karena kendala sistem.',
  'source.REGISTRY_CHECKS': 'Pemeriksaan data kependudukan',
  'source.REGISTRAR': 'Petugas Dukcapil',
  'facility.unknown': 'Fasilitas kesehatan lain',
  'form.required': '(wajib)',
  'form.optional': '(jika ada)',
  'form.choose': 'Pilih…',
  'section.child': 'Bayi',
  'section.mother': 'Ibu',
  'section.father': 'Ayah',
  'section.birth': 'Persalinan',
  'hint.notificationId': 'Nomor rekam medis atau nomor register persalinan di fasilitas Anda.',
  'hint.child.name': 'Paling banyak 60 huruf termasuk spasi, tanpa angka dan tanda baca, tidak disingkat: nama yang dipilih orang tua.',
  'hint.child.birthDateTime': 'Jam setempat di tempat lahir.',
  'hint.child.birthPlace': 'Nama kota/desa atau kode wilayah, misalnya 35.10.',
  'hint.child.birthOrder': 'Urutan anak dari ibu ini, termasuk kakak-kakaknya.',
  'hint.child.weightGrams': 'Dalam gram, misalnya 3050.',
  'hint.child.lengthCm': 'Dalam sentimeter, misalnya 48,5.',
  'hint.mother.nik': '16 angka, tertera di KTP-el dan KK ibu.',
  'hint.father.nik': 'Kosongkan jika ayah tidak dicantumkan.',
  'hint.familyCardNumber': '16 angka, KK tempat anak akan dicatat.',
  'hint.marriageCertificateNumber': 'Seperti tercetak di buku nikah, misalnya 0123/045/XI/2020.',
  'hint.contactPhone': 'Untuk SMS saat dokumen terbit, misalnya 081234567890.',
  'field.multiple': 'Kelahiran kembar?',
  'multiple.no': 'Tidak, kelahiran tunggal',
  'multiple.yes': 'Ya, kembar',
  'field.child.multipleBirth.count': 'Jumlah bayi yang lahir',
  'field.child.multipleBirth.order': 'Bayi ini lahir ke-',
  'sent.title': 'Pemberitahuan terkirim',
  'sent.body': 'Kelahiran {name} tercatat. Nomor pendaftaran: {id}.',
  'sent.code': 'Kode akses orang tua',
  'sent.another': 'Laporkan kelahiran berikutnya',
  'hospital.resubmit': 'Perbaiki & kirim ulang',
  'hospital.resubmitNote': 'Isian diambil dari pemberitahuan yang ditolak. Perbaiki yang perlu, lalu kirim dengan nomor referensi baru.',
  'slip.child': 'Nama anak',
  'slip.born': 'Tanggal lahir',
  'slip.hospital': 'Tempat melapor',
  ...amendmentMessagesId,
  ...parentsMessagesId,
} as const;

export type MessageKey = keyof typeof id;


export type Lang = 'id' | 'en';
/**
 * The tables loaded so far: Indonesian (the default) always; English once chosen (messages-en.ts,
 * its own chunk, so the Indonesian console never downloads it: i18n.ts loadLanguage).
 */
const TABLES: Partial<Record<Lang, Record<MessageKey, string>>> = { id };

export function addTable(lang: Lang, table: Record<MessageKey, string>): void {
  TABLES[lang] = table;
}
export const hasTable = (lang: Lang): boolean => TABLES[lang] !== undefined;

/** `key` in `lang`, or in Indonesian while the English table is still on its way. */
export function format(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return (TABLES[lang] ?? id)[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** A key known only at run time (a status, a check code): undefined when the table has none. */
export function keyOf(prefix: string, value: string): MessageKey | undefined {
  const key = `${prefix}.${value}`;
  return key in id ? (key as MessageKey) : undefined;
}

// ── Validation issues ───────────────────────────────────────────────────────────────────────────

export type IssueCode = { [K in MessageKey]: K extends `issue.${infer C}` ? C : never }[MessageKey];

/**
 * The API's English messages (api/requests.ts) by the code the console shows for them: the fallback
 * for an API whose issues carry no `code` yet. An English message not listed here is never shown on
 * an Indonesian page: the issue's field gets the generic INVALID text.
 */
export const ENGLISH_MESSAGES: Record<string, IssueCode> = {
  Required: 'REQUIRED',
  'Required when given': 'REQUIRED',
  'Required when rejecting': 'REQUIRED',
  'At most 120 characters': 'TOO_LONG',
  'At most 80 characters': 'TOO_LONG',
  'At most 64 characters': 'TOO_LONG',
  'At most 32 characters': 'TOO_LONG',
  'At most 1000 characters': 'TOO_LONG',
  "Use letters, spaces and . , ' - only": 'NAME_CHARACTERS',
  'Letters, digits and . _ : / - only': 'NOTIFICATION_ID',
  'MALE or FEMALE': 'SEX',
  'Use ISO 8601 with an offset, e.g. 2026-11-20T08:15:00+07:00': 'DATETIME',
  'Not a real calendar date': 'DATE_IMPOSSIBLE',
  'A birth cannot be in the future': 'BIRTH_IN_FUTURE',
  "A place name (letters, spaces and . , ' -) or a Kemendagri region code such as 35.10": 'BIRTH_PLACE',
  'A whole number': 'WHOLE_NUMBER',
  'Whole grams': 'WHOLE_NUMBER',
  'Starts at 1 (anak ke-1)': 'BIRTH_ORDER',
  'At most 30': 'BIRTH_ORDER',
  'Below 300 g is not a live birth we can register': 'WEIGHT_LOW',
  'Above 7000 g is implausible': 'WEIGHT_HIGH',
  'At least 20 cm': 'LENGTH_RANGE',
  'At most 70 cm': 'LENGTH_RANGE',
  'A NIK has exactly 16 digits': 'NIK_DIGITS',
  'Not a valid NIK: the date part (DDMMYY, +40 for women) is impossible': 'NIK_INVALID',
  'A family card (KK) number has exactly 16 digits': 'KK_DIGITS',
  'Letters, digits and / . - only, as printed by the KUA': 'MARRIAGE_NUMBER',
  'DOCTOR, MIDWIFE, NURSE or OTHER': 'ATTENDANT_TYPE',
  'An Indonesian mobile number, e.g. +6281234567890 or 081234567890': 'PHONE',
  'A multiple birth has at least 2 children': 'MULTIPLE_COUNT',
  'At most 8': 'MULTIPLE_COUNT',
  'Order starts at 1': 'MULTIPLE_ORDER',
  'Order cannot exceed count': 'MULTIPLE_ORDER',
  'Not well-formed Unicode (a lone surrogate)': 'CONTROL_CHARACTERS',
  'Control or format characters (line breaks, escapes, direction overrides, zero-width) are not allowed': 'CONTROL_CHARACTERS',
  'A rejection needs a reason': 'REASON_REQUIRED',
};

/** The API's own issue codes (api/messages.ts) that the console words itself, by the console's code. */
const CODE_ALIASES: Record<string, IssueCode> = {
  REQUIRED_WHEN_GIVEN: 'REQUIRED',
  NOTIFICATION_ID_CHARACTERS: 'NOTIFICATION_ID',
  SEX_INVALID: 'SEX',
  BIRTH_DATE_TIME_FORMAT: 'DATETIME',
  DATE_NOT_REAL: 'DATE_IMPOSSIBLE',
  BIRTH_PLACE_FORMAT: 'BIRTH_PLACE',
  BIRTH_ORDER_MIN: 'BIRTH_ORDER',
  MULTIPLE_BIRTH_MIN_COUNT: 'MULTIPLE_COUNT',
  MULTIPLE_BIRTH_ORDER_MIN: 'MULTIPLE_ORDER',
  MULTIPLE_BIRTH_ORDER_EXCEEDS_COUNT: 'MULTIPLE_ORDER',
  WHOLE_GRAMS: 'WHOLE_NUMBER',
  WEIGHT_TOO_LOW: 'WEIGHT_LOW',
  WEIGHT_TOO_HIGH: 'WEIGHT_HIGH',
  LENGTH_TOO_SMALL: 'LENGTH_RANGE',
  LENGTH_TOO_BIG: 'LENGTH_RANGE',
  FAMILY_CARD_DIGITS: 'KK_DIGITS',
  NIK_DATE_IMPOSSIBLE: 'NIK_INVALID',
  MARRIAGE_NUMBER_CHARACTERS: 'MARRIAGE_NUMBER',
  ATTENDANT_TYPE_INVALID: 'ATTENDANT_TYPE',
  PHONE_FORMAT: 'PHONE',
  TEXT_NOT_WELL_FORMED: 'CONTROL_CHARACTERS',
  TEXT_CONTROL_CHARACTERS: 'CONTROL_CHARACTERS',
  REJECTION_NEEDS_REASON: 'REASON_REQUIRED',
  INVALID_TYPE: 'INVALID',
};

export interface ApiIssue {
  readonly path: string;
  readonly message: string;
  readonly code?: string;
}

/**
 * The code the console shows an issue with: the API's own `code` when the table has it, else the
 * code of its known English message, else zod's wording of a missing or mistyped value, else INVALID.
 */
export function issueCode(issue: ApiIssue): IssueCode {
  if (issue.code && keyOf('issue', issue.code)) return issue.code as IssueCode;
  if (issue.code && CODE_ALIASES[issue.code]) return CODE_ALIASES[issue.code]!;
  const known = ENGLISH_MESSAGES[issue.message.replace(/\.$/, '')];
  if (known) return known;
  if (/received undefined/i.test(issue.message)) return 'REQUIRED';
  if (/expected (int|number)/i.test(issue.message)) return 'NUMBER';
  if (/^Unrecognized key/i.test(issue.message)) return 'UNKNOWN_FIELD';
  if (/too big|at most/i.test(issue.message)) return 'TOO_LONG';
  return 'INVALID';
}

/**
 * The issue's text in `lang`. The API's own message is shown as it is only when the API answered in
 * that language (`Content-Language`) and the table has no text for its code; everything else comes
 * from the table, so an Indonesian page never shows the API's English.
 */
export function issueText(issue: ApiIssue, lang: Lang, answeredIn?: string): string {
  const code = issueCode(issue);
  // An API that sends codes words its messages in the language asked for (Accept-Language).
  const sameLanguage = answeredIn ? answeredIn.toLowerCase().startsWith(lang) : issue.code !== undefined;
  if (code === 'INVALID' && sameLanguage && issue.message && !RAW_CODE_TEST.test(issue.message)) return issue.message;
  return format(lang, `issue.${code}`);
}

// ── HTTP errors ─────────────────────────────────────────────────────────────────────────────────

/** What an HTTP status tells the user (never the API's own English `error`). 0: no connection. */
export function statusMessage(status: number): MessageKey {
  if (status === 0) return 'error.offline';
  if (status === 400) return 'error.invalid';
  if (status === 403) return 'error.forbidden';
  if (status === 404) return 'error.notFound';
  if (status === 409) return 'error.conflict';
  if (status === 410) return 'error.gone';
  if (status === 413) return 'error.tooLarge';
  if (status === 429) return 'error.tooMany';
  if (status >= 500) return 'error.server';
  return 'error.unknown';
}

const RAW_CODE_TEST = /(?<![\w-])[A-Z]{2,}(?:_[A-Z0-9]+)+(?![\w-])|\((?:MALE|FEMALE|DOCTOR|MIDWIFE|NURSE|OTHER|APPROVE|REJECT)\)/;
