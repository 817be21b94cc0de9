import { unmarshall } from '@aws-sdk/util-dynamodb';

import { isMessageCode, messageText, type Language, type MessageCode } from '../../api/messages.js';

/**
 * Named errors. Task Lambdas throw them so Step Functions can Retry/Catch on `error.name`;
 * HTTP handlers map those with a status below 500 to a JSON body (functions/shared/http.ts), its
 * words by message code in the caller's language (api/messages.ts).
 */
export interface FieldIssue {
  readonly path: string;
  /** A code of api/messages.ts, or (a rule whose message is not in the table yet) zod's own issue code in upper case. */
  readonly code: string;
  /** Placeholders of the message (`{maximum}`…), from the zod issue. */
  readonly params?: Readonly<Record<string, unknown>>;
  /** A rule's own text when its message is not a code of the table yet: shown as it is, in every language. */
  readonly text?: string;
}

/** A field issue as answered: `{path, code, message}` in `language`. */
export function renderIssue(issue: FieldIssue, language: Language): { path: string; code: string; message: string } {
  const message = issue.text ?? (isMessageCode(issue.code) ? messageText(issue.code, language, issue.params) : issue.code);
  return { path: issue.path, code: issue.code, message };
}

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    /** What happened, as a code of api/messages.ts: the body's `code`, its `error` the code's text. */
    readonly code: MessageCode,
    readonly details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(messageText(code, 'en', details), options);
    this.name = 'HttpError';
  }

  /** The JSON body in `language`: `{error, code, ...details}`. */
  body(language: Language): Record<string, unknown> {
    return { error: messageText(this.code, language, this.details), code: this.code, ...this.details };
  }
}

/**
 * At most this many issues are listed in a 400 (the rest are counted in `issueCount`): 300,000
 * unknown keys once made a 13 MB answer, beyond Lambda's 6 MB response limit.
 */
export const MAX_LISTED_ISSUES = 50;
/** A listed issue's path and message are cut to this many characters (an unknown key can be as long as the body). */
export const MAX_ISSUE_TEXT = 200;

const cut = (text: string) => (text.length > MAX_ISSUE_TEXT ? `${text.slice(0, MAX_ISSUE_TEXT)}…` : text);

export class ValidationError extends HttpError {
  readonly issues: readonly FieldIssue[];
  constructor(issues: readonly FieldIssue[]) {
    super(400, 'VALIDATION_FAILED', issues.length > MAX_LISTED_ISSUES ? { issueCount: issues.length } : {});
    this.issues = issues.slice(0, MAX_LISTED_ISSUES);
    this.name = 'ValidationError';
  }

  override body(language: Language): Record<string, unknown> {
    const issues = this.issues.map((issue) => {
      const rendered = renderIssue(issue, language);
      return { path: cut(rendered.path), code: rendered.code, message: cut(rendered.message) };
    });
    return { error: messageText(this.code, language), code: this.code, issues, ...this.details };
  }
}

export class UnauthorizedError extends HttpError {
  constructor() {
    super(401, 'UNAUTHORIZED');
    this.name = 'UnauthorizedError';
  }
}

export class ForbiddenError extends HttpError {
  constructor(code: MessageCode = 'FORBIDDEN_ROLE') {
    super(403, code);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends HttpError {
  constructor(code: MessageCode = 'NOT_FOUND') {
    super(404, code);
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends HttpError {
  constructor(code: MessageCode, details: Record<string, unknown> = {}) {
    super(409, code, details);
    this.name = 'ConflictError';
  }
}

export class GoneError extends HttpError {
  constructor(code: MessageCode, details: Record<string, unknown> = {}) {
    super(410, code, details);
    this.name = 'GoneError';
  }
}

/** Too many attempts (wrong access codes, verification checks): 429 with Retry-After. */
export class TooManyRequestsError extends HttpError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, 'TOO_MANY_ATTEMPTS', { retryAfterSeconds });
    this.name = 'TooManyRequestsError';
  }
}

export class UnsupportedMediaTypeError extends HttpError {
  constructor() {
    super(415, 'UNSUPPORTED_MEDIA_TYPE');
    this.name = 'UnsupportedMediaTypeError';
  }
}

export class ServiceUnavailableError extends HttpError {
  constructor(code: MessageCode, options?: ErrorOptions) {
    super(503, code, {}, options);
    this.name = 'ServiceUnavailableError';
  }
}

/**
 * A failure worth retrying (throttling, a dependency's 5xx, a transaction conflict). The workflow's
 * Retry policy matches this name; everything else goes to Catch.
 */
export class TransientError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TransientError';
  }
}

/** A registration is not in the state a step needs (a bug or an out-of-order replay): not retried. */
export class RegistrationStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RegistrationStateError';
  }
}

const TRANSIENT_SDK_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'TransactionConflictException',
  'TransactionInProgressException',
  'LimitExceededException',
  'TimeoutError',
]);

/** True for AWS SDK and network errors a later attempt may not meet. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof TransientError) return true;
  const meta = error as Error & { $retryable?: unknown; $metadata?: { httpStatusCode?: number }; code?: string };
  if (TRANSIENT_SDK_ERRORS.has(error.name) || meta.$retryable) return true;
  if ((meta.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  const cancelled = transactionCancellation(error);
  if (cancelled) return cancelled.some((r) => r.code === 'TransactionConflict' || r.code === 'ThrottlingError');
  return ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE'].includes(meta.code ?? '');
}

/**
 * DynamoDB condition failures, recognised here and nowhere else. Writes ask for
 * `ReturnValuesOnConditionCheckFailure: 'ALL_OLD'`, so the failure carries the item as it was
 * (unmarshalled here: the document client does not translate errors) and a conflict needs no
 * second read (Powertools' idempotency persistence layer works the same way).
 */
export interface ConditionFailure {
  /** The item that failed the condition, when the write asked for it and the item exists. */
  readonly item: Record<string, unknown> | undefined;
}

type RawItem = Parameters<typeof unmarshall>[0];
const itemOf = (raw: unknown): Record<string, unknown> | undefined =>
  raw && typeof raw === 'object' && Object.keys(raw).length > 0 ? unmarshall(raw as RawItem) : undefined;

/** A failed ConditionExpression of a single write (PutItem, UpdateItem, DeleteItem); undefined for any other error. */
export function conditionFailure(error: unknown): ConditionFailure | undefined {
  if (!(error instanceof Error) || error.name !== 'ConditionalCheckFailedException') return undefined;
  return { item: itemOf((error as Error & { Item?: unknown }).Item) };
}

/** Why each item of a cancelled TransactWriteItems was cancelled, in request order. */
export interface CancellationReason {
  /** `ConditionalCheckFailed`, `TransactionConflict`, `ThrottlingError`, `None`… */
  readonly code: string | undefined;
  /** The item as it was, for a failed condition of an item written with ReturnValuesOnConditionCheckFailure. */
  readonly item: Record<string, unknown> | undefined;
  readonly conditionFailed: boolean;
}

/** The cancellation reasons of a TransactionCanceledException; undefined for any other error. */
export function transactionCancellation(error: unknown): readonly CancellationReason[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as Error & { CancellationReasons?: { Code?: string; Item?: unknown }[] }).CancellationReasons ?? [];
  return reasons.map((r) => ({ code: r.Code, item: itemOf(r.Item), conditionFailed: r.Code === 'ConditionalCheckFailed' }));
}
