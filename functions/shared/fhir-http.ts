import type { Resource } from '@medplum/fhirtypes';
import type { FhirIssue } from '../../api/fhir/bundle-mapping.js';
import { preferredLanguage, type Language } from '../../api/fhir/messages.js';
import { statusOutcome, validationOutcome } from '../../api/fhir/operation-outcome.js';
import { HttpError, UnsupportedMediaTypeError, ConflictError } from './errors.js';
import type { ErrorFormat, HttpEvent, HttpResponse } from './http.js';

/**
 * The /fhir routes' side of the HTTP wrappers (functions/shared/http.ts): FHIR JSON answers in the
 * caller's language (`Accept-Language`), errors as OperationOutcome resources, the body read as
 * `application/fhir+json`. What the gateway itself answers (no token: 401 `{message}`, throttling)
 * stays the gateway's JSON.
 */
const FHIR_HEADERS = { 'content-type': 'application/fhir+json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;

export const languageOf = (event: HttpEvent): Language => preferredLanguage(event.headers?.['accept-language']);

export function fhirJson(statusCode: number, resource: Resource, language: Language, headers: Record<string, string> = {}): HttpResponse {
  return { statusCode, headers: { ...FHIR_HEADERS, 'content-language': language, ...headers }, body: JSON.stringify(resource) };
}

/** 400 with an OperationOutcome listing each problem at its FHIRPath; nothing was stored. */
export class FhirValidationError extends HttpError {
  constructor(readonly issues: readonly FhirIssue[]) {
    super(400, 'VALIDATION_FAILED', { issueCount: issues.length });
    this.name = 'FhirValidationError';
  }
}

/** Errors of the FHIR routes, as OperationOutcome: the same statuses as the JSON routes, the same silence about internals. */
export const fhirErrors: ErrorFormat = (statusCode, _message, details, event, error) => {
  const language = languageOf(event);
  if (error instanceof FhirValidationError) return fhirJson(400, validationOutcome(error.issues, language), language);
  if (error instanceof ConflictError) {
    const registrationId = typeof details['registrationId'] === 'string' ? details['registrationId'] : undefined;
    return fhirJson(409, statusOutcome(409, language, { expression: 'Bundle.identifier', ...(registrationId ? { diagnostics: `registrationId=${registrationId}` } : {}) }), language);
  }
  const requestId = typeof details['requestId'] === 'string' ? details['requestId'] : undefined;
  return fhirJson(statusCode, statusOutcome(statusCode, language, requestId ? { diagnostics: `requestId=${requestId}` } : {}), language);
};

/** The body as FHIR JSON (`application/fhir+json`, or plain `application/json`): 415 otherwise, 400 at `Bundle` when it is not JSON. */
export function readFhirJson(event: HttpEvent): unknown {
  const contentType = event.headers?.['content-type'] ?? '';
  if (!/^application\/(fhir\+)?json\b/i.test(contentType)) throw new UnsupportedMediaTypeError();
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    throw new FhirValidationError([{ expression: 'Bundle', code: 'structure', text: { en: 'The body is not JSON', id: 'Isi permintaan bukan JSON' } }]);
  }
}
