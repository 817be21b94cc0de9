import * as z from 'zod';
import packageJson from '../package.json' with { type: 'json' };
import { ACCESS_CODE_LIMITS } from '../domain/access-code.js';
import { HOSPITAL_SCOPE } from './identity-claims.js';
import type { RouteAuth } from './routes.js';
import { httpFunctions } from '../infra/catalog.js';
import {
  ApprovalsQuerySchema,
  FollowUpsQuerySchema,
  BirthNotificationSchema,
  BirthsQuerySchema,
  DashboardQuerySchema,
  DecisionSchema,
  PathParameterSchemas,
  SearchQuerySchema,
  webhookRequestSchema,
} from './requests.js';
import { approveExample, birthNotificationExample, rejectExample, submitResponseExample, twinExample, validationErrorExample } from './examples.js';
import {
  ApprovalListSchema,
  FollowUpListSchema,
  DashboardSchema,
  DecisionResponseSchema,
  DocumentListSchema,
  DocumentTypeSchema,
  OpenApiDocumentSchema,
  HistorySchema,
  AccessCodeReissuedSchema,
  ParentRegistrationViewSchema,
  RegistrationViewSchema,
  responseSchemas,
  SearchResultSchema,
  SubmissionListSchema,
  SubmitResponseSchema,
  VerificationResultSchema,
  WebhookCreatedSchema,
  WebhookEventSchema,
  WebhookSchema,
} from './schemas.js';

/**
 * The OpenAPI 3.1 description of the HTTP API, generated: the routes are api/routes.ts's, walked
 * through the catalog's HTTP functions (infra/catalog.ts: what the CDK app deploys and the local
 * stack serves, so a route no function serves is not described), the bodies from the zod schemas
 * the handlers parse with (requests) and type their answers with (responses, api/schemas.ts).
 * What is written here is only what no schema knows: summaries, which statuses a route answers,
 * and prose. A catalog route without an entry in `operations` is a type error and, should the
 * types be bypassed, a thrown error: a new route cannot go undocumented.
 */

// ── Types of the document (the subset this generator writes) ─────────────────────────────────────

export type JsonSchema = Record<string, unknown>;
export interface Reference {
  readonly $ref: string;
  readonly description?: string;
}
export interface MediaType {
  readonly schema?: JsonSchema | Reference;
  readonly examples?: Readonly<Record<string, { readonly summary: string; readonly value: unknown }>>;
}
export interface ResponseObject {
  readonly description: string;
  readonly headers?: Readonly<Record<string, { readonly description: string; readonly schema: JsonSchema }>>;
  readonly content?: Readonly<Record<string, MediaType>>;
}
export interface ParameterObject {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
  readonly description?: string;
  readonly schema: JsonSchema | Reference;
}
export type SecurityRequirement = Readonly<Record<string, readonly string[]>>;
export interface OperationObject {
  readonly operationId: string;
  readonly tags: readonly string[];
  readonly summary: string;
  readonly description: string;
  readonly parameters?: readonly ParameterObject[];
  readonly security: readonly SecurityRequirement[];
  readonly requestBody?: { readonly required: true; readonly description: string; readonly content: Readonly<Record<string, MediaType>> };
  readonly responses: Readonly<Record<string, ResponseObject | Reference>>;
  /** How the route authenticates (api/routes.ts RouteAuth), for readers and the docs page; absent on webhooks. */
  readonly 'x-auth'?: RouteAuth;
  /** Who may call it, in words. */
  readonly 'x-callers': string;
}
export type HttpMethodKey = 'get' | 'post' | 'put' | 'delete';
export type PathItem = Partial<Record<HttpMethodKey, OperationObject>>;
export interface SecurityScheme {
  readonly type: 'http' | 'apiKey' | 'oauth2';
  readonly description: string;
  readonly [key: string]: unknown;
}
export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: { readonly title: string; readonly version: string; readonly summary: string; readonly description: string; readonly license?: { readonly name: string; readonly identifier: string } };
  readonly servers: readonly { readonly url: string; readonly description: string }[];
  readonly tags: readonly { readonly name: string; readonly description: string }[];
  readonly paths: Readonly<Record<string, PathItem>>;
  /** Requests this API makes to the hospital's own URL (PUT /v1/webhook). */
  readonly webhooks: Readonly<Record<string, PathItem>>;
  readonly components: {
    readonly schemas: Readonly<Record<string, JsonSchema>>;
    readonly responses: Readonly<Record<string, ResponseObject>>;
    readonly securitySchemes: Readonly<Record<string, SecurityScheme>>;
  };
}

// ── Request schemas: the handlers' own ───────────────────────────────────────────────────────────

/** Request bodies under their component names, emitted in zod's `input` mode: what a client sends. */
const requestSchemas = z.registry<{ id: string }>();
requestSchemas.add(BirthNotificationSchema, { id: 'BirthNotification' });
requestSchemas.add(DecisionSchema, { id: 'Decision' });
/** As deployed: https:// to a public host name (the local stack also accepts http://127.0.0.1 receivers). */
const WebhookRequestSchema = webhookRequestSchema({ allowLocalHttp: false });
requestSchemas.add(WebhookRequestSchema, { id: 'WebhookRequest' });

/**
 * What the request schemas check but JSON Schema cannot say (refinements), and what each field
 * means, by dotted path. A path that no longer exists in the schema throws, so this cannot rot.
 */
const requestFieldNotes: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  BirthNotification: {
    notificationId:
      'The hospital’s own reference for this birth. Sending the same notificationId with the same body again is safe (200, same answer); with a different body it is refused (409).',
    child: 'The newborn, as on the birth letter (surat keterangan lahir)',
    'child.name': 'Full name; letters of any script, spaces and . , \' - (e.g. Ni Luh Putu, Ma’ruf)',
    'child.birthDateTime':
      'The instant of birth, ISO 8601 with an offset (+07:00 WIB, +08:00 WITA, +09:00 WIT) or Z (UTC, as SATUSEHAT sends it). The birth date is the date of that instant in the registering office’s zone (WIB for Banyuwangi), whatever offset is written: 2026-11-20T20:00:00Z is born on 21 November (03:00 WIB). A real calendar date, not in the future.',
    'child.birthPlace': 'Town or regency of birth, as printed on the akta',
    'child.birthOrder': 'Anak ke-: the child’s position among the mother’s children (1 = first)',
    'child.multipleBirth': 'Twins, triplets: each child is its own notification, with the same count and its own order (order ≤ count)',
    'child.weightGrams': 'Birth weight in grams',
    'child.lengthCm': 'Birth length in centimetres',
    mother: 'The mother, by NIK: she must be registered in the family card given',
    'mother.nik': '16 digits whose date part (DDMMYY, +40 for women) is a real date',
    father: 'Omit when unknown; with no marriage record the akta names the mother only',
    'father.nik': '16 digits whose date part (DDMMYY, +40 for women) is a real date',
    familyCardNumber: 'The family card (KK) the child joins',
    marriageCertificateNumber: 'Marriage record number; without it the registrar sees an INFO finding',
    attendant: 'Who assisted the birth',
    contactPhone: 'An Indonesian mobile number; spaces, dots, dashes and brackets are ignored, and it is stored as +628…',
  },
  WebhookRequest: {
    url: 'https:// on a public host name (no IP addresses, internal names or credentials in the URL), at most 2048 characters',
  },
  Decision: {
    decision: 'APPROVE issues the NIK, KK, akta and KIA; REJECT ends the registration',
    reason: 'Required to reject: the hospital sees it in GET /v1/births/{registrationId}',
    reasonCode: 'Optional: the reason as a code, which is what the audit trail keeps (the free text may name people)',
  },
};

// ── Operations: the table every catalog route must have an entry in ─────────────────────────────

export type HttpFunctionId = (typeof httpFunctions)[number]['id'];

const TAGS = [
  { name: 'Births', description: 'Kelahiran: hospitals notify a birth and follow it; parents follow it with their access code' },
  { name: 'Approvals', description: 'Persetujuan: registrars (petugas Dukcapil) review and decide' },
  { name: 'Registry office', description: 'Kantor Dukcapil: registrars search past registrations, read a case’s history and the office’s figures' },
  { name: 'Documents', description: 'Dokumen: the signed akta kelahiran, KK and KIA as PDFs' },
  { name: 'Verification', description: 'Verifikasi: anyone can check that a printed document is genuine' },
  { name: 'Webhooks', description: 'Hospitals receive status changes at their own URL' },
  { name: 'API description', description: 'This document and its readable page' },
] as const;
type Tag = (typeof TAGS)[number]['name'];

/** Errors every route may answer, under components.responses. */
type CommonResponse =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'Conflict'
  | 'Gone'
  | 'PayloadTooLarge'
  | 'UnsupportedMediaType'
  | 'TooManyRequests'
  | 'InternalError'
  | 'ServiceUnavailable';

interface ResponseSpec {
  readonly description: string;
  /** application/json body: a schema registered in api/schemas.ts, or several (one of them, by caller). */
  readonly json?: z.ZodType | readonly z.ZodType[];
  readonly examples?: MediaType['examples'];
  readonly pdf?: true;
  readonly html?: true;
  readonly headers?: ResponseObject['headers'];
}

interface OperationSpec {
  readonly tag: Tag;
  readonly summary: string;
  readonly description: string;
  readonly callers: string;
  readonly query?: z.ZodObject;
  readonly queryNotes?: Readonly<Record<string, string>>;
  readonly body?: { readonly schema: z.ZodType; readonly description: string; readonly examples?: MediaType['examples'] };
  /** Status → what the handler answers, or a common error (optionally with a route-specific description). */
  readonly responses: Readonly<Record<number, ResponseSpec | CommonResponse | readonly [CommonResponse, string]>>;
}

/** What the routes parents open with their access code answer besides their own statuses. */
const accessCodeErrors = {
  401: ['Unauthorized', 'No token or access code, an invalid token, or a wrong access code'],
  403: ['Forbidden', 'A valid token of neither a hospital nor a registrar'],
  429: ['TooManyRequests', 'Too many wrong access codes: wait `Retry-After` seconds'],
  500: 'InternalError',
} as const satisfies OperationSpec['responses'];

/** The paged lists' `?limit=&cursor=` (api/requests.ts pageQuery): what each means, and their 400. */
const pageQueryNotes = { limit: 'Page size', cursor: 'The `nextCursor` of the previous page' };
const badPageQuery = ['BadRequest', 'A bad `limit`, a cursor this API did not return, or an unknown query parameter'] as const;

const retryAfter = { 'retry-after': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 0 } } } as const;
const pdf = (description: string): ResponseSpec => ({
  description,
  pdf: true,
  headers: { 'content-disposition': { description: 'inline; filename="…pdf"', schema: { type: 'string' } } },
});

const operations = {
  SubmitBirth: {
    tag: 'Births',
    summary: 'Notify a birth',
    description:
      'A hospital files the birth letter electronically. The registration is stored and its workflow started in one step: registry checks, then a registrar’s decision, then the NIK, the family card, the akta and the KIA. Idempotent by `notificationId`: the same notification again answers 200 with the same registration and access code, and starts nothing new; the same `notificationId` with a different body is 409. Invalid input is 400 with every problem by field, and stores nothing.',
    callers: 'hospital (client-credentials token with scope lahir-api/hospital)',
    body: {
      schema: BirthNotificationSchema,
      description: 'The birth notification. Objects are strict: an unknown field is reported by its path.',
      examples: {
        single: { summary: 'A second child, father known, married parents', value: birthNotificationExample },
        twin: { summary: 'The second of twins', value: twinExample },
      },
    },
    responses: {
      202: { description: 'Accepted: a new registration; its workflow has started', json: SubmitResponseSchema, examples: { new: { summary: 'New registration', value: submitResponseExample } } },
      200: { description: 'The same notification again: the same registration and access code, nothing new started', json: SubmitResponseSchema },
      400: 'BadRequest',
      401: 'Unauthorized',
      403: ['Forbidden', 'Not a hospital token (the scope lahir-api/hospital is missing)'],
      409: ['Conflict', 'This notificationId was already sent with a different body; `registrationId` names the registration that holds it'],
      413: 'PayloadTooLarge',
      415: 'UnsupportedMediaType',
      429: ['TooManyRequests', "Over the hospital's intake quota (60 notifications a minute, 1,000 a day): nothing stored; wait `Retry-After` seconds and send it again"],
      500: 'InternalError',
      503: ['ServiceUnavailable', 'Stored, but the workflow could not start yet: send the same request again'],
    },
  },
  GetBirth: {
    tag: 'Births',
    summary: 'Follow a registration',
    description:
      'Status, timeline, registry checks, the registrar’s decision, and once COMPLETED the numbers issued (NIK, KK, akta, KIA). A hospital sees only its own registrations (another hospital’s is 404, as if it did not exist); parents only the one their access code opens.',
    callers: 'the submitting hospital, any registrar, the parents (X-Access-Code)',
    responses: {
      400: ['BadRequest', 'A malformed `registrationId` (not the UUID POST /v1/births answered), at path `registrationId`'],
      200: { description: 'The registration: `Registration` for hospitals and registrars, `ParentRegistration` for the parents', json: [RegistrationViewSchema, ParentRegistrationViewSchema] },
      401: ['Unauthorized', 'No token or access code, an invalid token, or a wrong access code'],
      403: ['Forbidden', 'A valid token of neither a hospital nor a registrar'],
      404: ['NotFound', 'No such registration, or another hospital’s'],
      429: ['TooManyRequests', 'Too many wrong access codes for this registration or from this address: wait `Retry-After` seconds'],
      500: 'InternalError',
    },
  },
  ListApprovals: {
    tag: 'Approvals',
    summary: 'The registrars’ queue',
    description:
      'Registrations waiting for a decision, oldest first, as the queue lists them: the child (name, sex, birth date and time), the mother’s name from the registry, the hospital, the registry checks by code and severity, how long each has waited, whether it is past the 4-hour promise (`overdue`), whether it was escalated, and who may decide it (`decidableBy`). No NIKs: open the case with `GET /v1/births/{registrationId}` for everything the decision needs. `total` counts the cases matching the filters in the whole queue; filters are combined (AND) and kept on every page with the cursor.',
    callers: 'registrar',
    query: ApprovalsQuerySchema,
    queryNotes: {
      ...pageQueryNotes,
      facility: 'Only this hospital’s cases (its `facilityId`)',
      check: 'Only cases with this registry check finding, e.g. `POSSIBLE_DUPLICATE` or `LATE_REGISTRATION`',
      overdue: '`true`: only cases past the 4-hour promise; `false`: only those within it',
      decidableBy: 'Only cases this role may decide (`registrar`)',
      q: 'A name or part of one, the child’s or the mother’s; case and diacritics do not matter (at least 2 letters)',
    },
    responses: {
      200: { description: 'A page of pending decisions', json: ApprovalListSchema },
      400: ['BadRequest', 'A bad `limit`, a cursor this API did not return, an unknown check code, a name with digits or signs, or an unknown query parameter'],
      401: 'Unauthorized',
      403: ['Forbidden', 'Not a registrar'],
      429: 'TooManyRequests',
      500: 'InternalError',
    },
  },
  ListFollowUps: {
    tag: 'Approvals',
    summary: 'Cases to follow up',
    description:
      'Registrations that ended without documents, REJECTED (by the registry checks or a registrar) or FAILED (e.g. the approval expired), newest first: the child, the mother’s name, the hospital, the checks by code, the rejection’s source and codes or the failure. No NIKs: open the case with `GET /v1/births/{registrationId}`. `total` counts the cases matching the filters.',
    callers: 'registrar',
    query: FollowUpsQuerySchema,
    queryNotes: {
      ...pageQueryNotes,
      status: '`REJECTED`, `FAILED` or both, comma-separated (default both)',
      facility: 'Only this hospital’s cases (its `facilityId`)',
      q: 'A name or part of one, the child’s or the mother’s; case and diacritics do not matter',
    },
    responses: {
      200: { description: 'A page of cases to follow up', json: FollowUpListSchema },
      400: badPageQuery,
      401: 'Unauthorized',
      403: ['Forbidden', 'Not a registrar'],
      429: 'TooManyRequests',
      500: 'InternalError',
    },
  },
  DecideApproval: {
    tag: 'Approvals',
    summary: 'Approve or reject',
    description:
      'Records the registrar’s decision exactly once and resumes the workflow: an approval issues the NIK, adds the child to the KK and issues the akta and the KIA within seconds. Sending the same decision again is a safe retry (200); a different decision is 409; after the approval window closed (4 hours, then 7 days escalated) it is 410 and the hospital must notify again.',
    callers: 'registrar',
    body: {
      schema: DecisionSchema,
      description: 'The decision; a rejection needs a reason.',
      examples: { approve: { summary: 'Approve', value: approveExample }, reject: { summary: 'Reject with a reason', value: rejectExample } },
    },
    responses: {
      200: { description: 'Recorded (or the same decision again)', json: DecisionResponseSchema },
      400: 'BadRequest',
      401: 'Unauthorized',
      403: ['Forbidden', 'Not a registrar'],
      404: ['NotFound', 'No such registration'],
      409: ['Conflict', 'Already decided differently (`decision`), or not awaiting a decision (`status`)'],
      410: ['Gone', 'The approval window has closed: the registration FAILED with ApprovalExpired'],
      413: 'PayloadTooLarge',
      415: 'UnsupportedMediaType',
      429: 'TooManyRequests',
      500: 'InternalError',
      503: ['ServiceUnavailable', 'Recorded, but the workflow did not confirm: send the same decision again'],
    },
  },
  PreviewDocuments: {
    tag: 'Approvals',
    summary: 'Preview the documents before deciding',
    description:
      'The akta, the KK print and the KIA exactly as they will be issued (same content, same layout), marked DRAF, in one PDF; numbers that do not exist yet are shown as pending. Only while the registration waits for a decision.',
    callers: 'registrar',
    responses: {
      400: ['BadRequest', 'A malformed `registrationId` (not the UUID POST /v1/births answered), at path `registrationId`'],
      200: pdf('The three drafts in one PDF'),
      401: 'Unauthorized',
      403: ['Forbidden', 'Not a registrar'],
      404: ['NotFound', 'No such registration'],
      409: ['Conflict', 'No longer waiting for a decision, or the family card or mother is missing from the registry (`status`)'],
      429: 'TooManyRequests',
      500: 'InternalError',
    },
  },
  ListDocuments: {
    tag: 'Documents',
    summary: 'List the issued documents',
    description:
      'The signed documents of a COMPLETED registration with their numbers, verification ids (printed as QR codes) and download links. Before completion the answer is 409 with the current `status`: poll GET /v1/births/{registrationId} meanwhile.',
    callers: 'the submitting hospital, any registrar, the parents (X-Access-Code)',
    responses: {
      400: ['BadRequest', 'A malformed `registrationId` (not the UUID POST /v1/births answered), at path `registrationId`'],
      ...accessCodeErrors,
      200: { description: 'The documents', json: DocumentListSchema },
      404: ['NotFound', 'No such registration, or another hospital’s'],
      409: ['Conflict', 'Not COMPLETED yet (`status`)'],
    },
  },
  GetDocument: {
    tag: 'Documents',
    summary: 'Download one document',
    description:
      'One signed document as a PDF (akta kelahiran, KK or KIA), rendered from the record frozen at issuance, with the verification QR code. Each download is audited.',
    callers: 'the submitting hospital, any registrar, the parents (X-Access-Code)',
    responses: {
      ...accessCodeErrors,
      200: pdf('The signed PDF'),
      400: ['BadRequest', 'A malformed `registrationId`, or not a document type (at the parameter’s path)'],
      404: ['NotFound', 'No such registration (or another hospital’s), or no such document'],
      409: ['Conflict', 'Not COMPLETED yet (`status`)'],
    },
  },
  GetBundle: {
    tag: 'Documents',
    summary: 'Download all three in one PDF',
    description: 'The akta, the KK and the KIA in one PDF, for printing at the hospital or at home.',
    callers: 'the submitting hospital, any registrar, the parents (X-Access-Code)',
    responses: {
      400: ['BadRequest', 'A malformed `registrationId` (not the UUID POST /v1/births answered), at path `registrationId`'],
      ...accessCodeErrors,
      200: pdf('The three signed documents in one PDF'),
      404: ['NotFound', 'No such registration, or another hospital’s'],
      409: ['Conflict', 'Not COMPLETED yet (`status`)'],
    },
  },
  VerifyDocument: {
    tag: 'Verification',
    summary: 'Check a printed document',
    description:
      'The URL in a document’s QR code. Anyone (a school, a clinic, a bank) can check that the paper was issued by this office and says what was issued: the type, the number, the date, the office, and the name partly masked to compare with the paper. A browser (Accept: text/html) gets a page, anything else JSON. Checks are counted per address.',
    callers: 'anyone, no authentication',
    responses: {
      200: { description: 'Genuine: issued by this office and unchanged since (`valid: true`)', json: VerificationResultSchema, html: true },
      404: { description: 'Not genuine: no such verification id, or the record no longer matches its signature (`valid: false`)', json: VerificationResultSchema, html: true },
      429: ['TooManyRequests', 'Too many checks from this address: wait `Retry-After` seconds'],
      500: 'InternalError',
    },
  },
  PutWebhook: {
    tag: 'Webhooks',
    summary: 'Set the webhook',
    description:
      'Sets (or replaces) where this hospital’s registration events are POSTed, and answers a new signing secret, shown this once: the previous secret stops signing at once. Each delivery carries `x-lahir-timestamp` and `x-lahir-signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`; failed deliveries are retried with back-off.',
    callers: 'hospital',
    body: { schema: WebhookRequestSchema, description: 'The URL to deliver to', examples: { set: { summary: 'A hospital information system endpoint', value: { url: 'https://his.example.co.id/lahir/events' } } } },
    responses: {
      200: { description: 'Set; keep the secret, it is not shown again', json: WebhookCreatedSchema },
      400: ['BadRequest', 'Not an https:// URL on a public host'],
      401: 'Unauthorized',
      403: ['Forbidden', 'Not a hospital token'],
      413: 'PayloadTooLarge',
      415: 'UnsupportedMediaType',
      429: 'TooManyRequests',
      500: 'InternalError',
    },
  },
  ListBirths: {
    tag: 'Births',
    summary: 'The hospital’s own submissions',
    description:
      'Birth notifications this hospital sent, newest first: status, the reason of a rejection, and the parents’ access code to print on their slip (the web console’s hospital page).',
    callers: 'hospital',
    query: BirthsQuerySchema,
    queryNotes: pageQueryNotes,
    responses: {
      200: { description: 'A page of submissions', json: SubmissionListSchema },
      400: badPageQuery,
      401: 'Unauthorized',
      403: ['Forbidden', 'Not a hospital token'],
      429: 'TooManyRequests',
      500: 'InternalError',
    },
  },
  GetWebhook: {
    tag: 'Webhooks',
    summary: 'Show the webhook',
    description: 'Where this hospital’s events go. The secret is never shown again: set the webhook anew to get a new one.',
    callers: 'hospital',
    responses: {
      200: { description: 'The webhook', json: WebhookSchema },
      401: 'Unauthorized',
      403: ['Forbidden', 'Not a hospital token'],
      404: ['NotFound', 'No webhook is set'],
      429: 'TooManyRequests',
      500: 'InternalError',
    },
  },
  DeleteWebhook: {
    tag: 'Webhooks',
    summary: 'Remove the webhook',
    description: 'Stops deliveries to this hospital; events already queued are dropped when their turn comes. 204 whether or not one was set, so a retry is harmless.',
    callers: 'hospital',
    responses: {
      204: { description: 'Removed (or there was none)' },
      401: 'Unauthorized',
      403: ['Forbidden', 'Not a hospital token'],
      429: 'TooManyRequests',
      500: 'InternalError',
    },
  },
  GetHistory: {
    tag: 'Registry office',
    summary: 'The history of a case',
    description:
      'The registration’s timeline (every workflow step, once) and its audit trail (the hospital’s submission, the registrar’s decision with its reason code, document downloads, wrong access codes), merged, oldest first. Who did what, when and from where; codes only, never free text or the access code.',
    callers: 'registrar',
    responses: {
      400: ['BadRequest', 'A malformed `registrationId` (not the UUID POST /v1/births answered), at path `registrationId`'],
      200: { description: 'The history', json: HistorySchema },
      401: 'Unauthorized',
      403: ['Forbidden', 'Not a registrar'],
      404: ['NotFound', 'No such registration'],
      429: 'TooManyRequests',
      500: 'InternalError',
    },
  },
  ReissueAccessCode: {
    tag: 'Registry office',
    summary: 'Give the parents a new access code',
    description:
      'For a lost slip, a code someone else learnt, or a family kept out by someone guessing: the next code is made, the previous one stops opening the registration at once, and the registration’s lockout is lifted. The new code is in this answer only (hospitals see a code for 24 hours after intake, never a re-issued one). Audited (ACCESS_CODE_REISSUED, by whom, never the code).',
    callers: 'registrar',
    responses: {
      200: { description: 'The new code, shown this once', json: AccessCodeReissuedSchema },
      401: 'Unauthorized',
      403: ['Forbidden', 'Not a registrar'],
      404: ['NotFound', 'No such registration'],
      409: ['Conflict', 'Another registrar re-issued it at the same moment: look again'],
      429: 'TooManyRequests',
      500: 'InternalError',
    },
  },
  SearchBirths: {
    tag: 'Registry office',
    summary: 'Find past registrations',
    description:
      'One key, recognised by its shape: a registration id (UUID), a NIK (16 digits: the child’s, or the mother’s, which may match several births) or an akta number. Key reads and one index query, no scans. Every search is audited (by whom, the kind of key, how many results; not the key itself).',
    callers: 'registrar',
    query: SearchQuerySchema,
    queryNotes: { q: 'A registration id, a NIK (16 digits) or an akta number such as 3510-LT-22112026-0001' },
    responses: {
      200: { description: 'What the key leads to (possibly nothing)', json: SearchResultSchema },
      400: ['BadRequest', '`q` is missing or is none of the searchable keys (path `q`)'],
      401: 'Unauthorized',
      403: ['Forbidden', 'Not a registrar'],
      429: 'TooManyRequests',
      500: 'InternalError',
    },
  },
  GetDashboard: {
    tag: 'Registry office',
    summary: 'The office’s figures',
    description:
      'Over the last `days` days (WIB, today included): births registered per day (documents issued), the median minutes from the hospital’s notification to the signed documents, the share of registrar decisions made within 4 hours, the share of births registered within 60 days of birth, and the cases waiting now by age (<1 h, 1–4 h, >4 h). Read from small facts written with each decision and each registration, in one transaction with it (counted once).',
    callers: 'registrar',
    query: DashboardQuerySchema,
    queryNotes: { days: 'Window length in days, 1–90 (default 30)' },
    responses: {
      200: { description: 'The figures', json: DashboardSchema },
      400: ['BadRequest', '`days` outside 1–90, or an unknown query parameter'],
      401: 'Unauthorized',
      403: ['Forbidden', 'Not a registrar'],
      429: 'TooManyRequests',
      500: 'InternalError',
    },
  },
  OpenApiDocument: {
    tag: 'API description',
    summary: 'This document',
    description: 'The OpenAPI 3.1 description of the API, with this server as its server URL. Generated from the schemas the service validates with.',
    callers: 'anyone, no authentication',
    responses: {
      200: { description: 'OpenAPI 3.1 document', json: OpenApiDocumentSchema },
      429: 'TooManyRequests',
      500: 'InternalError',
    },
  },
  ApiDocs: {
    tag: 'API description',
    summary: 'Readable documentation',
    description: 'This document as a self-contained HTML page (no scripts): every operation with its parameters, bodies, responses and examples.',
    callers: 'anyone, no authentication',
    responses: {
      200: { description: 'HTML page', html: true },
      429: 'TooManyRequests',
      500: 'InternalError',
    },
  },
} as const satisfies Record<HttpFunctionId, OperationSpec>;

const operationTable: Readonly<Record<string, OperationSpec | undefined>> = operations;

// ── Shared pieces ────────────────────────────────────────────────────────────────────────────────

/** Path parameters by name; a route template naming another throws. */
const pathParameters: Readonly<Record<string, { readonly description: string; readonly schema: z.ZodType }>> = {
  registrationId: { description: 'The `registrationId` POST /v1/births answered', schema: PathParameterSchemas.registrationId },
  type: { description: 'Which document', schema: PathParameterSchemas.type },
  verificationId: { description: 'From the document’s QR code: 26 characters, lower-case Crockford base32', schema: PathParameterSchemas.verificationId },
};

const TOKEN_URL_EXAMPLE = 'https://lahir-3510-ACCOUNT.auth.ap-southeast-3.amazoncognito.com/oauth2/token';

function securitySchemes(tokenUrl: string): Record<string, SecurityScheme> {
  const { perRegistration, perNetwork } = ACCESS_CODE_LIMITS;
  return {
    bearer: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        'A Cognito access token in `Authorization: Bearer <token>`. Hospitals: one app client per hospital, client-credentials grant with scope `lahir-api/hospital` (see hospitalClientCredentials). Registrars: a user token of the `registrars` group (the registrar console signs in with MFA). Locally, `npm start` writes ready tokens to .local/dev-credentials.json.',
    },
    hospitalClientCredentials: {
      type: 'oauth2',
      description: `How a hospital obtains its bearer token: POST client_id and client_secret (issued by the registry office) to the token URL, the deployment’s \`TokenUrl\` stack output (${tokenUrl === TOKEN_URL_EXAMPLE ? 'shape shown; ACCOUNT is the AWS account' : 'this deployment’s'}). Tokens last 1 hour.`,
      flows: { clientCredentials: { tokenUrl, scopes: { [HOSPITAL_SCOPE]: 'Notify births and follow them; manage the webhook' } } },
    },
    accessCode: {
      type: 'apiKey',
      in: 'header',
      name: 'X-Access-Code',
      description:
        `Parents: the 12-character code the hospital printed for them (e.g. \`7K2Q-M9XD-4TRV\`; case, spaces and dashes do not matter). It opens only its own registration. Wrong codes are counted before the code is compared: after ${perRegistration.max} in ${perRegistration.windowSeconds / 60} minute(s) for one registration (or ${perNetwork.max} in ${perNetwork.windowSeconds / 60} minutes from one network: the /24 of an IPv4 address, the /56 of an IPv6 one) every attempt is refused with 429 until the window ends, at most that long after it began; right codes never count. A code for a registration that does not exist is 401.`,
    },
  };
}

/** Security per route auth kind: jwt → bearer; jwt-or-access-code → bearer or the access code; public → none. */
function securityFor(auth: RouteAuth, scopes: readonly string[]): SecurityRequirement[] {
  switch (auth) {
    case 'jwt':
      return scopes.length > 0 ? [{ bearer: [...scopes] }, { hospitalClientCredentials: [...scopes] }] : [{ bearer: [] }];
    case 'jwt-or-access-code':
      return [{ bearer: [] }, { accessCode: [] }];
    case 'public':
      return [];
  }
}

const ref = (id: string): Reference => ({ $ref: `#/components/schemas/${id}` });
const json = (schema: JsonSchema | Reference): MediaType => ({ schema });
const oneOf = (...ids: string[]): JsonSchema => ({ oneOf: ids.map(ref) });

const commonResponses: Record<CommonResponse, ResponseObject> = {
  BadRequest: {
    description: 'Invalid input: every problem with its field path; nothing was stored',
    content: { 'application/json': { schema: ref('ValidationError'), examples: { invalid: { summary: 'Two invalid fields', value: validationErrorExample } } } },
  },
  Unauthorized: {
    description: 'No credentials, or invalid or expired ones',
    headers: { 'www-authenticate': { description: 'Bearer (from the gateway)', schema: { type: 'string' } } },
    content: { 'application/json': json(oneOf('GatewayError', 'Error')) },
  },
  Forbidden: { description: 'Valid credentials of a caller this route is not open to', content: { 'application/json': json(oneOf('GatewayError', 'Error')) } },
  NotFound: { description: 'Not found', content: { 'application/json': json(ref('Error')) } },
  Conflict: { description: 'The request conflicts with the registration’s state', content: { 'application/json': json(ref('Error')) } },
  Gone: { description: 'No longer possible', content: { 'application/json': json(ref('Error')) } },
  PayloadTooLarge: { description: 'Body over 10 MB (refused by the gateway)', content: { 'application/json': json(ref('GatewayError')) } },
  UnsupportedMediaType: { description: 'The body was not sent as application/json', content: { 'application/json': json(ref('Error')) } },
  TooManyRequests: {
    description: 'Throttled: by the gateway (`{message}`), or by the service for repeated failed attempts (`{error, retryAfterSeconds}` and a Retry-After header)',
    headers: retryAfter,
    content: { 'application/json': json(oneOf('GatewayError', 'Error')) },
  },
  InternalError: {
    description: 'Something failed on our side; nothing internal is echoed. Quote `requestId` when reporting it.',
    content: { 'application/json': json(oneOf('Error', 'GatewayError')) },
  },
  ServiceUnavailable: {
    description: 'A dependency is briefly unavailable or the gateway timed out: retry the same request after Retry-After seconds',
    headers: retryAfter,
    content: { 'application/json': json(oneOf('Error', 'GatewayError')) },
  },
};

// ── Generation ───────────────────────────────────────────────────────────────────────────────────

const JSON_SCHEMA_OPTIONS = { target: 'draft-2020-12', unrepresentable: 'any', uri: (id: string) => `#/components/schemas/${id}` } as const;

/** Every registered schema as a component: requests in `input` mode, responses in `output` mode. */
function componentSchemas(): Record<string, JsonSchema> {
  const emitted = [
    z.toJSONSchema(requestSchemas, { ...JSON_SCHEMA_OPTIONS, io: 'input' }).schemas,
    z.toJSONSchema(responseSchemas, { ...JSON_SCHEMA_OPTIONS, io: 'output' }).schemas,
  ];
  const components: Record<string, JsonSchema> = {};
  for (const schemas of emitted) {
    for (const [id, schema] of Object.entries(schemas)) {
      // Only cycles would land here (reused sub-schemas are inlined); the API has none.
      if (id === '__shared') throw new Error('A schema of the API refers to itself; give it a component name');
      if (id in components) throw new Error(`Schema component ${id} is both a request and a response schema`);
      // `$id` and `$schema` are for standalone schemas; inside the document the component name is the id.
      const { $id: _id, $schema: _schema, ...rest } = schema as JsonSchema;
      components[id] = rest;
    }
  }
  for (const [id, notes] of Object.entries(requestFieldNotes)) {
    const component = components[id];
    if (!component) throw new Error(`Field notes for unknown schema ${id}`);
    for (const [path, description] of Object.entries(notes)) {
      const target = path.split('.').reduce<JsonSchema | undefined>((schema, key) => (schema?.['properties'] as Record<string, JsonSchema> | undefined)?.[key], component);
      if (!target) throw new Error(`Field notes for ${id}.${path}, which the schema does not have`);
      target['description'] = description;
    }
  }
  return components;
}

/** A component reference for a body schema; bodies must be registered so the document names them. */
function schemaRef(schema: z.ZodType): Reference {
  const id = requestSchemas.get(schema)?.id ?? responseSchemas.get(schema)?.id;
  if (!id) throw new Error('A body schema is not registered: add it to responseSchemas (api/schemas.ts) or requestSchemas (api/openapi.ts)');
  return ref(id);
}

/** An inline JSON Schema for a parameter, with references to components where it uses one. */
function inlineSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema | Reference {
  const id = responseSchemas.get(schema)?.id;
  if (id) return ref(id);
  const { $schema: _schema, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io }) as JsonSchema;
  return rest;
}

function queryParameters(query: z.ZodObject, notes: Readonly<Record<string, string>> = {}): ParameterObject[] {
  const schema = z.toJSONSchema(query, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, property]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    ...(notes[name] ? { description: notes[name] } : {}),
    schema: property,
  }));
}

function pathParametersOf(path: string): ParameterObject[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map(([, name = '']) => {
    if (name.endsWith('+')) throw new Error(`Greedy path parameter {${name}} in ${path} has no OpenAPI equivalent`);
    const known = pathParameters[name];
    if (!known) throw new Error(`Path parameter {${name}} of ${path} is not described in api/openapi.ts pathParameters`);
    return { name, in: 'path', required: true, description: known.description, schema: inlineSchema(known.schema, 'input') };
  });
}

function responseObject(spec: OperationSpec['responses'][number]): ResponseObject | Reference {
  if (typeof spec === 'string') return { $ref: `#/components/responses/${spec}` };
  if (Array.isArray(spec)) {
    const [name, description] = spec as readonly [CommonResponse, string];
    return { $ref: `#/components/responses/${name}`, description };
  }
  const response = spec as ResponseSpec;
  const content: Record<string, MediaType> = {};
  if (response.json) {
    const schema = Array.isArray(response.json) ? { oneOf: (response.json as readonly z.ZodType[]).map(schemaRef) } : schemaRef(response.json as z.ZodType);
    content['application/json'] = { schema, ...(response.examples ? { examples: response.examples } : {}) };
  }
  if (response.html) content['text/html'] = { schema: { type: 'string', contentMediaType: 'text/html' } };
  if (response.pdf) content['application/pdf'] = { schema: { type: 'string', format: 'binary', contentMediaType: 'application/pdf' } };
  return {
    description: response.description,
    ...(response.headers ? { headers: response.headers } : {}),
    ...(Object.keys(content).length > 0 ? { content } : {}),
  };
}

/** Every answer's words (errors, validation issues, rejection reasons) follow it; the codes never change (api/messages.ts). */
const acceptLanguage: ParameterObject = {
  name: 'Accept-Language',
  in: 'header',
  required: false,
  description: 'The language of the words in the answer: `en` (the default) or `id` (Bahasa Indonesia). Codes (`code`, `issues[].code`) are the same in both.',
  schema: { type: 'string', examples: ['id', 'en', 'id-ID,id;q=0.9,en;q=0.8'] },
};

function operationObject(spec: (typeof httpFunctions)[number], op: OperationSpec): OperationObject {
  const { id, route } = spec;
  const scopes: readonly string[] = 'scopes' in route ? route.scopes : [];
  const parameters = [
    ...pathParametersOf(route.path),
    ...(op.query ? queryParameters(op.query, op.queryNotes) : []),
    ...(id === 'OpenApiDocument' || id === 'ApiDocs' ? [] : [acceptLanguage]),
  ];
  return {
    operationId: id,
    tags: [op.tag],
    summary: op.summary,
    description: op.description,
    ...(parameters.length > 0 ? { parameters } : {}),
    security: securityFor(route.auth, scopes),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            description: op.body.description,
            content: { 'application/json': { schema: schemaRef(op.body.schema), ...(op.body.examples ? { examples: op.body.examples } : {}) } },
          },
        }
      : {}),
    responses: Object.fromEntries(
      Object.entries(op.responses)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([status, response]) => [status, responseObject(response)]),
    ),
    'x-auth': route.auth,
    'x-callers': op.callers,
  };
}

/** The event delivery a hospital receives at the URL it set with PUT /v1/webhook. */
function webhookOperations(): Record<string, PathItem> {
  const header = (name: string, description: string, schema: JsonSchema): ParameterObject => ({ name, in: 'header', required: true, description, schema });
  return {
    registrationEvent: {
      post: {
        operationId: 'RegistrationEvent',
        tags: ['Webhooks'],
        summary: 'A registration ended (you receive this)',
        description:
          'POSTed to the hospital’s webhook URL when one of its registrations ends COMPLETED or REJECTED. Verify the signature over the raw body before trusting it, refuse timestamps older than a few minutes, and deduplicate on the event id: delivery is at least once. Any 2xx within 5 seconds counts as delivered; anything else is retried with growing random back-off (up to an hour apart) before the event is given up. Redirects are not followed.',
        'x-callers': 'this API, to the hospital’s webhook URL',
        parameters: [
          header('x-lahir-event-id', 'The event id (as in the body): the same on every retry', { type: 'string' }),
          header('x-lahir-timestamp', 'Unix seconds when this attempt was signed', { type: 'string', pattern: '^\\d+$' }),
          header('x-lahir-attempt', 'Attempt number, from 1', { type: 'string', pattern: '^\\d+$' }),
          header('x-lahir-signature', '`sha256=` + hex HMAC-SHA256 of `<x-lahir-timestamp>.<raw body>` with the webhook secret', { type: 'string', pattern: '^sha256=[0-9a-f]{64}$' }),
        ],
        security: [],
        requestBody: { required: true, description: 'The event', content: { 'application/json': { schema: schemaRef(WebhookEventSchema) } } },
        responses: {
          '2XX': { description: 'Received: not sent again' },
          default: { description: 'Not received (also: no answer within 5 s): sent again later' },
        },
      },
    },
  };
}

const DESCRIPTION = `A child born in a hospital goes home with its papers. This API is how.

### The flow

1. **The hospital notifies the birth**: \`POST /v1/births\` with a client-credentials token. The answer carries the \`registrationId\` and the parents' **access code**: print it for them.
2. **Registry checks** run at once against the population registry (family card, mother, father, duplicates, late registration). An ERROR finding rejects the registration; the hospital sees why in \`GET /v1/births/{registrationId}\`.
3. **A registrar approves** (\`GET /v1/approvals\`, \`POST /v1/approvals/{registrationId}\`), within the 4-hour promise.
4. **Documents**: the child's NIK, the updated family card (KK), the birth certificate (akta kelahiran) and the child ID card (KIA) are issued and signed; the status becomes COMPLETED and the PDFs can be downloaded. Each carries a QR code anyone can check at \`/v1/verify/{verificationId}\`.

**Idempotency**: \`notificationId\` is the hospital's own reference. Sending the same notification again (a timeout, a retry) answers 200 with the same registration and access code and starts nothing new; the same \`notificationId\` with a different body is 409. Correct a rejected notification by sending a new one under a new \`notificationId\`.

**Parents** have no account: the access code in the \`X-Access-Code\` header opens their child's registration and documents, nothing else.

**Errors** are JSON: \`{"error": "...", "code": "..."}\`, and for invalid input \`400 {"error", "code": "VALIDATION_FAILED", "issues": [{"path": "child.birthDateTime", "code": "BIRTH_DATE_TIME_FORMAT", "message": "..."}]}\`. The \`code\`s are stable; the words follow \`Accept-Language\` (\`en\` by default, \`id\` for Bahasa Indonesia). Errors answered by the gateway itself (no token, throttling) are \`{"message": "..."}\`. Response schemas describe this version exactly; a later version may add fields.

### Alur (Bahasa Indonesia)

1. **Rumah sakit melaporkan kelahiran**: \`POST /v1/births\` dengan token client-credentials. Jawaban berisi \`registrationId\` dan **kode akses** orang tua: cetak dan serahkan kepada mereka.
2. **Pemeriksaan data kependudukan** berjalan otomatis (KK, ibu, ayah, duplikasi, keterlambatan). Temuan ERROR menolak pendaftaran; rumah sakit melihat alasannya di \`GET /v1/births/{registrationId}\`.
3. **Petugas Dukcapil menyetujui** (\`GET /v1/approvals\`, \`POST /v1/approvals/{registrationId}\`), paling lambat 4 jam.
4. **Dokumen**: NIK anak, KK baru, akta kelahiran dan KIA diterbitkan dan ditandatangani secara elektronik; status menjadi COMPLETED dan PDF dapat diunduh. Setiap dokumen memuat kode QR yang dapat diperiksa siapa pun di \`/v1/verify/{verificationId}\`.

**Idempotensi**: \`notificationId\` adalah nomor rujukan rumah sakit. Laporan yang sama dikirim ulang dijawab 200 dengan pendaftaran dan kode akses yang sama, tanpa proses baru; \`notificationId\` yang sama dengan isi berbeda ditolak (409).

**Orang tua** tidak memerlukan akun: kode akses pada header \`X-Access-Code\` membuka pendaftaran dan dokumen anak mereka saja.`;

export interface BuildOptions {
  /** The server URL to advertise (the request's own origin when served); default `/`, relative to where the document is. */
  readonly serverUrl?: string;
  /** The Cognito token URL (stack output TokenUrl); default an example of its shape. */
  readonly tokenUrl?: string;
}

/** Everything but the servers, built once per process: the schemas do not change at run time. */
let cached: Omit<OpenApiDocument, 'servers'> | undefined;

function buildBase(tokenUrl: string): Omit<OpenApiDocument, 'servers'> {
  const known = new Set<string>(httpFunctions.map((spec) => spec.id));
  const extra = Object.keys(operationTable).filter((id) => !known.has(id));
  if (extra.length > 0) throw new Error(`api/openapi.ts describes functions the catalog does not have: ${extra.join(', ')}`);

  const paths: Record<string, PathItem> = {};
  for (const spec of httpFunctions) {
    const op = operationTable[spec.id];
    if (!op) {
      throw new Error(`Route ${spec.route.method} ${spec.route.path} (${spec.id}) has no entry in api/openapi.ts operations: describe it there`);
    }
    const method = spec.route.method.toLowerCase() as HttpMethodKey;
    const item = (paths[spec.route.path] ??= {});
    if (item[method]) throw new Error(`Two catalog functions serve ${spec.route.method} ${spec.route.path}`);
    item[method] = operationObject(spec, op);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lahir Procot Pulang Bawa Akte API',
      version: packageJson.version,
      summary: 'Birth registration, 4-in-1: NIK, family card, akta kelahiran and KIA from one hospital notification',
      description: DESCRIPTION,
    },
    tags: TAGS.map((tag) => ({ ...tag })),
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    webhooks: webhookOperations(),
    components: {
      schemas: componentSchemas(),
      responses: commonResponses,
      securitySchemes: securitySchemes(tokenUrl),
    },
  };
}

export function buildOpenApiDocument(options: BuildOptions = {}): OpenApiDocument {
  const tokenUrl = options.tokenUrl ?? TOKEN_URL_EXAMPLE;
  const base = options.tokenUrl === undefined ? (cached ??= buildBase(tokenUrl)) : buildBase(tokenUrl);
  const servers = options.serverUrl
    ? [{ url: options.serverUrl, description: 'This deployment' }]
    : [{ url: '/', description: 'The server this document was fetched from' }];
  return { ...base, servers };
}
