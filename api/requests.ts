import * as z from 'zod';
import { DOCUMENT_TYPES, type DocumentType } from '../documents/content.js';
import { AMENDMENT_KINDS, AmendmentStatus, type AmendmentKind } from '../domain/amendment.js';
import { parseCalendarDate } from '../domain/calendar.js';
import { parseNik, SEXES } from '../domain/nik.js';
import { newbornNameProblem, normaliseNewbornName } from '../domain/person-name.js';
import { BIRTH_PLACE_KINDS, INFORMANT_RELATIONSHIPS } from '../domain/birth-report.js';
import { SPTJM_KINDS } from '../domain/parentage.js';
import { VERDICTS } from '../domain/verdict.js';
import { CHECKS, DecidedBy, type CheckCode } from '../domain/registry-checks.js';
type DecidedByValue = (typeof DecidedBy)[keyof typeof DecidedBy];
import { webhookUrlProblem, type UrlPolicy } from '../domain/webhook-url.js';

/**
 * The bodies and query strings the HTTP API accepts, once, as the zod schemas the handlers parse
 * with. The OpenAPI document (api/openapi.ts) registers these very objects; the answers are in
 * api/schemas.ts.
 *
 * Every schema is built in a `/* @__PURE__ *\/ (() => …)()`: the same object, built when the module
 * loads, but a function's bundle (esbuild) leaves out the schemas its code never parses with, instead
 * of building all twenty at every cold start (README "Performance", cold init). A plain mark on
 * `z.strictObject({...})` would not do: esbuild keeps a marked call whose arguments call anything. A
 * new top-level schema gets the same wrapper (a field shared by several schemas, a method chain, the
 * mark); test/infra/stack.test.ts checks what the bundles carry.
 */

// ── Text and ids ─────────────────────────────────────────────────────────────────────────────────

/** Control (Cc: NUL, ESC, CR, LF, TAB, DEL, C1) and format (Cf: bidi overrides and isolates, zero-width characters, BOM) characters. */
const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}]/u;

/**
 * Every string field of a request body or query starts here: well-formed Unicode (no lone
 * surrogate, which made the queue's JSON unreadable), no control or format character (an ANSI escape,
 * a CRLF, a right-to-left override printed inside a signed akta), NFC (one spelling per text, so a
 * name typed on two keyboards is one name). Each field adds its own pattern on top.
 */
export const safeText = () =>
  z
    .string()
    .refine((text) => (text as string & { isWellFormed(): boolean }).isWellFormed(), 'TEXT_NOT_WELL_FORMED')
    .refine((text) => !CONTROL_OR_FORMAT.test(text), 'TEXT_CONTROL_CHARACTERS')
    .normalize('NFC');

/** A registration id, exactly as POST /v1/births issued it: a lower-case UUID. */
export const REGISTRATION_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A verification id, exactly as the documents' QR codes carry it: 26 characters of lower-case Crockford base32. */
export const VERIFICATION_ID_PATTERN = /^[0-9a-hjkmnp-tv-z]{26}$/;

/**
 * The path parameters of api/routes.ts, each as what it is. functions/shared/http.ts `pathParameter`
 * checks every one against this before a handler reads anything (a 3,000-character id used to reach
 * DynamoDB as a key and answer 500); api/openapi.ts describes these very schemas.
 */
export const PathParameterSchemas = {
  registrationId: z.string().regex(REGISTRATION_ID_PATTERN, 'REGISTRATION_ID_FORMAT'),
  type: z.enum(DOCUMENT_TYPES as [DocumentType, ...DocumentType[]], 'DOCUMENT_TYPE_INVALID'),
  verificationId: z.string().regex(VERIFICATION_ID_PATTERN, 'VERIFICATION_ID_FORMAT'),
  amendmentId: z.string().regex(REGISTRATION_ID_PATTERN, 'AMENDMENT_ID_FORMAT'),
} as const;
export type PathParameterName = keyof typeof PathParameterSchemas;

const CHECK_CODES = Object.keys(CHECKS) as [CheckCode, ...CheckCode[]];

// ── POST /v1/births ──────────────────────────────────────────────────────────────────────────────

/**
 * POST /v1/births: a hospital's birth notification (the doctor's or midwife's birth letter of form
 * F-2.01, sent electronically). Objects are strict: an unknown field is reported by path rather than
 * silently dropped, so an integrator's typo is found on the first call.
 * Impossible input is refused here with 400; plausibility against the registry is the workflow's job.
 */
const NikSchema = /* @__PURE__ */ (() => z
  .string()
  .regex(/^\d{16}$/, 'NIK_DIGITS')
  .refine((nik) => parseNik(nik) !== null, 'NIK_DATE_IMPOSSIBLE'))();

/** Indonesian names: letters of any script, spaces and the punctuation names carry (Ni Luh Putu, Ma'ruf, Siti-Aisyah). */
const PersonNameSchema = /* @__PURE__ */ (() => safeText()
  .trim()
  .min(1, 'REQUIRED')
  .max(120, 'TOO_LONG')
  .regex(/^[\p{L}\p{M}][\p{L}\p{M} .,'’-]*$/u, 'NAME_CHARACTERS'))();

/**
 * The newborn's name: Permendagri 73/2022 as domain/person-name.ts states it (NFC, letters A–Z and
 * single spaces, at most 60, no titles), one issue at `child.name` naming the rule broken. Stricter
 * than safeText(): everything it refuses is refused here too.
 */
const NewbornNameSchema = /* @__PURE__ */ (() => z
  .string()
  .max(1000, 'NEWBORN_NAME_TOO_LONG')
  .overwrite(normaliseNewbornName)
  .superRefine((name, ctx) => {
    const problem = newbornNameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.code === 'EMPTY' ? 'REQUIRED' : `NEWBORN_NAME_${problem.code}` });
  }))();

/** A place's name in any script, or a Kemendagri region code (province, regency, district, village). */
const BIRTH_PLACE_PATTERN = /^(?:[\p{L}\p{M}][\p{L}\p{M} .,'-]*|\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?)$/u;

const BirthDateTimeSchema = /* @__PURE__ */ (() => z.iso
  .datetime({ offset: true, local: false, message: 'BIRTH_DATE_TIME_FORMAT' })
  .refine((text) => parseCalendarDate(text) !== null, 'DATE_NOT_REAL')
  .refine((text) => Date.parse(text) <= Date.now() + 5 * 60_000, 'BIRTH_IN_FUTURE'))();

export const MultipleBirthSchema = /* @__PURE__ */ (() => z
  .strictObject({
    count: z.int().min(2, 'MULTIPLE_BIRTH_MIN_COUNT').max(8, 'TOO_BIG'),
    order: z.int().min(1, 'MULTIPLE_BIRTH_ORDER_MIN'),
  })
  .refine((m) => m.order <= m.count, { message: 'MULTIPLE_BIRTH_ORDER_EXCEEDS_COUNT', path: ['order'] }))();

export const BirthNotificationSchema = /* @__PURE__ */ (() => z.strictObject({
  notificationId: z
    .string()
    .min(1, 'REQUIRED')
    .max(64, 'TOO_LONG')
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, 'NOTIFICATION_ID_CHARACTERS'),
  child: z.strictObject({
    name: NewbornNameSchema,
    sex: z.enum(SEXES, 'SEX_INVALID'),
    birthDateTime: BirthDateTimeSchema,
    /** A place name (letters, spaces and . , ' -) or a Kemendagri region code (35, 35.10, 35.10.01, 35.10.01.2001). */
    birthPlace: safeText()
      .trim()
      .min(1, 'REQUIRED_WHEN_GIVEN')
      .max(80, 'TOO_LONG')
      .regex(BIRTH_PLACE_PATTERN, 'BIRTH_PLACE_FORMAT')
      .optional(),
    /** Form F-2.01's place of birth (tempat dilahirkan); absent: HOSPITAL (domain/birth-report.ts). */
    birthPlaceKind: z.enum(BIRTH_PLACE_KINDS, 'BIRTH_PLACE_KIND_INVALID').optional(),
    birthOrder: z.int('WHOLE_NUMBER').min(1, 'BIRTH_ORDER_MIN').max(30, 'TOO_BIG'),
    multipleBirth: MultipleBirthSchema.optional(),
    weightGrams: z.int('WHOLE_GRAMS').min(300, 'WEIGHT_TOO_LOW').max(7000, 'WEIGHT_TOO_HIGH'),
    lengthCm: z.number().min(20, 'LENGTH_TOO_SMALL').max(70, 'LENGTH_TOO_BIG'),
  }),
  mother: z.strictObject({ nik: NikSchema }),
  /**
   * The father's NIK (and, optionally, his name as on his KTP-el). A NIK this regency's registry does
   * not hold is not an error (he may hold a KTP-el of another regency): the registrar gets the WARNING
   * FATHER_NOT_FOUND, and the akta prints `name` from here. When the registry holds him, its spelling
   * is printed and `name` is ignored.
   */
  father: z.strictObject({ nik: NikSchema, name: PersonNameSchema.optional() }).optional(),
  /**
   * The family card (KK) the child joins. May be omitted: the registry's KK of the mother is used
   * (the registrar sees the INFO check FAMILY_CARD_FROM_REGISTRY). When given, it is checked.
   */
  familyCardNumber: z.string().regex(/^\d{16}$/, 'FAMILY_CARD_DIGITS').optional(),
  /** The KUA's number as printed on the buku nikah: letters, digits and / . - (e.g. 0123/045/XI/2020). */
  marriageCertificateNumber: safeText()
    .trim()
    .min(1, 'REQUIRED_WHEN_GIVEN')
    .max(64, 'TOO_LONG')
    .regex(/^[A-Za-z0-9][A-Za-z0-9/.-]*$/, 'MARRIAGE_NUMBER_CHARACTERS')
    .optional(),
  /**
   * Without a marriage record: the parents' SPTJM (Permendagri 9/2016), their sworn statement of the
   * truth of being husband and wife. With a father, the akta names both parents with the phrase that
   * their marriage is not yet recorded (domain/parentage.ts). Needs `father`; not with a marriage record.
   */
  sptjm: z
    .strictObject({
      kind: z.enum(SPTJM_KINDS, 'INVALID_VALUE'),
      signedOn: z.iso
        .date('DATE_FORMAT')
        .refine((text) => parseCalendarDate(text) !== null, 'DATE_NOT_REAL')
        .refine((text) => Date.parse(text) <= Date.now() + 86_400_000, 'SIGNED_IN_FUTURE'),
    })
    .optional(),
  attendant: z.strictObject({
    type: z.enum(['DOCTOR', 'MIDWIFE', 'NURSE', 'OTHER'], 'ATTENDANT_TYPE_INVALID'),
    name: PersonNameSchema,
  }),
  /**
   * Form F-2.01's informant (pelapor): who reports the birth. Absent: the notifying facility reports.
   * `name` only for someone this regency's registry may not hold; a MOTHER or FATHER informant is that parent (same NIK).
   */
  informant: z
    .strictObject({
      nik: NikSchema,
      relationship: z.enum(INFORMANT_RELATIONSHIPS, 'INVALID_VALUE'),
      name: PersonNameSchema.optional(),
    })
    .optional(),
  contactPhone: safeText()
    .max(32, 'TOO_LONG')
    .transform((s) => s.replace(/[\s().-]/g, ''))
    .pipe(z.string().regex(/^(\+62|62|0)8\d{7,11}$/, 'PHONE_FORMAT'))
    .transform((s) => `+62${s.replace(/^(\+62|62|0)/, '')}`),
})
  .refine((n) => !n.father || n.father.nik !== n.mother.nik, {
    message: 'FATHER_NIK_IS_MOTHERS',
    path: ['father', 'nik'],
  })
  .refine((n) => !n.sptjm || n.father, { message: 'SPTJM_NEEDS_FATHER', path: ['sptjm'] })
  .refine((n) => !n.sptjm || !n.marriageCertificateNumber, {
    message: 'SPTJM_OR_MARRIAGE',
    path: ['sptjm'],
  })
  .refine((n) => n.informant?.relationship !== 'MOTHER' || n.informant.nik === n.mother.nik, {
    message: 'INFORMANT_MOTHER_NIK',
    path: ['informant', 'nik'],
  })
  .refine((n) => n.informant?.relationship !== 'FATHER' || n.informant.nik === n.father?.nik, {
    message: 'INFORMANT_FATHER_NIK',
    path: ['informant', 'nik'],
  }))();

export type BirthNotification = z.infer<typeof BirthNotificationSchema>;

// ── POST /v1/approvals/{registrationId} ──────────────────────────────────────────────────────────

/** Why a registrar rejects, as a code: what the audit trail keeps (the free-text reason may name people). */
export const REJECTION_REASON_CODES = ['DATA_MISMATCH', 'DUPLICATE', 'DOCUMENTS_MISSING', 'OUT_OF_AREA', 'OTHER'] as const;

/** POST /v1/approvals/{registrationId}: a registrar's verdict. A rejection must say why. */
export const DecisionSchema = /* @__PURE__ */ (() => z
  .strictObject({
    decision: z.enum(VERDICTS, 'DECISION_INVALID'),
    reason: safeText().trim().min(1, 'REASON_REQUIRED').max(1000, 'TOO_LONG').optional(),
    reasonCode: z.enum(REJECTION_REASON_CODES).optional(),
    // A late registration's approval: the head of office's decree (Surat Keputusan), e.g. "474.1/123/429.110/2026".
    decreeNumber: safeText()
      .trim()
      .min(1, 'REQUIRED_WHEN_GIVEN')
      .max(64, 'TOO_LONG')
      .regex(/^[A-Za-z0-9][A-Za-z0-9 ./-]*$/, 'DECREE_NUMBER_CHARACTERS')
      .optional(),
  })
  .refine((d) => d.decision !== 'REJECT' || d.reason, { message: 'REJECTION_NEEDS_REASON', path: ['reason'] })
  .refine((d) => d.decision === 'APPROVE' || d.decreeNumber === undefined, { message: 'A decree number goes with an approval only', path: ['decreeNumber'] }))();

export type Decision = z.infer<typeof DecisionSchema>;

// ── PUT /v1/webhook ──────────────────────────────────────────────────────────────────────────────

/** PUT /v1/webhook body. */
export const webhookRequestSchema = (policy: UrlPolicy) =>
  z.strictObject({
    url: safeText()
      .trim()
      .min(1, 'REQUIRED')
      .max(2048, 'TOO_LONG')
      .superRefine((value, ctx) => {
        const problem = webhookUrlProblem(value, policy);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  });
export type WebhookRequest = z.infer<ReturnType<typeof webhookRequestSchema>>;

// ── Query strings ────────────────────────────────────────────────────────────────────────────────

/** `?limit=&cursor=` of the paged lists; the cursor is the opaque `nextCursor` of the previous page. */
const pageQuery = {
  limit: /* @__PURE__ */ z.coerce.number().int().min(1).max(100).default(50),
  cursor: /* @__PURE__ */ z
    .string()
    .max(2048, 'TOO_LONG')
    .regex(/^[A-Za-z0-9_-]+$/, 'CURSOR_INVALID')
    .optional(),
};

/** GET /v1/births?limit=&cursor=: a page of the calling hospital's own submissions, newest first. */
export const BirthsQuerySchema = /* @__PURE__ */ (() => z.strictObject(pageQuery))();

/** The registrars' work lists' filters (GET /v1/approvals, GET /v1/follow-ups). */
const workListFilters = {
  /** The submitting hospital's id (its app client id), as the items carry it in `facilityId`. */
  facility: /* @__PURE__ */ z.string().max(128, 'TOO_LONG').regex(/^[A-Za-z0-9._:-]+$/, 'INVALID_FORMAT').optional(),
  /** A name or part of one: the child's or the mother's (as the registry has it); case and diacritics do not matter. */
  q: /* @__PURE__ */ safeText()
    .trim()
    .min(2, 'TOO_SHORT')
    .max(60, 'TOO_LONG')
    .regex(/^[\p{L}\p{M}][\p{L}\p{M} .,'’-]*$/u, 'NAME_QUERY_CHARACTERS')
    .optional(),
};

const booleanText = /* @__PURE__ */ (() => z.enum(['true', 'false'], 'BOOLEAN_TEXT').transform((v) => v === 'true'))();

/** Who may decide a pending case: a head of office alone for a late registration, any registrar otherwise (domain/registry-checks.ts decidableBy). */
export const DECIDERS = Object.values(DecidedBy) as [DecidedByValue, ...DecidedByValue[]];

/**
 * GET /v1/approvals?limit=&cursor=&facility=&check=&overdue=&decidableBy=&q=: a page of the
 * registrars' queue, oldest first, with the filters of the console's queue.
 */
export const ApprovalsQuerySchema = /* @__PURE__ */ (() => z.strictObject({
  ...pageQuery,
  ...workListFilters,
  /** Only cases with this registry check finding (WARNING or INFO: an ERROR never reaches the queue). */
  check: z.enum(CHECK_CODES, 'CHECK_CODE_UNKNOWN').optional(),
  /** `true`: only cases past the 4-hour promise; `false`: only those within it. */
  overdue: booleanText.optional(),
  decidableBy: z.enum(DECIDERS, 'INVALID_VALUE').optional(),
}))();

/** The statuses of the follow-up list: a case that ended without documents. */
export const FOLLOW_UP_STATUSES = ['REJECTED', 'FAILED'] as const;

/** GET /v1/follow-ups?status=REJECTED,FAILED&facility=&q=&limit=&cursor=: cases that ended without documents, newest first. */
export const FollowUpsQuerySchema = /* @__PURE__ */ (() => z.strictObject({
  ...pageQuery,
  ...workListFilters,
  status: z
    .string()
    .max(32, 'TOO_LONG')
    .transform((text) => [...new Set(text.split(',').map((s) => s.trim()))])
    .pipe(z.array(z.enum(FOLLOW_UP_STATUSES, 'FOLLOW_UP_STATUS')).min(1, 'FOLLOW_UP_STATUS'))
    .optional(),
}))();

/** GET /v1/dashboard?days=: the last `days` days (WIB), today included. */
export const DashboardQuerySchema = /* @__PURE__ */ (() => z.strictObject({
  days: z.coerce.number().int().min(1).max(90).default(30),
}))();

/** GET /v1/search?q=: one key, whose shape says what it is (functions/search-births/search-key.ts). */
export const SearchQuerySchema = /* @__PURE__ */ (() => z.strictObject({
  q: safeText().trim().min(1, 'SEARCH_Q_REQUIRED').max(64, 'TOO_LONG'),
}))();

// ── Amendments (after the akta: corrections and revocations) ─────────────────────────────────────

/**
 * What a correction changes, in the notification's own shape and checked by the same rules as intake
 * (a corrected name is a name as intake accepts it). Only the fields a correction may touch: the
 * family card and the mother are the registry's, not the registration's.
 */
export const CorrectionChangesSchema = /* @__PURE__ */ (() => z
  .strictObject({
    child: BirthNotificationSchema.shape.child.pick({ name: true, sex: true, birthDateTime: true, birthPlace: true, birthOrder: true, weightGrams: true, lengthCm: true })
      .partial()
      .refine((child) => Object.keys(child).length > 0, 'CORRECTION_NAMES_NOTHING')
      .optional(),
    father: BirthNotificationSchema.shape.father.unwrap().optional(),
    marriageCertificateNumber: BirthNotificationSchema.shape.marriageCertificateNumber,
  })
  .refine((changes) => Object.values(changes).some((value) => value !== undefined), 'CORRECTION_NAMES_NOTHING'))();

const EvidenceSchema = /* @__PURE__ */ (() => z.strictObject({
  /** What the evidence is: "SURAT_KETERANGAN_LAHIR", "BUKU_NIKAH", "PUTUSAN_PENGADILAN", … */
  type: z.string().min(1, 'REQUIRED').max(40, 'TOO_LONG').regex(/^[A-Z][A-Z0-9_]*$/, 'EVIDENCE_TYPE_FORMAT'),
  reference: safeText().trim().min(1, 'REQUIRED').max(100, 'TOO_LONG').regex(/^[\p{L}\p{N}][\p{L}\p{N} ./:-]*$/u, 'EVIDENCE_REFERENCE_CHARACTERS'),
}))();

/**
 * POST /v1/births/{registrationId}/amendments: a correction (with `changes`) or a revocation (without).
 * The reason is kept with the amendment and shown to whoever decides it; never in an SMS or a log.
 */
export const AmendmentRequestSchema = /* @__PURE__ */ (() => z
  .strictObject({
    kind: z.enum(AMENDMENT_KINDS as [AmendmentKind, ...AmendmentKind[]], 'AMENDMENT_KIND_INVALID'),
    changes: CorrectionChangesSchema.optional(),
    reason: safeText().trim().min(1, 'REQUIRED').max(1000, 'TOO_LONG'),
    evidence: z.array(EvidenceSchema).max(10, 'TOO_MANY_ITEMS').optional(),
  })
  .superRefine((body, ctx) => {
    if (body.kind === 'CORRECTION' && !body.changes) ctx.addIssue({ code: 'custom', message: 'CORRECTION_NEEDS_CHANGES', path: ['changes'] });
    if (body.kind === 'REVOCATION' && body.changes) ctx.addIssue({ code: 'custom', message: 'REVOCATION_HAS_NO_CHANGES', path: ['changes'] });
  }))();
export type AmendmentRequest = z.infer<typeof AmendmentRequestSchema>;

/** POST /v1/amendments/{amendmentId}: a head of office's verdict; a rejection must say why. */
export const AmendmentDecisionSchema = /* @__PURE__ */ (() => z
  .strictObject({
    decision: z.enum(VERDICTS, 'DECISION_INVALID'),
    reason: safeText().trim().min(1, 'REASON_REQUIRED').max(1000, 'TOO_LONG').optional(),
  })
  .refine((d) => d.decision !== 'REJECT' || d.reason, { message: 'REJECTION_NEEDS_REASON', path: ['reason'] }))();
export type AmendmentDecision = z.infer<typeof AmendmentDecisionSchema>;

/** GET /v1/amendments?status=PENDING: the queue (heads of office) or one's own requests (registrars). */
export const AmendmentsQuerySchema = /* @__PURE__ */ (() => z.strictObject({
  /** The queue is the pending amendments (gsi1); decided ones are read with their registration. */
  status: z.enum([AmendmentStatus.PENDING], 'PENDING').default(AmendmentStatus.PENDING),
  limit: pageQuery.limit,
}))();
