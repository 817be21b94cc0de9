/**
 * Every Lambda of the system, once. The CDK app builds one NodejsFunction per entry and grants
 * exactly what the entry says; the local stack loads the same handler modules and substitutes the
 * same `${<id>FunctionArn}` placeholders in the ASL. Plain data: no aws-cdk-lib import here. The HTTP
 * routes themselves are part of the API's contract (api/routes.ts); an HTTP function names its own.
 */
import { routes, type Route } from '../api/routes.js';

export type StepFunctionsAction = 'states:StartExecution' | 'states:SendTaskSuccess' | 'states:SendTaskFailure';

export interface FunctionSpec {
  /** PascalCase id: construct id, and `${<id>FunctionArn}` in workflows/*.asl.json for task functions. */
  readonly id: string;
  /** Folder under functions/ holding handler.ts. */
  readonly dir: string;
  readonly description: string;
  /** Access to the registry table; absent for functions that never touch it (no grant, no TABLE_NAME). */
  readonly table?: 'read' | 'readWrite';
  /** Deletes items (dynamodb:DeleteItem): only functions whose code calls DeleteCommand. */
  readonly deletesItems?: true;
  readonly stepFunctions?: readonly StepFunctionsAction[];
  /** The state machine its Step Functions calls go to (the data key's encryption context): the birth chain unless `amendment`. */
  readonly workflow?: 'amendment';
  /** Extra environment variable names the function's config reads (see functions/shared/config.ts). */
  readonly env?: readonly ConfigKey[];
  /** HTTP route served by the function (API Gateway HTTP API in AWS, local/http in the local stack). */
  readonly route?: Route;
  readonly memoryMb?: number;
  /** The function's timeout (default {@link DEFAULT_TIMEOUT_SECONDS}); HTTP functions stay under API Gateway's 30 s. */
  readonly timeoutSeconds?: number;
  /** Background functions: invoked on a fixed rate (an EventBridge rule in AWS, a poller in the local stack). */
  readonly schedule?: { readonly everyMinutes: number };
  /**
   * Invoked when an execution of the workflow ends with one of these statuses: an EventBridge rule on
   * "Step Functions Execution Status Change" in AWS, the local engine's own event locally.
   */
  readonly executionEnded?: readonly ('FAILED' | 'TIMED_OUT' | 'ABORTED')[];
  /** Cognito user pool triggers: invoked by the user pool when it issues tokens (AWS only). */
  readonly userPoolTrigger?: 'preTokenGeneration';
}

/** Deployment settings a function may need beyond the table name (set by infra/stack.ts or local/). */
export type ConfigKey =
  | 'STATE_MACHINE_ARN'
  /** The amendment workflow (workflows/amendment.asl.json): StartExecution on it. */
  | 'AMENDMENT_STATE_MACHINE_ARN'
  | 'ACCESS_CODE_SECRET'
  | 'ISSUING_REGENCY_CODE'
  | 'AKTA_NUMBER_FORMAT'
  | 'ISSUING_OFFICE_NAME'
  | 'SERVED_REGENCIES'
  /** WIB, WITA or WIT: the zone of a birth's civil date and of issue dates (domain/birth-date.ts). */
  | 'CIVIL_TIME_ZONE'
  /** Verifying Bearer tokens in the handler (jwt-or-access-code routes): issuer, JWKS, accepted client ids. */
  | 'JWT_ISSUER'
  /** The issuing office and signing official printed on documents (JSON, from cdk.json). */
  | 'DOCUMENT_ISSUER'
  /** The document signing key: a KMS asymmetric key in AWS, a local key file in the local stack. */
  | 'DOCUMENT_SIGNING_KEY'
  /** Base URL printed in QR codes: `${PUBLIC_BASE_URL}/v1/verify/{verificationId}`. */
  | 'PUBLIC_BASE_URL'
  /**
   * Verifying document signatures only (public keys): every key whose documents are valid, the
   * current signing key and the retired ones (KMS GetPublicKey on exactly those, no Sign).
   */
  | 'DOCUMENT_VERIFICATION_KEYS'
  /** Where the embedded PDF fonts are: the CDK app copies them next to the bundle. */
  | 'DOCUMENT_FONTS_DIR'
  /** How DeliverNotifications sends SMS: `sns` in AWS (with sns:Publish), `console` in the local stack. */
  | 'SMS_SENDER';

/** Timeout of a function whose entry names none: a few DynamoDB calls. */
export const DEFAULT_TIMEOUT_SECONDS = 10;

/** Rendering PDFs (pdf-lib, fonts, QR codes) on a cold 1 GB instance: seconds, not milliseconds. Under API Gateway's 30 s. */
const PDF_TIMEOUT_SECONDS = 25;

export const httpFunctions = [
  {
    id: 'SubmitBirth',
    dir: 'submit-birth',
    description: 'POST /v1/births: a hospital files a birth notification',
    table: 'readWrite',
    stepFunctions: ['states:StartExecution'],
    env: ['STATE_MACHINE_ARN', 'ACCESS_CODE_SECRET'],
    route: routes.SubmitBirth,
  },
  {
    id: 'ListBirths',
    dir: 'list-births',
    description: "GET /v1/births: the hospital's own submissions, newest first, with status, rejection reasons and access codes",
    table: 'read',
    env: ['ACCESS_CODE_SECRET'],
    route: routes.ListBirths,
  },
  {
    id: 'GetBirth',
    dir: 'get-birth',
    description: 'GET /v1/births/{registrationId}: status, timeline and issued numbers (hospital, registrar, parents)',
    table: 'readWrite', // wrong access codes are counted and audited
    // The parents' view lists the documents with the verificationUrl printed in their QR code (functions/shared/document-http.ts).
    env: ['JWT_ISSUER', 'PUBLIC_BASE_URL'],
    route: routes.GetBirth,
  },
  {
    id: 'ListApprovals',
    dir: 'list-approvals',
    description: 'GET /v1/approvals: pending registrar decisions, oldest first, with filters and their total',
    table: 'read',
    route: routes.ListApprovals,
    env: ['CIVIL_TIME_ZONE'],
  },
  {
    id: 'DecideApproval',
    dir: 'decide-approval',
    description: 'POST /v1/approvals/{registrationId}: a registrar approves or rejects',
    table: 'readWrite',
    stepFunctions: ['states:SendTaskSuccess'],
    route: routes.DecideApproval,
  },
  {
    id: 'PreviewDocuments',
    dir: 'preview-documents',
    description: 'GET /v1/approvals/{registrationId}/preview: the three documents as drafts, as they will be issued',
    table: 'read',
    env: ['DOCUMENT_ISSUER', 'DOCUMENT_FONTS_DIR', 'CIVIL_TIME_ZONE'],
    route: routes.PreviewDocuments,
    memoryMb: 1024,
    timeoutSeconds: PDF_TIMEOUT_SECONDS,
  },
  {
    id: 'ListDocuments',
    dir: 'list-documents',
    description: 'GET /v1/births/{registrationId}/documents: the issued documents (hospital, registrar, parents)',
    table: 'readWrite',
    // The list's verificationUrl is the one printed in the PDF's QR code (functions/shared/document-http.ts).
    env: ['JWT_ISSUER', 'PUBLIC_BASE_URL'],
    route: routes.ListDocuments,
  },
  {
    id: 'GetDocument',
    dir: 'get-document',
    description: 'GET /v1/births/{registrationId}/documents/{type}: one signed PDF',
    table: 'readWrite',
    env: ['JWT_ISSUER', 'PUBLIC_BASE_URL', 'DOCUMENT_FONTS_DIR'],
    route: routes.GetDocument,
    memoryMb: 1024,
    timeoutSeconds: PDF_TIMEOUT_SECONDS,
  },
  {
    id: 'GetBundle',
    dir: 'get-bundle',
    description: 'GET /v1/births/{registrationId}/bundle: akta, KK and KIA in one PDF',
    table: 'readWrite',
    env: ['JWT_ISSUER', 'PUBLIC_BASE_URL', 'DOCUMENT_FONTS_DIR'],
    route: routes.GetBundle,
    memoryMb: 1024,
    timeoutSeconds: PDF_TIMEOUT_SECONDS,
  },
  {
    id: 'VerifyDocument',
    dir: 'verify-document',
    description: 'GET /v1/verify/{verificationId}: public check that a printed document is genuine (JSON or HTML)',
    table: 'readWrite', // each check is audited and rate-limited
    env: ['DOCUMENT_VERIFICATION_KEYS', 'CIVIL_TIME_ZONE'], // a KIA expires after its last day in the regency's zone
    route: routes.VerifyDocument,
  },
  {
    id: 'PutWebhook',
    dir: 'put-webhook',
    description: "PUT /v1/webhook: a hospital sets where its registrations' events go (answers a new signing secret)",
    table: 'readWrite',
    env: ['ACCESS_CODE_SECRET'], // the signing secret is stored sealed with a key derived from it
    route: routes.PutWebhook,
  },
  {
    id: 'GetWebhook',
    dir: 'get-webhook',
    description: "GET /v1/webhook: the hospital's webhook URL (never the secret)",
    table: 'read',
    route: routes.GetWebhook,
  },
  {
    id: 'DeleteWebhook',
    dir: 'delete-webhook',
    description: 'DELETE /v1/webhook: the hospital stops receiving events',
    table: 'readWrite',
    deletesItems: true,
    route: routes.DeleteWebhook,
  },
  {
    id: 'GetHistory',
    dir: 'get-history',
    description: 'GET /v1/births/{registrationId}/history: the timeline and the audit trail of a case (registrars)',
    table: 'read',
    route: routes.GetHistory,
  },
  {
    id: 'ReissueAccessCode',
    dir: 'reissue-access-code',
    description: "POST /v1/births/{registrationId}/access-code: a registrar gives the parents a new access code (the old one stops working)",
    table: 'readWrite',
    env: ['ACCESS_CODE_SECRET'],
    route: routes.ReissueAccessCode,
  },
  {
    id: 'SearchBirths',
    dir: 'search-births',
    description: 'GET /v1/search: past registrations by registration id, NIK or akta number (registrars; searches are audited)',
    table: 'readWrite', // each search is audited
    route: routes.SearchBirths,
    env: ['CIVIL_TIME_ZONE'],
  },
  {
    id: 'GetDashboard',
    dir: 'get-dashboard',
    description: 'GET /v1/dashboard: births registered per day, time to documents, decisions within 4 hours, timely share, queue by age (registrars)',
    table: 'read',
    route: routes.GetDashboard,
  },
  // ── Amendments (after the akta) ──
  {
    id: 'FileAmendment',
    dir: 'file-amendment',
    description: 'POST /v1/births/{registrationId}/amendments: a registrar, a head of office or the parents (corrections only) ask for a correction or a revocation',
    table: 'readWrite',
    stepFunctions: ['states:StartExecution'],
    workflow: 'amendment',
    env: ['AMENDMENT_STATE_MACHINE_ARN', 'JWT_ISSUER', 'CIVIL_TIME_ZONE'],
    route: routes.FileAmendment,
  },
  {
    id: 'ListAmendments',
    dir: 'list-amendments',
    description: "GET /v1/amendments: the heads of office's queue of amendments (registrars: their own requests)",
    table: 'read',
    route: routes.ListAmendments,
  },
  {
    id: 'DecideAmendment',
    dir: 'decide-amendment',
    description: 'POST /v1/amendments/{amendmentId}: a head of office (not the requester) approves or rejects an amendment',
    table: 'readWrite',
    stepFunctions: ['states:SendTaskSuccess'],
    workflow: 'amendment',
    route: routes.DecideAmendment,
  },
  // ── Issue 16 (a console for a working day): the registrars' follow-up list ──
  {
    id: 'ListFollowUps',
    dir: 'list-follow-ups',
    description: 'GET /v1/follow-ups: cases that ended REJECTED or FAILED, newest first, for the registrars to follow up',
    table: 'read',
    route: routes.ListFollowUps,
    env: ['CIVIL_TIME_ZONE'],
  },
  {
    id: 'OpenApiDocument',
    dir: 'openapi-document',
    description: 'GET /openapi.json: the OpenAPI 3.1 description of this API, generated from the schemas (api/openapi.ts)',
    env: ['PUBLIC_BASE_URL'],
    route: routes.OpenApiDocument,
  },
  {
    id: 'ApiDocs',
    dir: 'api-docs',
    description: 'GET /docs: the API description as a readable HTML page',
    env: ['PUBLIC_BASE_URL'],
    route: routes.ApiDocs,
  },
  // ── The FHIR door (README "FHIR notifications") ──
  {
    id: 'FhirSubmitBundle',
    dir: 'fhir-submit-bundle',
    description: 'POST /fhir/Bundle: a hospital files a birth notification as a SATUSEHAT-shaped FHIR R4 Bundle (same intake as POST /v1/births)',
    table: 'readWrite', // the intake's transaction; reads the mother's family card for the birth order
    stepFunctions: ['states:StartExecution'],
    env: ['STATE_MACHINE_ARN', 'ACCESS_CODE_SECRET'],
    route: routes.FhirSubmitBundle,
  },
  {
    id: 'FhirMetadata',
    dir: 'fhir-metadata',
    description: 'GET /fhir/metadata: the FHIR CapabilityStatement of the Bundle door (public, as FHIR clients expect)',
    env: ['PUBLIC_BASE_URL'],
    route: routes.FhirMetadata,
  },
] as const satisfies readonly FunctionSpec[];

export const taskFunctions = [
  {
    id: 'ValidateNotification',
    dir: 'validate-notification',
    description: 'Workflow: checks the notification against the population registry',
    table: 'readWrite',
    env: ['SERVED_REGENCIES', 'CIVIL_TIME_ZONE'],
  },
  {
    id: 'RequestApproval',
    dir: 'request-approval',
    description: 'Workflow callback: stores the task token with the pending approval',
    table: 'readWrite',
    stepFunctions: ['states:SendTaskSuccess'],
  },
  {
    id: 'EscalateApproval',
    dir: 'escalate-approval',
    description: 'Workflow: a decision pending past the promise is escalated',
    table: 'readWrite',
  },
  {
    id: 'RegisterChild',
    dir: 'register-child',
    description: 'Workflow: the 4-in-1 numbers in one transaction: NIK, family card (KK) entry, akta kelahiran number, KIA',
    table: 'readWrite',
    env: ['ISSUING_REGENCY_CODE', 'AKTA_NUMBER_FORMAT', 'CIVIL_TIME_ZONE'],
  },
  {
    id: 'IssueDocuments',
    dir: 'issue-documents',
    description: 'Workflow: records and signs the akta, KK and KIA, completes the registration and queues the SMS and webhook event',
    table: 'readWrite',
    env: ['DOCUMENT_ISSUER', 'DOCUMENT_SIGNING_KEY', 'ISSUING_OFFICE_NAME', 'PUBLIC_BASE_URL', 'CIVIL_TIME_ZONE'],
    // Three KMS signatures (each a network round trip, more on a cold start) and one DynamoDB transaction.
    timeoutSeconds: 30,
  },
  {
    id: 'RecordRejection',
    dir: 'record-rejection',
    description: 'Workflow: records a rejection and its reasons, and queues the SMS and webhook event',
    table: 'readWrite',
    env: ['ISSUING_OFFICE_NAME', 'PUBLIC_BASE_URL'],
  },
  {
    id: 'RecordFailure',
    dir: 'record-failure',
    description: 'Workflow: records why a registration failed (caught errors, expired approval)',
    table: 'readWrite',
  },
] as const satisfies readonly FunctionSpec[];

/** The amendment workflow's steps (workflows/amendment.asl.json). */
export const amendmentTaskFunctions = [
  {
    id: 'RequestAmendmentDecision',
    dir: 'request-amendment-decision',
    description: "Amendment workflow callback: stores the task token with the pending amendment (or resumes with a decision already recorded)",
    table: 'readWrite',
    stepFunctions: ['states:SendTaskSuccess'],
    workflow: 'amendment',
  },
  {
    id: 'ApplyAmendment',
    dir: 'apply-amendment',
    description: 'Amendment workflow: re-issues the corrected documents (new versions, the old ones superseded) or revokes the registration, with SMS, webhook event and audit, in one transaction',
    table: 'readWrite',
    deletesItems: true, // a revoked child's KK member record
    env: ['DOCUMENT_ISSUER', 'DOCUMENT_SIGNING_KEY', 'ISSUING_OFFICE_NAME', 'PUBLIC_BASE_URL', 'CIVIL_TIME_ZONE'],
    timeoutSeconds: 30,
  },
  {
    id: 'CloseAmendment',
    dir: 'close-amendment',
    description: "Amendment workflow: a rejected or failed amendment closes the registration's open amendment",
    table: 'readWrite',
  },
] as const satisfies readonly FunctionSpec[];

/** Neither routes nor workflow steps: run on a schedule. */
export const backgroundFunctions = [
  {
    id: 'DeliverNotifications',
    dir: 'deliver-notifications',
    description: 'Every minute: sends due notifications from the outbox (SMS to parents, signed webhooks to hospitals)',
    table: 'readWrite',
    env: ['SMS_SENDER', 'ACCESS_CODE_SECRET'], // opens the sealed webhook secrets
    schedule: { everyMinutes: 1 },
    timeoutSeconds: 60,
  },
] as const satisfies readonly FunctionSpec[];

/** Invoked by the workflow's execution status changes (EventBridge in AWS, the engine locally). */
export const executionEventFunctions = [
  {
    id: 'RecordExecutionEnd',
    dir: 'record-execution-end',
    description: 'An execution ended FAILED, TIMED_OUT or ABORTED outside any Catch: its registration is marked FAILED (never a completed one), or its amendment FAILED and closed',
    table: 'readWrite',
    executionEnded: ['FAILED', 'TIMED_OUT', 'ABORTED'],
  },
] as const satisfies readonly FunctionSpec[];

export const identityFunctions = [
  {
    id: 'PreTokenGeneration',
    dir: 'pre-token-generation',
    description: "Cognito trigger: hospital staff signing in to the console get the hospital scope and their facility",
    userPoolTrigger: 'preTokenGeneration',
  },
] as const satisfies readonly FunctionSpec[];

export const allFunctions: readonly FunctionSpec[] = [
  ...httpFunctions,
  ...taskFunctions,
  ...amendmentTaskFunctions,
  ...backgroundFunctions,
  ...executionEventFunctions,
  ...identityFunctions,
];

export type TaskFunctionId = (typeof taskFunctions)[number]['id'];

/** A function's timeout in seconds as deployed (Lambda's limit; the local engine enforces the same). */
export const timeoutSecondsOf = (spec: FunctionSpec): number => spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;

/** The ASL placeholder for a task function's ARN. */
export const substitutionKey = (id: string): string => `${id}FunctionArn`;

/** The one workflow definition: deployed by infra/stack.ts, executed by the local stack (absolute path). */
export const birthRegistrationDefinitionPath = new URL('../workflows/birth-registration.asl.json', import.meta.url).pathname;

/** The amendment workflow's definition (corrections and revocations after the akta). */
export const amendmentDefinitionPath = new URL('../workflows/amendment.asl.json', import.meta.url).pathname;
