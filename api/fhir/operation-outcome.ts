import type { OperationOutcome, OperationOutcomeIssue } from '@medplum/fhirtypes';
import type { FhirIssue, IssueType } from './bundle-mapping.js';
import { STATUS_TEXT, type Language, type Text } from './messages.js';

/**
 * The FHIR door's answers as OperationOutcome resources: every problem with its FHIRPath in
 * `issue[].expression`, its kind from the FHIR issue-type value set, its text in the caller's
 * language. Bounded like the JSON door's 400 (functions/shared/errors.ts): at most 50 issues, each
 * text cut at 200 characters, and a last `informational` issue counting the rest.
 */
export const MAX_OUTCOME_ISSUES = 50;
const MAX_TEXT = 200;
const cut = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

export function validationOutcome(issues: readonly FhirIssue[], language: Language): OperationOutcome {
  const listed: OperationOutcomeIssue[] = issues.slice(0, MAX_OUTCOME_ISSUES).map((issue) => ({
    severity: 'error',
    code: issue.code,
    details: { text: cut(issue.text[language]) },
    expression: [cut(issue.expression)],
  }));
  if (issues.length > MAX_OUTCOME_ISSUES) {
    const more = issues.length - MAX_OUTCOME_ISSUES;
    listed.push({
      severity: 'information',
      code: 'informational',
      details: { text: language === 'id' ? `${more} masalah lain tidak dicantumkan` : `${more} more issues not listed` },
    });
  }
  return { resourceType: 'OperationOutcome', issue: listed };
}

/** The issue type of an HTTP status the FHIR door answers without a more specific finding. */
export function issueTypeOfStatus(statusCode: number): IssueType {
  const types: Readonly<Record<number, IssueType>> = {
    400: 'invalid',
    401: 'login',
    403: 'forbidden',
    404: 'not-found',
    409: 'conflict',
    413: 'too-costly',
    415: 'not-supported',
    429: 'throttled',
    503: 'transient',
  };
  return types[statusCode] ?? 'exception';
}

/** One error issue for a status: the status's text, and `diagnostics` (never personal data: ids only). */
export function statusOutcome(statusCode: number, language: Language, options: { text?: Text; diagnostics?: string; expression?: string } = {}): OperationOutcome {
  const text = options.text ?? STATUS_TEXT[statusCode] ?? STATUS_TEXT[500];
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: statusCode >= 500 ? 'fatal' : 'error',
        code: issueTypeOfStatus(statusCode),
        ...(text ? { details: { text: text[language] } } : {}),
        ...(options.diagnostics ? { diagnostics: options.diagnostics } : {}),
        ...(options.expression ? { expression: [options.expression] } : {}),
      },
    ],
  };
}

export interface Receipt {
  readonly created: boolean;
  readonly registrationId: string;
  readonly status: string;
  readonly accessCode: string;
}

/**
 * The answer to an accepted Bundle: an `informational` issue saying so, and the registration as
 * the complex extension registration-receipt (registrationId, status, and the parents' access code
 * to print on their slip, as POST /v1/births answers them). The Location header names
 * `/v1/births/{registrationId}`, where the hospital follows it.
 */
export function receiptOutcome(receipt: Receipt, language: Language, extensionUrl: string): OperationOutcome {
  const text: Text = receipt.created
    ? { en: `Accepted: registration ${receipt.registrationId} started`, id: `Diterima: pendaftaran ${receipt.registrationId} dimulai` }
    : { en: `Already received: registration ${receipt.registrationId}`, id: `Sudah diterima sebelumnya: pendaftaran ${receipt.registrationId}` };
  return {
    resourceType: 'OperationOutcome',
    extension: [
      {
        url: extensionUrl,
        extension: [
          { url: 'registrationId', valueString: receipt.registrationId },
          { url: 'status', valueCode: receipt.status },
          { url: 'accessCode', valueString: receipt.accessCode },
        ],
      },
    ],
    issue: [{ severity: 'information', code: 'informational', details: { text: text[language] } }],
  };
}
