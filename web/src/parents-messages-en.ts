import type { parentsMessagesId } from './parents-messages.js';

/** The English of parents-messages.ts (its keys, every one), spread into messages-en.ts: in the English chunk only. */
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
