import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import { HttpError, isTransient, TooManyRequestsError, UnsupportedMediaTypeError, ValidationError, type FieldIssue } from './errors.js';
import { requireCaller, type Caller, type Role } from './identity.js';
import { logger } from './logger.js';
import { PathParameterSchemas, type PathParameterName } from '../../api/requests.js';
import { isMessageCode, languageOf, messageText, type Language, type MessageCode } from '../../api/messages.js';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResponse = APIGatewayProxyStructuredResultV2;

// nosniff: a JSON answer is never run or rendered as something else (a script, an HTML page).
const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' } as const;

/**
 * The API's URL as configured (PUBLIC_BASE_URL: the custom domain, or the API's own endpoint), for
 * documents that name it; undefined when not set (the document then names its own server, `/`).
 * Never the request's Host header: that is the caller's text.
 */
export function configuredServerUrl(): string | undefined {
  const configured = process.env['PUBLIC_BASE_URL'];
  return configured ? configured.replace(/\/$/, '') : undefined;
}

/** The language the caller asked for (`Accept-Language`; English by default): api/messages.ts. */
export const requestLanguage = (event: Pick<HttpEvent, 'headers'>): Language => languageOf(event.headers?.['accept-language']);

export const json = (statusCode: number, body: unknown): HttpResponse => ({
  statusCode,
  headers: { ...JSON_HEADERS },
  body: JSON.stringify(body),
});

/** zod's issue codes as the API's message codes, for a rule whose message is not a code of the table. */
function codeOfZodIssue(issue: z.core.$ZodIssue, missing: boolean): MessageCode {
  switch (issue.code) {
    case 'invalid_type':
      return missing ? 'REQUIRED' : issue.expected === 'int' ? 'WHOLE_NUMBER' : 'INVALID_TYPE';
    case 'too_small':
      return issue.origin === 'string' ? 'TOO_SHORT' : 'TOO_SMALL';
    case 'too_big':
      return issue.origin === 'string' ? 'TOO_LONG' : 'TOO_BIG';
    case 'invalid_format':
      return 'INVALID_FORMAT';
    case 'invalid_value':
      return 'INVALID_VALUE';
    case 'unrecognized_keys':
      return 'UNKNOWN_FIELD';
    default:
      return 'INVALID';
  }
}

/** Whether the input had nothing at `path` (a missing field reads as REQUIRED, not as a type error). */
function missingAt(input: unknown, path: readonly PropertyKey[]): boolean {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return true;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value === undefined;
}

/**
 * zod issues -> `[{path, code, params}]` with dotted paths ("child.birthDateTime", "multipleBirth.order").
 * A schema's message is a code of api/messages.ts (`.max(64, 'TOO_LONG')`); a message that is not
 * (a rule written before its line in the table) keeps zod's issue code and its own text. `input` is
 * what was parsed, to tell a missing field (REQUIRED) from a wrong one.
 */
export function fieldIssues(error: z.ZodError, dropPrefix = 0, input?: unknown): FieldIssue[] {
  const pathOf = (path: readonly PropertyKey[]) => path.slice(dropPrefix).map(String).join('.') || '(body)';
  return error.issues.flatMap((issue): FieldIssue[] => {
    // An unknown field is reported at its own path ("child.nmae"), not at the object holding it.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: pathOf([...issue.path, key]), code: 'UNKNOWN_FIELD' }));
    const params: Record<string, unknown> = {};
    if ('maximum' in issue) params['maximum'] = issue.maximum;
    if ('minimum' in issue) params['minimum'] = issue.minimum;
    if ('expected' in issue) params['expected'] = issue.expected;
    if ('values' in issue && Array.isArray(issue.values)) params['values'] = issue.values.map(String).join(', ');
    const missing = issue.code === 'invalid_type' && missingAt(input, issue.path);
    // A required field left out is REQUIRED whatever the type's own message says.
    if (missing) return [{ path: pathOf(issue.path), code: 'REQUIRED' }];
    if (isMessageCode(issue.message)) return [{ path: pathOf(issue.path), code: issue.message, params }];
    return [{ path: pathOf(issue.path), code: codeOfZodIssue(issue, false), params, ...(isZodDefaultMessage(issue) ? {} : { text: issue.message }) }];
  });
}

/** zod's own English for its checks ("Invalid input: expected number…"): replaced by the table's text. */
const isZodDefaultMessage = (issue: z.core.$ZodIssue): boolean =>
  /^(Invalid input|Invalid option|Invalid string|Invalid ISO|Too (small|big)|Unrecognized key|Invalid$)/.test(issue.message);

/** Parses a JSON body with a zod schema; 400/415 with field paths. */
export function parseJsonBody<S extends z.ZodType>(event: HttpEvent, schema: S): z.infer<S> {
  const contentType = event.headers?.['content-type'] ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) throw new UnsupportedMediaTypeError();
  const raw = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '');
  let input: unknown;
  try {
    input = JSON.parse(raw) as unknown;
  } catch {
    throw new ValidationError([{ path: '(body)', code: 'INVALID_JSON' }]);
  }
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldIssues(result.error, 0, input));
  return result.data as z.infer<S>;
}

/** A query string parsed with its schema (api/requests.ts); 400 with each parameter's issue. */
export function parseQuery<S extends z.ZodType>(event: HttpEvent, schema: S): z.infer<S> {
  const input = event.queryStringParameters ?? {};
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(fieldIssues(result.error, 0, input));
  return result.data as z.infer<S>;
}

/**
 * A path parameter, checked as what it is (api/requests.ts PathParameterSchemas: a registration id
 * is a UUID, a verification id 26 base32 characters) before anything is read with it: 400 at its
 * name otherwise. Never `!`-asserted, never passed on unchecked.
 */
export function pathParameter<N extends PathParameterName>(event: HttpEvent, name: N): z.output<(typeof PathParameterSchemas)[N]> {
  const value = event.pathParameters?.[name];
  if (!value) throw new ValidationError([{ path: name, code: 'REQUIRED_PATH_PARAMETER' }]);
  const parsed = PathParameterSchemas[name].safeParse(value);
  if (!parsed.success) throw new ValidationError(fieldIssues(parsed.error, 0, value).slice(0, 1).map((issue) => ({ ...issue, path: name })));
  return parsed.data as z.output<(typeof PathParameterSchemas)[N]>;
}

/** The path parameter when it is well-formed (PathParameterSchemas), else undefined: for a route that answers a malformed id as it answers an unknown one. */
export function wellFormedPathParameter<N extends PathParameterName>(event: HttpEvent, name: N): z.output<(typeof PathParameterSchemas)[N]> | undefined {
  const parsed = PathParameterSchemas[name].safeParse(event.pathParameters?.[name]);
  return parsed.success ? (parsed.data as z.output<(typeof PathParameterSchemas)[N]>) : undefined;
}

/**
 * Maps known errors (status < 500) to `{error, ...details}`; anything else is logged once, with its
 * cause, and answered with a generic 500 that echoes nothing internal.
 */
const httpErrors = (): middy.MiddlewareObj<HttpEvent, HttpResponse> => ({
  onError: async (request) => {
    const error = request.error;
    const language = requestLanguage(request.event);
    if (error instanceof HttpError && error.statusCode < 500) {
      request.response = json(error.statusCode, error.body(language));
      if (error instanceof TooManyRequestsError) {
        request.response.headers = { ...request.response.headers, 'retry-after': String(error.retryAfterSeconds) };
      }
      return;
    }
    if (error instanceof HttpError) {
      logger.warn('Dependency unavailable', { error: error.name, cause: String(error.cause) });
      request.response = { ...json(error.statusCode, { error: messageText(error.code, language), code: error.code }), headers: { ...JSON_HEADERS, 'retry-after': '2' } };
      return;
    }
    // DynamoDB throttling, a conflict, a dependency's 5xx: the client should retry, and may (intake and
    // decisions are idempotent). 503 with Retry-After, not a 500 that reads as a bug.
    if (isTransient(error)) {
      logger.warn('Transient dependency failure', { error: (error as Error).name });
      request.response = { ...json(503, { error: messageText('TEMPORARILY_UNAVAILABLE', language), code: 'TEMPORARILY_UNAVAILABLE' }), headers: { ...JSON_HEADERS, 'retry-after': '1' } };
      return;
    }
    logger.error('Unhandled error', error as Error);
    request.response = json(500, { error: messageText('INTERNAL_ERROR', language), code: 'INTERNAL_ERROR', requestId: request.context.awsRequestId });
  },
});

/**
 * An HTTP Lambda: logger context, role check (401/403 before anything is read), error mapping.
 * `run` returns the response; the caller's identity comes from the verified JWT claims.
 */
export function httpHandler(roles: readonly Role[], run: (event: HttpEvent, caller: Caller) => Promise<HttpResponse>) {
  return middy<HttpEvent, HttpResponse>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpErrors())
    .handler(async (event) => {
      const caller = requireCaller(event, roles);
      logger.appendKeys({ callerKind: caller.kind, ...(caller.kind === 'hospital' ? { facilityId: caller.facilityId } : {}) });
      return run(event, caller);
    });
}

/**
 * An HTTP Lambda on a route without gateway authorizer (`jwt-or-access-code` and `public` routes in
 * infra/catalog.ts): logger context and error mapping; the handler authenticates the caller itself
 * (functions/shared/registration-access.ts) or serves the public.
 */
export function publicHandler(run: (event: HttpEvent) => Promise<HttpResponse>) {
  return middy<HttpEvent, HttpResponse>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(httpErrors())
    .handler(run);
}
