import * as z from 'zod';
import { DOCUMENT_TYPES, type DocumentType } from '../documents/content.js';
import { parseCalendarDate } from '../domain/calendar.js';
import { parseNik, SEXES } from '../domain/nik.js';
import { VERDICTS } from '../domain/verdict.js';
import { CHECKS, type CheckCode } from '../domain/registry-checks.js';
import { webhookUrlProblem, type UrlPolicy } from '../domain/webhook-url.js';

/**
 * The bodies and query strings the HTTP API accepts, once, as the zod schemas the handlers parse
 * with. The OpenAPI document (api/openapi.ts) registers these very objects; the answers are in
 * api/schemas.ts.
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
const NikSchema = z
  .string()
  .regex(/^\d{16}$/, 'NIK_DIGITS')
  .refine((nik) => parseNik(nik) !== null, 'NIK_DATE_IMPOSSIBLE');

/** Indonesian names: letters of any script, spaces and the punctuation names carry (Ni Luh Putu, Ma'ruf, Siti-Aisyah). */
const PersonNameSchema = safeText()
  .trim()
  .min(1, 'REQUIRED')
  .max(120, 'TOO_LONG')
  .regex(/^[\p{L}\p{M}][\p{L}\p{M} .,'’-]*$/u, 'NAME_CHARACTERS');

/** A place's name in any script, or a Kemendagri region code (province, regency, district, village). */
const BIRTH_PLACE_PATTERN = /^(?:[\p{L}\p{M}][\p{L}\p{M} .,'-]*|\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?)$/u;

const BirthDateTimeSchema = z.iso
  .datetime({ offset: true, local: false, message: 'BIRTH_DATE_TIME_FORMAT' })
  .refine((text) => parseCalendarDate(text) !== null, 'DATE_NOT_REAL')
  .refine((text) => Date.parse(text) <= Date.now() + 5 * 60_000, 'BIRTH_IN_FUTURE');

export const MultipleBirthSchema = z
  .strictObject({
    count: z.int().min(2, 'MULTIPLE_BIRTH_MIN_COUNT').max(8, 'TOO_BIG'),
    order: z.int().min(1, 'MULTIPLE_BIRTH_ORDER_MIN'),
  })
  .refine((m) => m.order <= m.count, { message: 'MULTIPLE_BIRTH_ORDER_EXCEEDS_COUNT', path: ['order'] });

export const BirthNotificationSchema = z.strictObject({
  notificationId: z
    .string()
    .min(1, 'REQUIRED')
    .max(64, 'TOO_LONG')
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, 'NOTIFICATION_ID_CHARACTERS'),
  child: z.strictObject({
    name: PersonNameSchema,
    sex: z.enum(SEXES, 'SEX_INVALID'),
    birthDateTime: BirthDateTimeSchema,
    /** A place name (letters, spaces and . , ' -) or a Kemendagri region code (35, 35.10, 35.10.01, 35.10.01.2001). */
    birthPlace: safeText()
      .trim()
      .min(1, 'REQUIRED_WHEN_GIVEN')
      .max(80, 'TOO_LONG')
      .regex(BIRTH_PLACE_PATTERN, 'BIRTH_PLACE_FORMAT')
      .optional(),
    birthOrder: z.int('WHOLE_NUMBER').min(1, 'BIRTH_ORDER_MIN').max(30, 'TOO_BIG'),
    multipleBirth: MultipleBirthSchema.optional(),
    weightGrams: z.int('WHOLE_GRAMS').min(300, 'WEIGHT_TOO_LOW').max(7000, 'WEIGHT_TOO_HIGH'),
    lengthCm: z.number().min(20, 'LENGTH_TOO_SMALL').max(70, 'LENGTH_TOO_BIG'),
  }),
  mother: z.strictObject({ nik: NikSchema }),
  father: z.strictObject({ nik: NikSchema }).optional(),
  familyCardNumber: z.string().regex(/^\d{16}$/, 'FAMILY_CARD_DIGITS'),
  /** The KUA's number as printed on the buku nikah: letters, digits and / . - (e.g. 0123/045/XI/2020). */
  marriageCertificateNumber: safeText()
    .trim()
    .min(1, 'REQUIRED_WHEN_GIVEN')
    .max(64, 'TOO_LONG')
    .regex(/^[A-Za-z0-9][A-Za-z0-9/.-]*$/, 'MARRIAGE_NUMBER_CHARACTERS')
    .optional(),
  attendant: z.strictObject({
    type: z.enum(['DOCTOR', 'MIDWIFE', 'NURSE', 'OTHER'], 'ATTENDANT_TYPE_INVALID'),
    name: PersonNameSchema,
  }),
  contactPhone: safeText()
    .max(32, 'TOO_LONG')
    .transform((s) => s.replace(/[\s().-]/g, ''))
    .pipe(z.string().regex(/^(\+62|62|0)8\d{7,11}$/, 'PHONE_FORMAT'))
    .transform((s) => `+62${s.replace(/^(\+62|62|0)/, '')}`),
});

export type BirthNotification = z.infer<typeof BirthNotificationSchema>;

// ── POST /v1/approvals/{registrationId} ──────────────────────────────────────────────────────────

/** Why a registrar rejects, as a code: what the audit trail keeps (the free-text reason may name people). */
export const REJECTION_REASON_CODES = ['DATA_MISMATCH', 'DUPLICATE', 'DOCUMENTS_MISSING', 'OUT_OF_AREA', 'OTHER'] as const;

/** POST /v1/approvals/{registrationId}: a registrar's verdict. A rejection must say why. */
export const DecisionSchema = z
  .strictObject({
    decision: z.enum(VERDICTS, 'DECISION_INVALID'),
    reason: safeText().trim().min(1, 'REASON_REQUIRED').max(1000, 'TOO_LONG').optional(),
    reasonCode: z.enum(REJECTION_REASON_CODES).optional(),
  })
  .refine((d) => d.decision !== 'REJECT' || d.reason, { message: 'REJECTION_NEEDS_REASON', path: ['reason'] });

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
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z
    .string()
    .max(2048, 'TOO_LONG')
    .regex(/^[A-Za-z0-9_-]+$/, 'CURSOR_INVALID')
    .optional(),
};

/** GET /v1/births?limit=&cursor=: a page of the calling hospital's own submissions, newest first. */
export const BirthsQuerySchema = z.strictObject(pageQuery);

/** The registrars' work lists' filters (GET /v1/approvals, GET /v1/follow-ups). */
const workListFilters = {
  /** The submitting hospital's id (its app client id), as the items carry it in `facilityId`. */
  facility: z.string().max(128, 'TOO_LONG').regex(/^[A-Za-z0-9._:-]+$/, 'INVALID_FORMAT').optional(),
  /** A name or part of one: the child's or the mother's (as the registry has it); case and diacritics do not matter. */
  q: safeText()
    .trim()
    .min(2, 'TOO_SHORT')
    .max(60, 'TOO_LONG')
    .regex(/^[\p{L}\p{M}][\p{L}\p{M} .,'’-]*$/u, 'NAME_QUERY_CHARACTERS')
    .optional(),
};

const booleanText = z.enum(['true', 'false'], 'BOOLEAN_TEXT').transform((v) => v === 'true');

/** Who may decide a pending case. Every case is a registrar's for now; a head-of-office role is to join ('late registration'). */
export const DECIDERS = ['registrar'] as const;

/**
 * GET /v1/approvals?limit=&cursor=&facility=&check=&overdue=&decidableBy=&q=: a page of the
 * registrars' queue, oldest first, with the filters of the console's queue.
 */
export const ApprovalsQuerySchema = z.strictObject({
  ...pageQuery,
  ...workListFilters,
  /** Only cases with this registry check finding (WARNING or INFO: an ERROR never reaches the queue). */
  check: z.enum(CHECK_CODES, 'CHECK_CODE_UNKNOWN').optional(),
  /** `true`: only cases past the 4-hour promise; `false`: only those within it. */
  overdue: booleanText.optional(),
  decidableBy: z.enum(DECIDERS, 'INVALID_VALUE').optional(),
});

/** The statuses of the follow-up list: a case that ended without documents. */
export const FOLLOW_UP_STATUSES = ['REJECTED', 'FAILED'] as const;

/** GET /v1/follow-ups?status=REJECTED,FAILED&facility=&q=&limit=&cursor=: cases that ended without documents, newest first. */
export const FollowUpsQuerySchema = z.strictObject({
  ...pageQuery,
  ...workListFilters,
  status: z
    .string()
    .max(32, 'TOO_LONG')
    .transform((text) => [...new Set(text.split(',').map((s) => s.trim()))])
    .pipe(z.array(z.enum(FOLLOW_UP_STATUSES, 'FOLLOW_UP_STATUS')).min(1, 'FOLLOW_UP_STATUS'))
    .optional(),
});

/** GET /v1/dashboard?days=: the last `days` days (WIB), today included. */
export const DashboardQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(90).default(30),
});

/** GET /v1/search?q=: one key, whose shape says what it is (functions/search-births/search-key.ts). */
export const SearchQuerySchema = z.strictObject({
  q: safeText().trim().min(1, 'SEARCH_Q_REQUIRED').max(64, 'TOO_LONG'),
});
