import * as z from 'zod';
import { DocumentType } from '../documents/content.js';
import type { WebhookEvent } from '../domain/notification-messages.js';
import { AMENDMENT_KINDS, AMENDMENT_STATUSES, type AmendmentKind, type AmendmentStatus } from '../domain/amendment.js';
import { NotificationEvent } from '../domain/notification-messages.js';
import { ChildIdCardStatus, KIA_KIND_UNDER_FIVE } from '../domain/child-id-card.js';
import { SEXES } from '../domain/nik.js';
import { SEVERITIES } from '../domain/registry-checks.js';
import { REJECTION_SOURCES, VERDICTS } from '../domain/verdict.js';
import { RegistrationStatus, STEPS } from '../domain/registration-lifecycle.js';
import { BirthNotificationSchema, DECIDERS, REJECTION_REASON_CODES } from './requests.js';
import { CapabilityStatementSchema, OperationOutcomeSchema } from './fhir/wire-schemas.js';

/**
 * The bodies the HTTP API answers with, once, as zod schemas. The OpenAPI document (api/openapi.ts)
 * is generated from them, and the handlers type what they return with `ResponseBody<...>`, so a
 * field added to a handler and not here (or the other way round) is a type error.
 *
 * Request bodies and query strings are in api/requests.ts, the schemas the handlers parse with; the
 * document uses those very objects.
 *
 * `.meta({description})` puts the text into the global zod registry, where z.toJSONSchema reads it.
 */

/** A handler's response body type: the schema's output, read-only all the way down (handlers build from readonly records). */
export type ResponseBody<S extends z.ZodType> = DeepReadonly<z.output<S>>;
type DeepReadonly<T> = T extends (infer E)[] ? readonly DeepReadonly<E>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

const Timestamp = z.iso.datetime().meta({ description: 'UTC timestamp, ISO 8601', examples: ['2026-11-20T01:20:31.512Z'] });
const IsoDate = z.iso.date();
const notification = BirthNotificationSchema.shape;
const RegistrationId = z.uuid().meta({ description: 'Assigned by the API when the notification is first accepted' });

export const RegistrationStatusSchema = z.enum(RegistrationStatus).meta({
  description:
    'RECEIVED → AWAITING_APPROVAL → ISSUING → COMPLETED; or REJECTED (registry checks or a registrar), or FAILED (e.g. the approval expired); a COMPLETED registration may later be REVOKED (pembatalan)',
});

// ── Errors ──────────────────────────────────────────────────────────────────────────────────────

/** One invalid input field (functions/shared/errors.ts FieldIssue). */
export const FieldIssueSchema = z
  .object({
    path: z.string().meta({ description: 'Dotted path of the field, e.g. `child.birthDateTime`; `(body)` for the body as a whole', examples: ['child.birthDateTime'] }),
    code: z.string().meta({
      description: 'Stable code of the problem (api/messages.ts), the same in every language: key on it, e.g. `REQUIRED`, `TOO_LONG`, `NIK_DIGITS`, `UNKNOWN_FIELD`',
      examples: ['NIK_DIGITS'],
    }),
    message: z.string().meta({ description: 'What is wrong, in the language asked for with `Accept-Language` (`en` by default, or `id`)' }),
  })
  .meta({ description: 'One invalid field' });

/**
 * What the handlers answer for a known error (functions/shared/http.ts): `{error}` plus the details
 * the error carries. Which details appear depends on the error; each is described here.
 */
export const ErrorSchema = z
  .object({
    error: z.string().meta({ description: 'A human-readable summary, in the language asked for with `Accept-Language` (`en` by default, or `id`)' }),
    code: z.string().meta({ description: 'Stable code of the error (api/messages.ts), e.g. `UNAUTHORIZED`, `ALREADY_DECIDED`, `REGISTRATION_NOT_FOUND`', examples: ['ALREADY_DECIDED'] }),
    issues: z.array(FieldIssueSchema).max(50).optional().meta({ description: '400 only: the invalid fields (the first 50), nothing stored' }),
    issueCount: z.int().min(51).optional().meta({ description: '400 only, when more than 50 issues were found: how many in all' }),
    registrationId: RegistrationId.optional().meta({ description: '409 on POST /v1/births: the registration that already holds this notificationId' }),
    status: RegistrationStatusSchema.optional().meta({ description: '409/410 on decisions: the registration’s current status' }),
    decision: z.enum(VERDICTS).optional().meta({ description: '409 on decisions: the decision already recorded' }),
    retryAfterSeconds: z.int().min(0).optional().meta({ description: '429 only: when to try again (also in the Retry-After header)' }),
    requestId: z.string().optional().meta({ description: '500 only: quote it when reporting the problem' }),
  })
  .meta({ description: 'An error answered by the API itself' });

/** 400: the request is invalid; every problem by field. */
export const ValidationErrorSchema = z
  .object({
    error: z.string().meta({ description: '`The request is invalid` (or its Indonesian, `Permintaan tidak valid`)', examples: ['The request is invalid'] }),
    code: z.literal('VALIDATION_FAILED'),
    issues: z.array(FieldIssueSchema).min(1).max(50),
    issueCount: z.int().min(51).optional().meta({ description: 'When more than 50 problems were found: how many in all (only the first 50 are listed)' }),
  })
  .meta({ description: 'Invalid input: each problem with its field path (at most 50 listed; path and message at most 200 characters). Nothing was stored.' });

/** What the gateway itself answers before a handler runs (no token, throttled, unknown route, too large). */
export const GatewayErrorSchema = z
  .object({ message: z.string().meta({ examples: ['Unauthorized', 'Too Many Requests', 'Not Found'] }) })
  .meta({ description: 'An error answered by the API gateway before the request reached the service' });

// ── Births ──────────────────────────────────────────────────────────────────────────────────────

/** POST /v1/births, 202 (new) and 200 (the same notification again). */
export const SubmitResponseSchema = z
  .object({
    registrationId: RegistrationId,
    status: RegistrationStatusSchema,
    accessCode: z
      .string()
      .regex(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
      .meta({
        description:
          'For the parents: print it on their slip. With it they follow the registration and download the documents (X-Access-Code). Shown to the hospital on every repeat of the notification, never stored in clear.',
        examples: ['7K2Q-M9XD-4TRV'],
      }),
  })
  .meta({ description: 'The registration this notification created (202) or already had (200)' });

/** POST /v1/births/{registrationId}/access-code: the new code, shown this once. */
export const AccessCodeReissuedSchema = z
  .object({
    registrationId: RegistrationId,
    accessCode: z
      .string()
      .regex(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
      .meta({ description: 'The parents’ new code: give it to them. Shown only in this answer; the previous code no longer opens the registration.', examples: ['7K2Q-M9XD-4TRV'] }),
  })
  .meta({ description: 'A new access code for the parents' });

export const CheckSchema = z
  .object({
    code: z.string().meta({ description: 'Stable code, e.g. FAMILY_NOT_FOUND, POSSIBLE_DUPLICATE, LATE_REGISTRATION', examples: ['NO_MARRIAGE_RECORD'] }),
    severity: z.enum(SEVERITIES).meta({ description: 'ERROR rejects the registration; WARNING and INFO go to the registrar' }),
    message: z
      .object({ id: z.string().meta({ description: 'Bahasa Indonesia' }), en: z.string().meta({ description: 'English' }) })
      .meta({ description: 'The finding in Indonesian and English' }),
    relatedRegistrationIds: z
      .array(RegistrationId)
      .optional()
      .meta({ description: 'POSSIBLE_DUPLICATE: the other registrations of the same mother it found (open them with GET /v1/births/{id})' }),
  })
  .meta({ description: 'A finding of the registry checks' });

export const TimelineEntrySchema = z
  .object({
    step: z.enum(STEPS),
    at: Timestamp,
    by: z.string().optional().meta({ description: 'The registrar, for APPROVED and REJECTED' }),
  })
  .meta({ description: 'A step the registration went through, once' });

// ── Amendments (after the akta) ────────────────────────────────────────────────────────────────

const AmendmentId = z.uuid().meta({ description: 'Assigned when the amendment is filed' });
const AmendmentKindSchema = z.enum(AMENDMENT_KINDS as [AmendmentKind, ...AmendmentKind[]]).meta({
  description: 'CORRECTION (pembetulan: in place, the akta keeps its number) or REVOCATION (pembatalan: every document REVOKED)',
});
const AmendmentStatusSchema = z.enum(AMENDMENT_STATUSES as [AmendmentStatus, ...AmendmentStatus[]]).meta({
  description: 'PENDING (waiting for a head of office) → APPROVED → APPLIED (documents re-issued or revoked); or REJECTED, or FAILED',
});

/** One amendment as GET /v1/births/{registrationId} lists it. */
export const AmendmentSummarySchema = z
  .object({
    amendmentId: AmendmentId,
    kind: AmendmentKindSchema,
    status: AmendmentStatusSchema,
    requestedAt: Timestamp,
    decidedAt: Timestamp.optional(),
    appliedAt: Timestamp.optional(),
    reissued: z
      .array(z.object({ type: z.string(), version: z.int().min(2) }))
      .optional()
      .meta({ description: 'A correction: the documents re-issued and their new versions' }),
  })
  .meta({ description: 'A correction or revocation of this registration' });

/** POST /v1/births/{registrationId}/amendments, 202. */
export const AmendmentFiledSchema = z
  .object({ amendmentId: AmendmentId, status: z.literal('PENDING') })
  .meta({ description: 'Filed: a head of office (not the requester) decides it' });

/** One entry of GET /v1/amendments. */
export const PendingAmendmentSchema = z
  .object({
    amendmentId: AmendmentId,
    registrationId: RegistrationId,
    kind: AmendmentKindSchema,
    status: AmendmentStatusSchema,
    requestedAt: Timestamp,
    requestedBy: z.object({ kind: z.enum(['registrar', 'head-of-office', 'parent']), id: z.string().optional() }),
    reason: z.string(),
    evidence: z.array(z.object({ type: z.string(), reference: z.string() })),
    changes: z.record(z.string(), z.unknown()).optional().meta({ description: 'A correction: the requested values, by path ("child.name")' }),
    currentValues: z.record(z.string(), z.unknown()).optional().meta({ description: 'The registration’s values at the same paths when it was filed' }),
    mayDecide: z.boolean().meta({ description: 'Whether the caller may decide it (a head of office who did not request it)' }),
    draft: z
      .object({
        birthCertificateNumber: z.string().optional().meta({ description: 'The akta’s number, which a correction keeps' }),
        printNumber: z.number().int().min(2).meta({ description: 'The print number approving it now gives the akta (kutipan ke-N)' }),
        marginalNote: z.string().meta({ description: 'The marginal note’s sentence (catatan pinggir) as the re-issued akta prints it; its date and deciding head follow the decision' }),
      })
      .optional()
      .meta({ description: 'A correction: the re-issued akta as approving it now would print it (domain/amendment.ts, the wording the akta prints)' }),
  })
  .meta({ description: 'An amendment waiting for a head of office, with the requested values beside the current ones' });

export const AmendmentListSchema = z
  .object({ items: z.array(PendingAmendmentSchema).meta({ description: 'Oldest first' }) })
  .meta({ description: 'Heads of office: the queue; registrars: their own requests' });

/** POST /v1/amendments/{amendmentId}, 200. */
export const AmendmentDecisionResponseSchema = z
  .object({
    amendmentId: AmendmentId,
    decision: z.enum(VERDICTS),
    status: z.enum(['APPROVED', 'REJECTED']).meta({ description: 'APPROVED: the amendment workflow applies it within seconds (APPLIED)' }),
  })
  .meta({ description: 'The decision as recorded' });

/** GET /v1/births/{registrationId} (functions/get-birth/handler.ts registrationView). */
export const RegistrationViewSchema = z
  .object({
    registrationId: RegistrationId,
    notificationId: z.string().meta({ description: 'The hospital’s own reference, as sent' }),
    facilityId: z.string().meta({ description: 'The submitting hospital (its app client id)' }),
    status: RegistrationStatusSchema,
    submittedAt: Timestamp,
    updatedAt: Timestamp,
    timeline: z.array(TimelineEntrySchema).meta({ description: 'Steps in time order' }),
    checks: z.array(CheckSchema).meta({ description: 'Registry check findings (empty until validated)' }),
    decision: z
      .object({
        decision: z.enum(VERDICTS),
        at: Timestamp,
        reason: z.string().optional(),
        decreeNumber: z.string().optional().meta({ description: 'A late registration’s approval: the head of office’s decree (SK) number' }),
      })
      .optional()
      .meta({ description: 'The registrar’s decision, once made' }),
    rejection: z
      .object({
        source: z.enum(REJECTION_SOURCES),
        reason: z.string(),
        codes: z.array(z.string()).optional().meta({ description: 'The ERROR check codes, when the registry checks rejected it (registrars only)' }),
        fields: z
          .array(z.string())
          .optional()
          .meta({ description: 'Hospitals, for a registry rejection: the notification fields that do not match the registry (no codes: registry facts are the registrars’)', examples: [['mother.nik']] }),
      })
      .optional()
      .meta({ description: 'Why it was rejected: correct the data and send a new notification (new notificationId)' }),
    failure: z
      .object({ error: z.string().meta({ examples: ['ApprovalExpired'] }), at: Timestamp })
      .optional()
      .meta({ description: 'Why it failed (status FAILED)' }),
    notification: z
      .object({
        child: notification.child,
        mother: z.object({ nik: z.string(), name: z.string().optional().meta({ description: 'As the population registry has it' }) }),
        father: notification.father,
        familyCardNumber: notification.familyCardNumber,
        marriageCertificateNumber: notification.marriageCertificateNumber,
        attendant: notification.attendant,
      })
      .optional()
      .meta({ description: 'Registrars only: the notification as received (normalised), with the mother’s name from the registry: everything the decision needs' }),
    approval: z
      .object({
        requestedAt: Timestamp,
        waitingMinutes: z.int().min(0),
        overdue: z.boolean(),
        escalated: z.boolean(),
        decidableBy: z.enum(DECIDERS),
      })
      .optional()
      .meta({ description: 'Registrars only, while AWAITING_APPROVAL: how long it has waited and who may decide' }),
    issued: z
      .object({
        nik: z.string().regex(/^\d{16}$/).meta({ description: 'The child’s NIK' }),
        familyCardNumber: z.string().regex(/^\d{16}$/).meta({ description: 'KK number (unchanged when a child is added)' }),
        familyCardVersion: z.int().min(1).optional().meta({ description: 'The KK version that lists the child' }),
        birthCertificateNumber: z.string().meta({ description: 'Akta kelahiran number', examples: ['3510-LT-22112026-0001'] }),
        birthCertificateIssuedOn: IsoDate.optional(),
        childIdCardNumber: z
          .string()
          .regex(/^\d{16}$/)
          .optional()
          .meta({ description: 'KIA number (= the NIK); absent when the KIA was not issued with the akta (childIdCardStatus)' }),
        childIdCardKind: z.string().optional().meta({ description: 'KIA_0_5, or KIA_5_17 for a child registered at 5 or older (issued later, with a photo); absent from 17', examples: [KIA_KIND_UNDER_FIVE] }),
        childIdCardValidThrough: IsoDate.optional().meta({ description: 'KIA_0_5: the day before the 5th birthday; KIA_5_17: the day before the 17th birthday' }),
        childIdCardStatus: z
          .enum(ChildIdCardStatus)
          .optional()
          .meta({ description: 'ISSUED with the akta (under 5); AWAITING_PHOTO (registered at 5-16: the photo is taken at the Dukcapil office, the KIA issued then); NOT_ELIGIBLE (17 or older: no KIA)' }),
      })
      .optional()
      .meta({ description: 'The numbers issued: present when status is COMPLETED' }),
    amendments: z
      .array(AmendmentSummarySchema)
      .optional()
      .meta({ description: 'Corrections and revocations filed after the akta, oldest first' }),
  })
  .meta({ description: 'A registration as the hospital, the registrars and the parents see it' });

// ── Documents ───────────────────────────────────────────────────────────────────────────────────

export const DocumentTypeSchema = z.enum(DocumentType).meta({
  description: 'BIRTH_CERTIFICATE (akta kelahiran), FAMILY_CARD (kartu keluarga, KK), CHILD_ID_CARD (kartu identitas anak, KIA)',
});

export const IssuedDocumentSchema = z
  .object({
    type: DocumentTypeSchema,
    number: z.string().meta({ description: 'The document’s number (akta number, KK number, KIA number)' }),
    issuedAt: Timestamp,
    verificationId: z.string().meta({ description: 'Printed on the document as a QR code; anyone can check it at /v1/verify/{verificationId}' }),
    verificationUrl: z.url().meta({ description: 'The public verification page printed on the document' }),
    url: z.string().meta({ description: 'Where to download the signed PDF (this API, same credentials)', examples: ['/v1/births/…/documents/BIRTH_CERTIFICATE'] }),
  })
  .meta({ description: 'An issued, signed document' });

export const DocumentListSchema = z
  .object({
    registrationId: RegistrationId,
    documents: z.array(IssuedDocumentSchema),
    bundleUrl: z.string().meta({ description: 'All three documents in one PDF (same credentials)' }),
  })
  .meta({ description: 'The documents of one registration' });

/** What a parent is told a rejection was for: the registry checks, or the registrar's reason code. */
export const PARENT_REJECTION_REASONS = ['REGISTRY_CHECKS', ...REJECTION_REASON_CODES] as const;

/** GET /v1/births/{registrationId} with the parents' access code (functions/get-birth/handler.ts parentView). */
export const ParentRegistrationViewSchema = z
  .object({
    registrationId: RegistrationId,
    status: RegistrationStatusSchema,
    submittedAt: Timestamp,
    updatedAt: Timestamp,
    timeline: z.array(TimelineEntrySchema),
    rejection: z
      .object({
        reason: z.string().meta({ description: 'The standard wording of the reason in the caller’s language (never the registrar’s own text)' }),
        reasonCode: z
          .enum(PARENT_REJECTION_REASONS)
          .meta({ description: 'Why, as a code: the registry checks (the hospital corrects and notifies again), or the registrar’s reason; OUT_OF_AREA also when the registry found the family in another regency' }),
      })
      .optional()
      .meta({ description: 'Why it was rejected, and so what the parents do next' }),
    decidableBy: z
      .enum(DECIDERS)
      .optional()
      .meta({ description: 'While AWAITING_APPROVAL: who decides (HEAD_OF_OFFICE for a late registration, UU 24/2013 art. 32)' }),
    issued: RegistrationViewSchema.shape.issued,
    childIdCardNote: z
      .object({ id: z.string(), en: z.string() })
      .optional()
      .meta({ description: 'When the KIA was not issued with the akta: why, and what to do (come to the office for the photo)' }),
    documentsUrl: z.string().optional().meta({ description: 'Once COMPLETED: the documents, with the same access code' }),
    documents: z
      .array(IssuedDocumentSchema)
      .optional()
      .meta({ description: 'Once COMPLETED: the documents as GET …/documents lists them, in the same answer (one request, one use of the access code, on a slow line)' }),
    bundleUrl: DocumentListSchema.shape.bundleUrl.optional(),
    amendments: RegistrationViewSchema.shape.amendments,
  })
  .meta({ description: 'What the parents see with their access code: where the case stands, and the numbers once issued' });

// ── Approvals ───────────────────────────────────────────────────────────────────────────────────

/** A registry check as the lists summarise it: its code and severity (the words are the console's, by code; the case has the texts). */
export const CheckSummarySchema = z.object({ code: z.string(), severity: z.enum(SEVERITIES) }).meta({ description: 'A registry check finding, by code' });

/** The child as the work lists show it: no NIKs, nothing the list does not show. */
const ListedChildSchema = z.object({
  name: z.string(),
  sex: z.enum(SEXES),
  birthDateTime: z.string().meta({ description: 'As the hospital sent it (ISO 8601 with its offset)' }),
  birthDate: IsoDate.meta({ description: 'The civil birth date: the date, in the office’s zone, of the instant of birth' }),
});

/** One pending decision in GET /v1/approvals: what the queue's row shows; the case (GET /v1/births/{id}) has the rest. */
export const PendingApprovalSchema = z
  .object({
    registrationId: RegistrationId,
    facilityId: z.string().meta({ description: 'The submitting hospital (its app client id)' }),
    requestedAt: Timestamp.meta({ description: 'Waiting since: when the registration started waiting for a decision' }),
    waitingMinutes: z.int().min(0),
    overdue: z.boolean().meta({ description: 'Waiting longer than the 4-hour promise' }),
    escalated: z.boolean().meta({ description: 'Escalated to the head of office (after 4 hours)' }),
    child: ListedChildSchema.omit({ sex: true }),
    mother: z.object({ name: z.string() }).optional().meta({ description: 'The mother’s name as the population registry has it (absent for a case queued before names were recorded)' }),
    checks: z.array(CheckSummarySchema),
    decidableBy: z.enum(DECIDERS).meta({ description: 'Who may decide it: HEAD_OF_OFFICE for a late registration (LATE_REGISTRATION, UU 24/2013 art. 32), REGISTRAR (any registrar or head of office) otherwise' }),
  })
  .meta({ description: 'A registration waiting for a decision, as the queue lists it' });

export const ApprovalListSchema = z
  .object({
    items: z.array(PendingApprovalSchema).meta({ description: 'Oldest first' }),
    total: z.int().min(0).meta({ description: 'How many cases match the filters in the whole queue (every page says the same)' }),
    nextCursor: z.string().optional().meta({ description: 'Pass as `cursor` (with the same filters) for the next page; absent on the last page' }),
  })
  .meta({ description: 'A page of the registrars’ queue' });

/** One case in GET /v1/follow-ups: ended REJECTED or FAILED, for the registrars to follow up. */
export const FollowUpSchema = z
  .object({
    registrationId: RegistrationId,
    facilityId: z.string(),
    notificationId: z.string(),
    status: z.enum([RegistrationStatus.REJECTED, RegistrationStatus.FAILED]),
    submittedAt: Timestamp,
    endedAt: Timestamp.meta({ description: 'When it was rejected or failed' }),
    child: ListedChildSchema,
    mother: z.object({ name: z.string() }).optional(),
    checks: z.array(CheckSummarySchema),
    rejection: z
      .object({
        source: z.enum(REJECTION_SOURCES),
        reasonCode: z.string().optional().meta({ description: 'A registrar’s reason code (DATA_MISMATCH, DUPLICATE, …)' }),
        codes: z.array(z.string()).optional().meta({ description: 'The ERROR check codes of a registry rejection' }),
      })
      .optional(),
    failure: z.object({ error: z.string().meta({ examples: ['ApprovalExpired'] }), at: Timestamp }).optional(),
  })
  .meta({ description: 'A case that ended without documents' });

export const FollowUpListSchema = z
  .object({
    items: z.array(FollowUpSchema).meta({ description: 'Newest first' }),
    total: z.int().min(0).meta({ description: 'How many cases match the filters' }),
    nextCursor: z.string().optional().meta({ description: 'Pass as `cursor` (with the same filters) for the next page' }),
  })
  .meta({ description: 'A page of the cases to follow up' });

/** POST /v1/approvals/{registrationId}, 200. */
export const DecisionResponseSchema = z
  .object({
    registrationId: RegistrationId,
    decision: z.enum(VERDICTS),
    status: z.enum([RegistrationStatus.ISSUING, RegistrationStatus.REJECTED]).meta({
      description: 'ISSUING after an approval (the documents follow within seconds), REJECTED after a rejection',
    }),
  })
  .meta({ description: 'The decision as recorded' });

/** GET /v1/verify/{verificationId}: enough to compare with the paper, never the personal data itself. */
/** A genuine document as the public check shows it (masked where personal). */
const GenuineDocument = {
  type: DocumentTypeSchema,
  number: z.string().meta({ description: 'The akta number in full; KK and KIA numbers masked (region prefix and last two digits)' }),
  issuedAt: Timestamp,
  issuer: z.object({
    officeName: z.string().meta({ examples: ['Dinas Kependudukan dan Pencatatan Sipil Kabupaten Banyuwangi'] }),
    officialName: z.string().meta({ description: 'The official who signed' }),
    officialTitle: z.string(),
  }),
  subject: z.object({
    name: z.string().meta({ description: 'The person’s name, each word masked after its first letter', examples: ['M******* A*** S******'] }),
  }),
  validThrough: IsoDate.optional().meta({ description: 'A KIA: its last valid day (YYYY-MM-DD)', examples: ['2031-11-19'] }),
};
const Advice = z.string().meta({ description: 'What the person holding the paper should do' });

export const VerificationResultSchema = z
  .union([
    z
      .object({ valid: z.literal(true), status: z.literal('ACTIVE'), ...GenuineDocument })
      .meta({ description: 'ACTIVE: issued by this office, unchanged, and the current version: the document holds' }),
    z
      .object({
        valid: z.literal(false),
        status: z.literal('SUPERSEDED'),
        ...GenuineDocument,
        supersededAt: Timestamp.meta({ description: 'When a newer version of this document came into being' }),
        advice: Advice,
      })
      .meta({ description: 'SUPERSEDED: genuine, but a newer version exists (a KK print after another change to the card, a corrected akta); ask for the current one. The newer content is never shown' }),
    z
      .object({
        valid: z.literal(false),
        status: z.literal('REVOKED'),
        ...GenuineDocument,
        revokedAt: Timestamp.optional().meta({ description: 'When the registration was revoked' }),
        advice: Advice,
      })
      .meta({ description: 'REVOKED: genuine, but the registration behind it was annulled (pembatalan): no document of it holds' }),
    z
      .object({
        valid: z.literal(false),
        status: z.literal('EXPIRED'),
        ...GenuineDocument,
        expiredOn: IsoDate.meta({ description: 'The first day it no longer held (YYYY-MM-DD)', examples: ['2031-11-20'] }),
        advice: Advice,
      })
      .meta({ description: 'EXPIRED: genuine, but past its validity (a KIA after its last valid day)' }),
    z.object({ valid: z.literal(false) }).meta({ description: 'No document with this verification id, or its record was altered: the paper is not genuine (404)' }),
  ])
  .meta({ description: 'Whether a printed document is genuine, and whether it still holds (`valid` only for ACTIVE)' });

// ── Webhooks (hospitals) ────────────────────────────────────────────────────────────────────────

export const WebhookSchema = z
  .object({ url: z.url().meta({ description: 'Where status changes are POSTed' }), createdAt: Timestamp })
  .meta({ description: 'The hospital’s webhook' });

export const WebhookCreatedSchema = z
  .object({
    url: z.url(),
    secret: z.string().meta({
      description: 'Shown once: deliveries carry `x-lahir-signature: sha256=<HMAC-SHA256(secret, "<x-lahir-timestamp>.<body>")>`',
    }),
  })
  .meta({ description: 'The webhook with its signing secret' });

/**
 * What the API POSTs to a hospital's webhook (domain/notification-messages.ts webhookEvent): ids and
 * the outcome, no personal data; the details are one authenticated GET away (`link`).
 */
export const WebhookEventSchema = z
  .object({
    id: z.string().meta({ description: 'The event id, the same on every retry (also in x-lahir-event-id): deduplicate on it', examples: ['evt_3f1c…'] }),
    type: z.enum(NotificationEvent),
    registrationId: RegistrationId,
    notificationId: z.string().meta({ description: 'The hospital’s own reference, as sent' }),
    occurredAt: Timestamp,
    status: z.enum([RegistrationStatus.COMPLETED, RegistrationStatus.REJECTED, RegistrationStatus.REVOKED]),
    link: z.string().meta({ description: 'GET it with the hospital’s token for the details', examples: ['/v1/births/0b8f8c5e-3f1e-4d6a-9c41-2a7d5e9b1c30'] }),
    rejection: z
      .object({
        source: z.enum(REJECTION_SOURCES),
        fields: z.array(z.string()).meta({ description: 'The notification fields that do not match the registry (empty for a registrar’s rejection); the codes are the registrars’' }),
      })
      .optional()
      .meta({ description: 'For registration.rejected' }),
  })
  .meta({ description: 'A registration of this hospital ended COMPLETED or REJECTED, or was corrected (status COMPLETED) or revoked (REVOKED) after the akta' });

/** The event is built in domain/ from its own interface; this keeps that interface and the schema the same type. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const webhookEventMatchesSchema: Same<WebhookEvent, ResponseBody<typeof WebhookEventSchema>> = true;
void webhookEventMatchesSchema;

// ── Hospitals' own list ─────────────────────────────────────────────────────────────────────────

/** As the list has always described its instants: any string (the handler copies the stored ISO 8601 text). */
const SubmissionTimestamp = z.string().meta({ description: 'ISO 8601 instant (UTC)' });

/** One submission as the hospital's list shows it (no NIKs: the list is for following up, not for data). */
export const SubmissionSchema = z
  .object({
    registrationId: z.string(),
    notificationId: z.string().meta({ description: 'The hospital’s own reference, as sent' }),
    submittedAt: SubmissionTimestamp,
    updatedAt: SubmissionTimestamp,
    status: z.enum(RegistrationStatus),
    child: z.object({ name: z.string(), sex: z.enum(SEXES), birthDateTime: z.string() }),
    accessCode: z
      .string()
      .optional()
      .meta({ description: 'The parents’ access code, to print on their slip: only for 24 hours after intake, and never once a registrar re-issued it' }),
    rejection: z
      .object({ source: z.enum(REJECTION_SOURCES), reason: z.string(), fields: z.array(z.string()).optional() })
      .optional()
      .meta({ description: 'Why it was rejected (a registry rejection: the fields to check, in one standard wording)' }),
  })
  .meta({ description: 'A birth notification this hospital sent' });

export const SubmissionListSchema = z
  .object({
    items: z.array(SubmissionSchema).meta({ description: 'Newest first' }),
    nextCursor: z.string().optional().meta({ description: 'Pass as `cursor` for the next page' }),
  })
  .meta({ description: 'A page of the hospital’s own submissions' });

// ── Registry office: history, search, dashboard ─────────────────────────────────────────────────

const HistoryTimestamp = z.iso.datetime().meta({ description: 'UTC timestamp, ISO 8601' });

/** One entry of a case's history: a workflow step (the timeline) or an audit event, who and when. */
export const HistoryEventSchema = z
  .object({
    at: HistoryTimestamp,
    kind: z.enum(['STEP', 'AUDIT']).meta({ description: 'STEP: a step of the registration (the timeline); AUDIT: an act recorded in the audit trail' }),
    step: z.enum(STEPS).optional().meta({ description: 'For STEP' }),
    action: z
      .string()
      .optional()
      .meta({ description: 'For AUDIT: BIRTH_SUBMITTED, DECISION_RECORDED, DOCUMENT_DOWNLOADED, ACCESS_CODE_REJECTED, …', examples: ['DECISION_RECORDED'] }),
    actor: z
      .object({
        kind: z.enum(['hospital', 'registrar', 'parent', 'public', 'system']),
        id: z.string().optional().meta({ description: 'The hospital (app client id) or the registrar (user name); parents have none' }),
        role: z
          .enum(['head-of-office'])
          .optional()
          .meta({ description: 'A registrar acting as head of office (group `head-of-office`): late registrations and amendments are theirs to decide' }),
      })
      .meta({ description: 'Who: the workflow itself is `system`' }),
    outcome: z.enum(['ALLOWED', 'DENIED', 'VALID', 'INVALID']).optional(),
    sourceIp: z.string().optional().meta({ description: 'Where the request came from, when recorded' }),
    detail: z
      .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
      .optional()
      .meta({ description: 'Codes and ids only, e.g. `{decision: "REJECT", reasonCode: "DUPLICATE"}`: never free text or personal data' }),
  })
  .meta({ description: 'A step or an audited act, with who and when' });

export const HistorySchema = z
  .object({
    registrationId: z.string(),
    events: z.array(HistoryEventSchema).meta({ description: 'Oldest first' }),
    truncated: z.boolean().meta({ description: 'More than the newest 1000 audit events exist; only the oldest 1000 are listed' }),
  })
  .meta({ description: 'The history of a case: its timeline and its audit trail merged' });

export const MatchedBy = ['REGISTRATION_ID', 'CHILD_NIK', 'MOTHER_NIK', 'AKTA_NUMBER'] as const;

export const SearchResultSchema = z
  .object({
    items: z
      .array(
        z
          .object({
            registrationId: z.string(),
            status: z.enum(RegistrationStatus),
            childName: z.string(),
            birthDate: z.iso.date().meta({ description: 'The civil birth date: the date, in the registering office’s zone, of the instant of birth' }),
            submittedAt: z.iso.datetime(),
            matchedBy: z.enum(MatchedBy).meta({ description: 'Which key matched: the registration id, the child’s NIK, the mother’s NIK or the akta number' }),
          })
          .meta({ description: 'A registration the key leads to' }),
      )
      .meta({ description: 'Newest birth first; empty when nothing matches. A mother’s NIK may match several registrations (at most 50)' }),
  })
  .meta({ description: 'Registrations found by one key' });

const Share = z.object({
  total: z.int().min(0),
  count: z.int().min(0),
  share: z.number().min(0).max(1).nullable().meta({ description: 'count / total; null when total is 0' }),
});

export const DashboardSchema = z
  .object({
    from: z.iso.date().meta({ description: 'First day of the window (WIB)' }),
    to: z.iso.date().meta({ description: 'Last day of the window: today (WIB)' }),
    generatedAt: z.iso.datetime(),
    registeredPerDay: z
      .array(z.object({ date: z.iso.date(), count: z.int().min(0) }))
      .meta({ description: 'Births registered (documents issued) per WIB day, every day of the window, oldest first' }),
    registered: z.int().min(0).meta({ description: 'Births registered in the window' }),
    medianMinutesToDocuments: z
      .number()
      .min(0)
      .nullable()
      .meta({ description: 'Median minutes from the hospital’s notification to the signed documents, over the births registered in the window; null when none' }),
    decidedWithin4Hours: Share.meta({ description: 'Registrar decisions made in the window, and those made within 4 hours of the case reaching the queue' }),
    registeredWithin60Days: Share.meta({ description: 'Births registered in the window, and those notified within 60 days of the birth (no LATE_REGISTRATION)' }),
    pendingByAge: z
      .object({ under1h: z.int().min(0), from1hTo4h: z.int().min(0), over4h: z.int().min(0) })
      .meta({ description: 'Cases waiting for a decision now, by how long they have waited' }),
  })
  .meta({ description: 'The registry office’s figures over a window of days' });

// ── The API description itself ─────────────────────────────────────────────────────────────────

/** GET /openapi.json: described by its own standard, so only the outline here. */
export const OpenApiDocumentSchema = z
  .looseObject({
    openapi: z.literal('3.1.0'),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  })
  .meta({ description: 'An OpenAPI 3.1 document (https://spec.openapis.org/oas/v3.1.0)' });

/**
 * The response schemas under their component names (components.schemas in the document), emitted
 * in zod's `output` mode: what the API sends.
 */
export const responseSchemas = z.registry<{ id: string }>();
for (const [id, schema] of Object.entries({
  Error: ErrorSchema,
  ValidationError: ValidationErrorSchema,
  GatewayError: GatewayErrorSchema,
  FieldIssue: FieldIssueSchema,
  RegistrationStatus: RegistrationStatusSchema,
  SubmitResponse: SubmitResponseSchema,
  AccessCodeReissued: AccessCodeReissuedSchema,
  Check: CheckSchema,
  TimelineEntry: TimelineEntrySchema,
  Registration: RegistrationViewSchema,
  ParentRegistration: ParentRegistrationViewSchema,
  PendingApproval: PendingApprovalSchema,
  ApprovalList: ApprovalListSchema,
  CheckSummary: CheckSummarySchema,
  FollowUp: FollowUpSchema,
  FollowUpList: FollowUpListSchema,
  Submission: SubmissionSchema,
  SubmissionList: SubmissionListSchema,
  DecisionResponse: DecisionResponseSchema,
  DocumentType: DocumentTypeSchema,
  IssuedDocument: IssuedDocumentSchema,
  DocumentList: DocumentListSchema,
  VerificationResult: VerificationResultSchema,
  Webhook: WebhookSchema,
  WebhookCreated: WebhookCreatedSchema,
  WebhookEvent: WebhookEventSchema,
  HistoryEvent: HistoryEventSchema,
  History: HistorySchema,
  SearchResult: SearchResultSchema,
  Dashboard: DashboardSchema,
  OpenApiDocument: OpenApiDocumentSchema,
  AmendmentSummary: AmendmentSummarySchema,
  AmendmentFiled: AmendmentFiledSchema,
  PendingAmendment: PendingAmendmentSchema,
  AmendmentList: AmendmentListSchema,
  AmendmentDecisionResponse: AmendmentDecisionResponseSchema,
  // The FHIR door (api/fhir/).
  FhirOperationOutcome: OperationOutcomeSchema,
  FhirCapabilityStatement: CapabilityStatementSchema,
})) {
  responseSchemas.add(schema, { id });
}

export type ErrorBody = ResponseBody<typeof ErrorSchema>;
export type SubmitResponse = ResponseBody<typeof SubmitResponseSchema>;
export type AccessCodeReissued = ResponseBody<typeof AccessCodeReissuedSchema>;
export type RegistrationView = ResponseBody<typeof RegistrationViewSchema>;
export type ParentRegistrationView = ResponseBody<typeof ParentRegistrationViewSchema>;
export type ApprovalList = ResponseBody<typeof ApprovalListSchema>;
export type FollowUpList = ResponseBody<typeof FollowUpListSchema>;
export type DecisionResponse = ResponseBody<typeof DecisionResponseSchema>;
export type DocumentList = ResponseBody<typeof DocumentListSchema>;
export type VerificationResult = ResponseBody<typeof VerificationResultSchema>;
export type Webhook = ResponseBody<typeof WebhookSchema>;
export type WebhookCreated = ResponseBody<typeof WebhookCreatedSchema>;
export type SubmissionList = z.output<typeof SubmissionListSchema>;
export type History = z.output<typeof HistorySchema>;
export type HistoryEvent = History['events'][number];
export type SearchResult = z.output<typeof SearchResultSchema>;
export type Dashboard = z.output<typeof DashboardSchema>;
export type AmendmentSummary = ResponseBody<typeof AmendmentSummarySchema>;
export type AmendmentFiled = ResponseBody<typeof AmendmentFiledSchema>;
export type AmendmentList = ResponseBody<typeof AmendmentListSchema>;
export type AmendmentDecisionResponse = ResponseBody<typeof AmendmentDecisionResponseSchema>;
