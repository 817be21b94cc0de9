import * as z from 'zod';
import { DOCUMENT_TYPES, type DocumentType } from '../documents/content.js';
import { AMENDMENT_KINDS, AmendmentStatus, type AmendmentKind } from '../domain/amendment.js';
import { parseCalendarDate } from '../domain/calendar.js';
import { parseNik, SEXES } from '../domain/nik.js';
import { VERDICTS } from '../domain/verdict.js';
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
    .refine((text) => (text as string & { isWellFormed(): boolean }).isWellFormed(), 'Not well-formed Unicode (a lone surrogate)')
    .refine((text) => !CONTROL_OR_FORMAT.test(text), 'Control or format characters (line breaks, escapes, direction overrides, zero-width) are not allowed')
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
  registrationId: z.string().regex(REGISTRATION_ID_PATTERN, 'A registration id: the UUID POST /v1/births answered'),
  type: z.enum(DOCUMENT_TYPES as [DocumentType, ...DocumentType[]], `One of ${DOCUMENT_TYPES.join(', ')}`),
  verificationId: z.string().regex(VERIFICATION_ID_PATTERN, 'A verification id: 26 characters from the document’s QR code'),
  amendmentId: z.string().regex(REGISTRATION_ID_PATTERN, 'An amendment id: the UUID POST /v1/births/{registrationId}/amendments answered'),
} as const;
export type PathParameterName = keyof typeof PathParameterSchemas;

// ── POST /v1/births ──────────────────────────────────────────────────────────────────────────────

/**
 * POST /v1/births: a hospital's birth notification (the doctor's or midwife's birth letter of form
 * F-2.01, sent electronically). Objects are strict: an unknown field is reported by path rather than
 * silently dropped, so an integrator's typo is found on the first call.
 * Impossible input is refused here with 400; plausibility against the registry is the workflow's job.
 */
const NikSchema = z
  .string()
  .regex(/^\d{16}$/, 'A NIK has exactly 16 digits')
  .refine((nik) => parseNik(nik) !== null, 'Not a valid NIK: the date part (DDMMYY, +40 for women) is impossible');

/** Indonesian names: letters of any script, spaces and the punctuation names carry (Ni Luh Putu, Ma'ruf, Siti-Aisyah). */
const PersonNameSchema = safeText()
  .trim()
  .min(1, 'Required')
  .max(120, 'At most 120 characters')
  .regex(/^[\p{L}\p{M}][\p{L}\p{M} .,'’-]*$/u, 'Use letters, spaces and . , \' - only');

/** A place's name in any script, or a Kemendagri region code (province, regency, district, village). */
const BIRTH_PLACE_PATTERN = /^(?:[\p{L}\p{M}][\p{L}\p{M} .,'-]*|\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?)$/u;

const BirthDateTimeSchema = z.iso
  .datetime({ offset: true, local: false, message: 'Use ISO 8601 with an offset, e.g. 2026-11-20T08:15:00+07:00' })
  .refine((text) => parseCalendarDate(text) !== null, 'Not a real calendar date')
  .refine((text) => Date.parse(text) <= Date.now() + 5 * 60_000, 'A birth cannot be in the future');

export const MultipleBirthSchema = z
  .strictObject({
    count: z.int().min(2, 'A multiple birth has at least 2 children').max(8, 'At most 8'),
    order: z.int().min(1, 'Order starts at 1'),
  })
  .refine((m) => m.order <= m.count, { message: 'Order cannot exceed count', path: ['order'] });

export const BirthNotificationSchema = z.strictObject({
  notificationId: z
    .string()
    .min(1, 'Required')
    .max(64, 'At most 64 characters')
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, 'Letters, digits and . _ : / - only'),
  child: z.strictObject({
    name: PersonNameSchema,
    sex: z.enum(SEXES, 'MALE or FEMALE'),
    birthDateTime: BirthDateTimeSchema,
    /** A place name (letters, spaces and . , ' -) or a Kemendagri region code (35, 35.10, 35.10.01, 35.10.01.2001). */
    birthPlace: safeText()
      .trim()
      .min(1, 'Required when given')
      .max(80, 'At most 80 characters')
      .regex(BIRTH_PLACE_PATTERN, "A place name (letters, spaces and . , ' -) or a Kemendagri region code such as 35.10")
      .optional(),
    birthOrder: z.int('A whole number').min(1, 'Starts at 1 (anak ke-1)').max(30, 'At most 30'),
    multipleBirth: MultipleBirthSchema.optional(),
    weightGrams: z.int('Whole grams').min(300, 'Below 300 g is not a live birth we can register').max(7000, 'Above 7000 g is implausible'),
    lengthCm: z.number().min(20, 'At least 20 cm').max(70, 'At most 70 cm'),
  }),
  mother: z.strictObject({ nik: NikSchema }),
  father: z.strictObject({ nik: NikSchema }).optional(),
  familyCardNumber: z.string().regex(/^\d{16}$/, 'A family card (KK) number has exactly 16 digits'),
  /** The KUA's number as printed on the buku nikah: letters, digits and / . - (e.g. 0123/045/XI/2020). */
  marriageCertificateNumber: safeText()
    .trim()
    .min(1, 'Required when given')
    .max(64, 'At most 64 characters')
    .regex(/^[A-Za-z0-9][A-Za-z0-9/.-]*$/, 'Letters, digits and / . - only, as printed by the KUA')
    .optional(),
  attendant: z.strictObject({
    type: z.enum(['DOCTOR', 'MIDWIFE', 'NURSE', 'OTHER'], 'DOCTOR, MIDWIFE, NURSE or OTHER'),
    name: PersonNameSchema,
  }),
  contactPhone: safeText()
    .max(32, 'At most 32 characters')
    .transform((s) => s.replace(/[\s().-]/g, ''))
    .pipe(z.string().regex(/^(\+62|62|0)8\d{7,11}$/, 'An Indonesian mobile number, e.g. +6281234567890 or 081234567890'))
    .transform((s) => `+62${s.replace(/^(\+62|62|0)/, '')}`),
});

export type BirthNotification = z.infer<typeof BirthNotificationSchema>;

// ── POST /v1/approvals/{registrationId} ──────────────────────────────────────────────────────────

/** Why a registrar rejects, as a code: what the audit trail keeps (the free-text reason may name people). */
export const REJECTION_REASON_CODES = ['DATA_MISMATCH', 'DUPLICATE', 'DOCUMENTS_MISSING', 'OUT_OF_AREA', 'OTHER'] as const;

/** POST /v1/approvals/{registrationId}: a registrar's verdict. A rejection must say why. */
export const DecisionSchema = z
  .strictObject({
    decision: z.enum(VERDICTS, 'APPROVE or REJECT'),
    reason: safeText().trim().min(1, 'Required when rejecting').max(1000, 'At most 1000 characters').optional(),
    reasonCode: z.enum(REJECTION_REASON_CODES).optional(),
    // A late registration's approval: the head of office's decree (Surat Keputusan), e.g. "474.1/123/429.110/2026".
    decreeNumber: safeText()
      .trim()
      .min(1, 'Required when given')
      .max(64, 'At most 64 characters')
      .regex(/^[A-Za-z0-9][A-Za-z0-9 ./-]*$/, 'Letters, digits, spaces and . / - only')
      .optional(),
  })
  .refine((d) => d.decision !== 'REJECT' || d.reason, { message: 'A rejection needs a reason', path: ['reason'] })
  .refine((d) => d.decision === 'APPROVE' || d.decreeNumber === undefined, { message: 'A decree number goes with an approval only', path: ['decreeNumber'] });

export type Decision = z.infer<typeof DecisionSchema>;

// ── PUT /v1/webhook ──────────────────────────────────────────────────────────────────────────────

/** PUT /v1/webhook body. */
export const webhookRequestSchema = (policy: UrlPolicy) =>
  z.strictObject({
    url: safeText()
      .trim()
      .min(1, 'Required')
      .max(2048, 'At most 2048 characters')
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
    .max(2048, 'At most 2048 characters')
    .regex(/^[A-Za-z0-9_-]+$/, 'Not a cursor this API returned')
    .optional(),
};

/** GET /v1/births?limit=&cursor=: a page of the calling hospital's own submissions, newest first. */
export const BirthsQuerySchema = z.strictObject(pageQuery);

/** GET /v1/approvals?limit=&cursor=: a page of the registrars' queue. */
export const ApprovalsQuerySchema = z.strictObject(pageQuery);

/** GET /v1/dashboard?days=: the last `days` days (WIB), today included. */
export const DashboardQuerySchema = z.strictObject({
  days: z.coerce.number().int().min(1).max(90).default(30),
});

/** GET /v1/search?q=: one key, whose shape says what it is (functions/search-births/search-key.ts). */
export const SearchQuerySchema = z.strictObject({
  q: safeText().trim().min(1, 'Required: a registration id, a NIK (16 digits) or an akta number').max(64, 'At most 64 characters'),
});

// ── Amendments (after the akta: corrections and revocations) ─────────────────────────────────────

const { child: NotificationChildSchema, father: NotificationFatherSchema, marriageCertificateNumber: MarriageCertificateNumberSchema } = BirthNotificationSchema.shape;

/**
 * What a correction changes, in the notification's own shape and checked by the same rules as intake
 * (a corrected name is a name as intake accepts it). Only the fields a correction may touch: the
 * family card and the mother are the registry's, not the registration's.
 */
export const CorrectionChangesSchema = z
  .strictObject({
    child: NotificationChildSchema.pick({ name: true, sex: true, birthDateTime: true, birthPlace: true, birthOrder: true, weightGrams: true, lengthCm: true })
      .partial()
      .refine((child) => Object.keys(child).length > 0, 'Name at least one field to correct')
      .optional(),
    father: NotificationFatherSchema.unwrap().optional(),
    marriageCertificateNumber: MarriageCertificateNumberSchema,
  })
  .refine((changes) => Object.values(changes).some((value) => value !== undefined), 'Name at least one field to correct');

const EvidenceSchema = z.strictObject({
  /** What the evidence is: "SURAT_KETERANGAN_LAHIR", "BUKU_NIKAH", "PUTUSAN_PENGADILAN", … */
  type: z.string().min(1, 'Required').max(40, 'At most 40 characters').regex(/^[A-Z][A-Z0-9_]*$/, 'Upper-case letters, digits and _ (e.g. BUKU_NIKAH)'),
  reference: safeText().trim().min(1, 'Required').max(100, 'At most 100 characters').regex(/^[\p{L}\p{N}][\p{L}\p{N} ./:-]*$/u, 'Letters, digits, spaces and . / : - only'),
});

/**
 * POST /v1/births/{registrationId}/amendments: a correction (with `changes`) or a revocation (without).
 * The reason is kept with the amendment and shown to whoever decides it; never in an SMS or a log.
 */
export const AmendmentRequestSchema = z
  .strictObject({
    kind: z.enum(AMENDMENT_KINDS as [AmendmentKind, ...AmendmentKind[]], 'CORRECTION or REVOCATION'),
    changes: CorrectionChangesSchema.optional(),
    reason: safeText().trim().min(1, 'Required').max(1000, 'At most 1000 characters'),
    evidence: z.array(EvidenceSchema).max(10, 'At most 10').optional(),
  })
  .superRefine((body, ctx) => {
    if (body.kind === 'CORRECTION' && !body.changes) ctx.addIssue({ code: 'custom', message: 'A correction names what it changes', path: ['changes'] });
    if (body.kind === 'REVOCATION' && body.changes) ctx.addIssue({ code: 'custom', message: 'A revocation changes nothing: leave changes out', path: ['changes'] });
  });
export type AmendmentRequest = z.infer<typeof AmendmentRequestSchema>;

/** POST /v1/amendments/{amendmentId}: a head of office's verdict; a rejection must say why. */
export const AmendmentDecisionSchema = z
  .strictObject({
    decision: z.enum(VERDICTS, 'APPROVE or REJECT'),
    reason: safeText().trim().min(1, 'Required when rejecting').max(1000, 'At most 1000 characters').optional(),
  })
  .refine((d) => d.decision !== 'REJECT' || d.reason, { message: 'A rejection needs a reason', path: ['reason'] });
export type AmendmentDecision = z.infer<typeof AmendmentDecisionSchema>;

/** GET /v1/amendments?status=PENDING: the queue (heads of office) or one's own requests (registrars). */
export const AmendmentsQuerySchema = z.strictObject({
  /** The queue is the pending amendments (gsi1); decided ones are read with their registration. */
  status: z.enum([AmendmentStatus.PENDING], 'PENDING').default(AmendmentStatus.PENDING),
  limit: pageQuery.limit,
});
