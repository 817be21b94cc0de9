import type { ParentRegistrationView, RegistrationView } from '../../api/schemas.js';
import { readConfig } from '../shared/config.js';
import { json, pathParameter, publicHandler } from '../shared/http.js';
import { openRegistration } from '../shared/registration-access.js';
import { CHILD_ID_CARD_NOTES, childIdCardIssued, ChildIdCardStatus } from '../../domain/child-id-card.js';
import { hospitalVisibleChecks } from '../../domain/registry-checks.js';
import { hospitalRejection, parentRejectionReason, publicFailure } from '../shared/public-view.js';
import { timelineOf, type Registration } from '../shared/registration.js';

const config = readConfig();

/** Who reads the view: registrars see the officers and the internal error; hospitals neither. */
export type Audience = 'registrar' | 'hospital';

/** The public view of a registration: no access-code hash, tokens or internal keys. */
export function registrationView(r: Registration, audience: Audience = 'registrar'): RegistrationView {
  const registrar = audience === 'registrar';
  const issuedComplete =
    r.issued.nik && r.issued.familyCardNumber && r.issued.birthCertificateNumber && (r.issued.childIdCardNumber || !childIdCardIssued(r.issued));
  return {
    registrationId: r.registrationId,
    notificationId: r.notificationId,
    facilityId: r.facilityId,
    status: r.status,
    submittedAt: r.createdAt,
    updatedAt: r.updatedAt,
    timeline: timelineOf(r, registrar),
    checks: registrar ? (r.checks ?? []) : hospitalVisibleChecks(r.checks ?? []),
    ...(r.decision ? { decision: { decision: r.decision.decision, at: r.decision.at, ...(r.decision.reason ? { reason: r.decision.reason } : {}) } } : {}),
    ...(r.rejection
      ? { rejection: registrar ? { source: r.rejection.source, reason: r.rejection.reason, ...(r.rejection.codes ? { codes: [...r.rejection.codes] } : {}) } : hospitalRejection(r.rejection) }
      : {}),
    ...(r.failure ? { failure: { error: registrar ? r.failure.error : publicFailure(r.failure.error), at: r.failure.at } } : {}),
    ...(r.status === 'COMPLETED' && issuedComplete
      ? {
          issued: {
            nik: r.issued.nik,
            familyCardNumber: r.issued.familyCardNumber,
            familyCardVersion: r.issued.familyCardVersion,
            birthCertificateNumber: r.issued.birthCertificateNumber,
            birthCertificateIssuedOn: r.issued.birthCertificateIssuedOn,
            ...(r.issued.childIdCardNumber ? { childIdCardNumber: r.issued.childIdCardNumber } : {}),
            ...(r.issued.childIdCardKind ? { childIdCardKind: r.issued.childIdCardKind } : {}),
            ...(r.issued.childIdCardValidThrough ? { childIdCardValidThrough: r.issued.childIdCardValidThrough } : {}),
            childIdCardStatus: r.issued.childIdCardStatus ?? ChildIdCardStatus.ISSUED,
          },
        }
      : {}),
  };
}

/** What parents see with their access code: where the case stands, and the numbers once issued. */
export function parentView(r: Registration): ParentRegistrationView {
  const view = registrationView(r, 'hospital');
  return {
    registrationId: view.registrationId,
    status: view.status,
    submittedAt: view.submittedAt,
    updatedAt: view.updatedAt,
    timeline: view.timeline,
    ...(r.rejection ? { rejection: { reason: parentRejectionReason(r.rejection) } } : {}),
    ...('issued' in view ? { issued: view.issued, documentsUrl: `/v1/births/${r.registrationId}/documents` } : {}),
    ...('issued' in view && r.issued.childIdCardStatus && r.issued.childIdCardStatus !== ChildIdCardStatus.ISSUED
      ? { childIdCardNote: CHILD_ID_CARD_NOTES[r.issued.childIdCardStatus] }
      : {}),
  };
}

/**
 * GET /v1/births/{registrationId}: the submitting hospital, any registrar, or the parents with their
 * access code (X-Access-Code). Another hospital gets 404, not 403; a wrong code 401 (throttled).
 */
export const handler = publicHandler(async (event) => {
  const registrationId = pathParameter(event, 'registrationId');
  const { caller, registration } = await openRegistration(config.TABLE_NAME, event, registrationId);
  return json(200, caller.kind === 'parent' ? parentView(registration) : registrationView(registration, caller.kind === 'registrar' ? 'registrar' : 'hospital'));
});
