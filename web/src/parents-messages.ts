/**
 * The parents' page's next steps (issue 16 item 6): for every status a parent can see, what is
 * happening and what to do, and where the office's contact helps (web/src/parents-next.ts chooses,
 * web/src/pages/parents-next-steps.ts draws). Spread into messages.ts's tables in one line each.
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

export const parentsMessagesEn: Record<keyof typeof parentsMessagesId, string> = {
  'parents.next.title': 'What happens now',
  'parents.status.REJECTED': 'The registration was rejected.',
  'parents.status.unknown': 'The registration’s status cannot be shown here yet.',
  'parents.status.COMPLETED.noKia': 'Done. The birth certificate and family card are issued.',
  'parents.reasonLabel': 'Reason: {reason}',
  'parents.reason.REGISTRY_CHECKS': 'The data do not match the population registry',
  'parents.next.RECEIVED':
    'The hospital has reported the birth. Its data are being checked against the population registry, usually within a few minutes. You need to do nothing.',
  'parents.next.AWAITING_APPROVAL':
    'A registrar of the Dukcapil office checks the data and decides, usually in less than 4 hours. Once approved, the birth certificate, family card and child ID card are issued and you get a text message. You do not need to come to the office.',
  'parents.next.late':
    'The birth was reported more than 60 days after it happened (a late registration), so the head of the Dukcapil office decides. This can take longer than 4 hours; you get a text message once it is decided. You do not need to come to the office unless an officer contacts you.',
  'parents.next.ISSUING':
    'The registration is approved. The birth certificate, family card and child ID card are being issued and signed electronically, usually within a few minutes. Open this page again shortly.',
  'parents.next.COMPLETED':
    'Download the documents below and keep a copy. You may print them yourself on plain A4 paper: they are valid because they carry an electronic signature (TTE), no wet stamp needed. Anyone can check them through the QR code. Check the spelling of the child’s name; if something is wrong, ask for a correction below.',
  'parents.next.kiaCard': 'The KIA card itself is printed and handed out by the Dukcapil office; its PDF is the card’s digital copy.',
  'parents.next.kiaPhoto':
    'For the KIA: come to the Dukcapil office with the child, bringing the downloaded birth certificate and family card. The child is photographed there, then the KIA is issued.',
  'parents.next.ktp': 'A child of 17 or older records the KTP-el data at the Dukcapil office (bring the family card and birth certificate).',
  'parents.next.rejected.hospital':
    'The hospital will correct the data and send a new notification; you will get a new slip and access code from the hospital. Have the family card and both parents’ KTP-el ready in case the hospital asks. If there is no news within 3 working days, contact the hospital, or come to the Dukcapil office with the documents below.',
  'parents.next.rejected.DOCUMENTS_MISSING':
    'Supporting documents are missing. The hospital will contact you; you may also come straight to the Dukcapil office with the documents below.',
  'parents.next.rejected.DUPLICATE':
    'This birth is already recorded through another notification, usually a second one from the hospital. Open that registration with the number and access code on its slip. If you have no other slip, contact the Dukcapil office.',
  'parents.next.rejected.OUT_OF_AREA':
    'Your family card is registered in another regency or city, and the birth certificate is issued by the Dukcapil office where the family card is registered. This office cannot issue it: go to the Dukcapil office of your own regency or city with the documents below.',
  'parents.next.rejected.OTHER':
    'The registrar could not approve this registration. The hospital will contact you; if needed, contact the Dukcapil office or come with the documents below.',
  'parents.next.FAILED':
    'The registration stopped because of a processing problem. It is not your fault: Dukcapil staff are handling it, and neither you nor the hospital needs to send anything again. If it is not done within 2 working days, contact the office.',
  'parents.next.REVOKED':
    'This registration was revoked by the head of the Dukcapil office (for example because it was recorded twice). Its birth certificate, family card and child ID card are no longer valid: do not use them; a check of their QR code answers that they are revoked. Contact the office to learn why and which documents are valid.',
  'parents.bring.title': 'Documents to bring',
  'parents.bring.birthLetter': 'The birth letter from the hospital, puskesmas or midwife',
  'parents.bring.familyCard': 'The family card (KK)',
  'parents.bring.idCards': 'Both parents’ KTP-el',
  'parents.bring.marriage': 'The marriage book or certificate (or an SPTJM)',
  'parents.kia.title': 'KIA (child ID card)',
  'parents.contact.title': 'Office contact',
  'parents.contact.address': 'Address',
  'parents.contact.phone': 'Phone',
  'parents.contact.whatsApp': 'WhatsApp',
  'parents.contact.email': 'Email',
  'parents.contact.hours': 'Opening hours',
  'parents.contact.quote': 'Give your registration number when you contact the office.',
  'parents.contact.none': 'Contact the Dukcapil office of your regency or city.',
};
