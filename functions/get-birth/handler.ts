import { readConfig } from '../shared/config.js';
import { NotFoundError } from '../shared/errors.js';
import { httpHandler, json, pathParameter } from '../shared/http.js';
import { getRegistration, timelineOf, type Registration } from '../shared/registration.js';

const config = readConfig();

/** The public view of a registration: no access-code hash, tokens or internal keys. */
export function registrationView(r: Registration) {
  const issuedComplete = r.issued.nik && r.issued.familyCardNumber && r.issued.birthCertificateNumber && r.issued.childIdCardNumber;
  return {
    registrationId: r.registrationId,
    notificationId: r.notificationId,
    facilityId: r.facilityId,
    status: r.status,
    submittedAt: r.createdAt,
    updatedAt: r.updatedAt,
    timeline: timelineOf(r),
    checks: r.checks ?? [],
    ...(r.decision ? { decision: { decision: r.decision.decision, at: r.decision.at, ...(r.decision.reason ? { reason: r.decision.reason } : {}) } } : {}),
    ...(r.rejection ? { rejection: r.rejection } : {}),
    ...(r.failure ? { failure: { error: r.failure.error, at: r.failure.at } } : {}),
    ...(r.status === 'COMPLETED' && issuedComplete
      ? {
          issued: {
            nik: r.issued.nik,
            familyCardNumber: r.issued.familyCardNumber,
            familyCardVersion: r.issued.familyCardVersion,
            birthCertificateNumber: r.issued.birthCertificateNumber,
            birthCertificateIssuedOn: r.issued.birthCertificateIssuedOn,
            childIdCardNumber: r.issued.childIdCardNumber,
            childIdCardKind: r.issued.childIdCardKind,
            childIdCardValidThrough: r.issued.childIdCardValidThrough,
          },
        }
      : {}),
  };
}

/** GET /v1/births/{registrationId}: the submitting hospital or any registrar. Another hospital gets 404, not 403. */
export const handler = httpHandler(['hospital', 'registrar'], async (event, caller) => {
  const registrationId = pathParameter(event, 'registrationId');
  const registration = await getRegistration(config.TABLE_NAME, registrationId);
  if (!registration || (caller.kind === 'hospital' && registration.facilityId !== caller.facilityId)) {
    throw new NotFoundError('No such registration');
  }
  return json(200, registrationView(registration));
});
