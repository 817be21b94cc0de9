/**
 * The parents' page's next steps (issue 16 item 6): for every status a parent can see, what is
 * happening and what to do, and where the office's contact helps (web/src/parents-next.ts chooses,
 * web/src/pages/parents-next-steps.ts draws). Spread into messages.ts (Indonesian) and, from parents-messages-en.ts, into messages-en.ts (the English chunk).
 * The office's own name, address and hours come from config.json (settings `officeContact`).
 */
export const parentsMessagesId = {
  'parents.next.title': 'Apa yang terjadi sekarang',
  'parents.status.REJECTED': 'Pendaftaran ditolak.',
  'parents.status.unknown': 'Status pendaftaran belum dapat ditampilkan di sini.',
  'parents.status.COMPLETED.noKia': 'Selesai. Akta kelahiran dan KK sudah terbit.',
  'parents.reasonLabel': 'Alasan: {reason}',
  'parents.reason.REGISTRY_CHECKS': 'Data tidak sesuai dengan data kependudukan',
  'parents.next.RECEIVED':
    'Rumah sakit sudah melaporkan kelahiran. Datanya sedang dicocokkan dengan data kependudukan, biasanya dalam beberapa menit. Anda tidak perlu melakukan apa pun.',
  'parents.next.AWAITING_APPROVAL':
    'Petugas Dinas Dukcapil memeriksa data dan memutuskan, biasanya kurang dari 4 jam. Setelah disetujui, akta kelahiran, KK dan KIA terbit dan Anda mendapat SMS. Anda tidak perlu datang ke kantor.',
  'parents.next.late':
    'Kelahiran dilaporkan lebih dari 60 hari setelah lahir (pendaftaran terlambat), jadi yang memutuskan adalah Kepala Dinas Dukcapil. Ini bisa lebih lama dari 4 jam; Anda mendapat SMS setelah diputuskan. Anda tidak perlu datang ke kantor kecuali dihubungi petugas.',
  'parents.next.ISSUING':
    'Pendaftaran sudah disetujui. Akta kelahiran, KK dan KIA sedang diterbitkan dan ditandatangani secara elektronik, biasanya dalam beberapa menit. Buka halaman ini lagi sebentar lagi.',
  'parents.next.COMPLETED':
    'Unduh dokumen di bawah dan simpan salinannya. Anda boleh mencetaknya sendiri di kertas A4 biasa: dokumen ini sah karena bertanda tangan elektronik (TTE), tanpa cap basah. Siapa pun bisa memeriksa keasliannya lewat kode QR. Periksa ejaan nama anak; bila ada yang salah, ajukan pembetulan di bawah.',
  'parents.next.kiaCard': 'Kartu KIA dicetak dan diserahkan oleh kantor Dinas Dukcapil; PDF-nya adalah salinan digital kartu itu.',
  'parents.next.kiaPhoto':
    'Untuk KIA: datang ke kantor Dinas Dukcapil bersama anak, bawa akta kelahiran dan KK yang sudah diunduh. Anak difoto di kantor, lalu KIA diterbitkan.',
  'parents.next.ktp': 'Anak yang sudah berusia 17 tahun merekam data KTP-el di kantor Dinas Dukcapil (bawa KK dan akta kelahiran).',
  'parents.next.rejected.hospital':
    'Rumah sakit akan memperbaiki data dan mengirim pemberitahuan baru; Anda akan mendapat slip dan kode akses baru dari rumah sakit. Siapkan KK dan KTP-el ayah dan ibu bila rumah sakit memintanya. Bila 3 hari kerja belum ada kabar, hubungi rumah sakit, atau datang ke kantor Dinas Dukcapil dengan dokumen berikut.',
  'parents.next.rejected.DOCUMENTS_MISSING':
    'Dokumen pendukung belum lengkap. Rumah sakit akan menghubungi Anda; Anda juga boleh langsung datang ke kantor Dinas Dukcapil dengan dokumen berikut.',
  'parents.next.rejected.DUPLICATE':
    'Kelahiran ini sudah tercatat lewat pemberitahuan lain, biasanya pemberitahuan ulang dari rumah sakit. Buka pendaftaran itu dengan nomor dan kode akses dari slipnya. Bila Anda tidak punya slip lain, hubungi kantor Dinas Dukcapil.',
  'parents.next.rejected.OUT_OF_AREA':
    'Kartu Keluarga Anda terdaftar di kabupaten/kota lain, dan akta kelahiran diterbitkan oleh Dinas Dukcapil tempat KK terdaftar. Kantor ini tidak dapat menerbitkannya: datanglah ke Dinas Dukcapil kabupaten/kota Anda sendiri dengan dokumen berikut.',
  'parents.next.rejected.OTHER':
    'Petugas belum dapat menyetujui pendaftaran ini. Rumah sakit akan menghubungi Anda; bila perlu, hubungi kantor Dinas Dukcapil atau datang dengan dokumen berikut.',
  'parents.next.FAILED':
    'Pendaftaran terhenti karena kendala dalam pemrosesan. Ini bukan kesalahan Anda: petugas Dinas Dukcapil menanganinya, dan Anda maupun rumah sakit tidak perlu mengirim ulang. Bila dalam 2 hari kerja belum selesai, hubungi kantor.',
  'parents.next.REVOKED':
    'Pendaftaran ini dibatalkan oleh Kepala Dinas Dukcapil (misalnya karena tercatat dua kali). Akta kelahiran, KK dan KIA dari pendaftaran ini tidak berlaku lagi: jangan dipakai; pemeriksaan kode QR-nya menjawab bahwa dokumen dibatalkan. Hubungi kantor untuk mengetahui alasannya dan dokumen mana yang berlaku.',
  'parents.bring.title': 'Dokumen yang dibawa',
  'parents.bring.birthLetter': 'Surat keterangan lahir dari rumah sakit, puskesmas atau bidan',
  'parents.bring.familyCard': 'Kartu Keluarga (KK)',
  'parents.bring.idCards': 'KTP-el ayah dan ibu',
  'parents.bring.marriage': 'Buku nikah atau akta perkawinan (atau SPTJM)',
  'parents.kia.title': 'KIA (Kartu Identitas Anak)',
  'parents.contact.title': 'Kontak kantor',
  'parents.contact.address': 'Alamat',
  'parents.contact.phone': 'Telepon',
  'parents.contact.whatsApp': 'WhatsApp',
  'parents.contact.email': 'Email',
  'parents.contact.hours': 'Jam layanan',
  'parents.contact.quote': 'Sebutkan nomor pendaftaran Anda saat menghubungi kantor.',
  'parents.contact.none': 'Hubungi kantor Dinas Dukcapil kabupaten/kota Anda.',
} as const;
