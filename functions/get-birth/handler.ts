import type { AmendmentSummary, ParentRegistrationView, RegistrationView } from '../../api/schemas.js';
import type { Amendment } from '../shared/amendments.js';
import { batchGetItems } from '../shared/batch-get.js';
import { amendmentKey } from '../shared/keys.js';
import { approvalClock } from '../shared/approval-clock.js';
import { readConfig } from '../shared/config.js';
import { publicBaseUrl } from '../shared/document-http.js';
import { documentList } from '../shared/documents.js';
import { json, pathParameter, publicHandler, requestLanguage } from '../shared/http.js';
import type { Language } from '../../api/messages.js';
import { openRegistration } from '../shared/registration-access.js';
import { CHILD_ID_CARD_NOTES, childIdCardIssued, ChildIdCardStatus } from '../../domain/child-id-card.js';
import { decidableBy, hospitalVisibleChecks } from '../../domain/registry-checks.js';
import { hospitalRejection, parentRejection, publicFailure, registryRejectionReason } from '../shared/public-view.js';
import { timelineOf, type Registration } from '../shared/registration.js';

const config = readConfig();

/** Who reads the view: registrars see the officers and the internal error; hospitals neither. */
export type Audience = 'registrar' | 'hospital';

/** The public view of a registration: no access-code hash, tokens or internal keys. */
export function registrationView(r: Registration, audience: Audience = 'registrar', language: Language = 'en', amendments: readonly AmendmentSummary[] = []): RegistrationView {
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
    // The case page's data (registrars): the notification as received, with the mother's name from the registry.
    ...(registrar ? { notification: caseNotification(r) } : {}),
    ...(registrar && r.status === 'AWAITING_APPROVAL' ? { approval: approvalClock(r, Date.now()) } : {}),
    ...(r.decision
      ? {
          decision: {
            decision: r.decision.decision,
            at: r.decision.at,
            ...(r.decision.reason ? { reason: r.decision.reason } : {}),
            ...(r.decision.decreeNumber ? { decreeNumber: r.decision.decreeNumber } : {}),
          },
        }
      : {}),
    ...(r.rejection
      ? {
          rejection: registrar
            ? { source: r.rejection.source, reason: registryRejectionReason(r.rejection, language), ...(r.rejection.codes ? { codes: [...r.rejection.codes] } : {}) }
            : hospitalRejection(r.rejection, language),
        }
      : {}),
    ...(r.failure ? { failure: { error: registrar ? r.failure.error : publicFailure(r.failure.error), at: r.failure.at } } : {}),
    ...(amendments.length > 0 ? { amendments: [...amendments] } : {}),
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

/** The notification as the registrar decides on it: what the hospital sent (normalised) and the mother's registry name. */
function caseNotification(r: Registration) {
  const n = r.notification;
  return {
    child: n.child,
    mother: { nik: n.mother.nik, ...(r.motherName ? { name: r.motherName } : {}) },
    ...(n.father ? { father: n.father } : {}),
    // The card the child joins: as notified, or the mother's in the registry when the notification omitted it.
    ...((r.family?.familyCardNumber ?? n.familyCardNumber) ? { familyCardNumber: r.family?.familyCardNumber ?? n.familyCardNumber } : {}),
    ...(n.marriageCertificateNumber ? { marriageCertificateNumber: n.marriageCertificateNumber } : {}),
    ...(n.sptjm ? { sptjm: n.sptjm } : {}),
    attendant: n.attendant,
    ...(n.informant ? { informant: n.informant } : {}),
  };
}

/** What parents see with their access code: where the case stands, and the numbers once issued. */
export function parentView(r: Registration, language: Language = 'en', amendments: readonly AmendmentSummary[] = []): ParentRegistrationView {
  const view = registrationView(r, 'hospital', language, amendments);
  return {
    registrationId: view.registrationId,
    status: view.status,
    submittedAt: view.submittedAt,
    updatedAt: view.updatedAt,
    timeline: view.timeline,
    ...(r.rejection ? { rejection: parentRejection(r.rejection, language) } : {}),
    // Who decides while it waits: a late registration needs the head of office (the parents are told how long).
    ...(r.status === 'AWAITING_APPROVAL' ? { decidableBy: decidableBy(r.checks) } : {}),
    ...('issued' in view ? { issued: view.issued, documentsUrl: `/v1/births/${r.registrationId}/documents` } : {}),
    ...(view.amendments ? { amendments: view.amendments } : {}),
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
  const language = requestLanguage(event);
  const amendments = await amendmentsOf(registration);
  if (caller.kind !== 'parent') return json(200, registrationView(registration, caller.kind === 'registrar' ? 'registrar' : 'hospital', language, amendments));
  const view = parentView(registration, language, amendments);
  // Parents come on a phone: the documents in the same answer, so one request (and one use of the code) shows them.
  if (!view.documentsUrl) return json(200, view);
  const { documents, bundleUrl } = await documentList(config.TABLE_NAME, registrationId, publicBaseUrl(event));
  return json(200, { ...view, documents, bundleUrl } satisfies ParentRegistrationView);
});

/** The registration's amendments (corrections, revocations) with their status, oldest first: one BatchGet, none without any. */
async function amendmentsOf(registration: Registration): Promise<AmendmentSummary[]> {
  const ids = registration.amendmentIds ?? [];
  if (ids.length === 0) return [];
  const items = (await batchGetItems(config.TABLE_NAME, ids.map(amendmentKey), { consistentRead: true })) as (Amendment | undefined)[];
  return items.flatMap((a) =>
    a
      ? [
          {
            amendmentId: a.amendmentId,
            kind: a.kind,
            status: a.status,
            requestedAt: a.requestedAt,
            ...(a.decision ? { decidedAt: a.decision.at } : {}),
            ...(a.appliedAt ? { appliedAt: a.appliedAt } : {}),
            ...(a.reissued && a.reissued.length > 0 ? { reissued: a.reissued.map((r) => ({ ...r })) } : {}),
          },
        ]
      : [],
  );
}
