import { messageText, MESSAGES, type Language, type MessageCode } from '../../api/messages.js';
import { hospitalFields } from '../../domain/registry-checks.js';
import type { Registration } from './registration.js';
import type { PARENT_REJECTION_REASONS } from '../../api/schemas.js';

type ParentRejectionReason = (typeof PARENT_REJECTION_REASONS)[number];

type Rejection = NonNullable<Registration['rejection']>;

/**
 * A rejection as the submitting hospital sees it: a registrar's reason as written; a registry
 * rejection in one standard wording (`REGISTRY_MISMATCH`, in the caller's language) with the fields
 * to check, never the codes (domain/registry-checks.ts HOSPITAL_DISCLOSURE).
 */
export function hospitalRejection(rejection: Rejection, language: Language = 'en'): { source: Rejection['source']; reason: string; fields?: string[] } {
  if (rejection.source !== 'REGISTRY_CHECKS') return { source: rejection.source, reason: rejection.reason };
  return { source: rejection.source, reason: messageText('REGISTRY_MISMATCH', language), fields: hospitalFields(rejection.codes ?? []) };
}

/** A registry rejection as registrars read it: each ERROR check's text in the caller's language (what is stored is the English). */
export function registryRejectionReason(rejection: Rejection, language: Language): string {
  if (rejection.source !== 'REGISTRY_CHECKS' || !rejection.codes?.length) return rejection.reason;
  return rejection.codes.map((code) => (Object.hasOwn(MESSAGES, code) ? messageText(code as MessageCode, language) : code)).join(' ');
}

/**
 * What a hospital learns of a failure: whether the registrar let the approval expire (notify again),
 * or that processing failed; never the internal error's name (a Lambda's exception, a state name).
 */
export function publicFailure(error: string): string {
  return error === 'ApprovalExpired' ? 'ApprovalExpired' : 'ProcessingFailed';
}

/** The code of what parents read of a rejection: the standard wording of its reason, never the registrar's own text. */
const PARENT_REJECTION_CODES = {
  REGISTRY_CHECKS: 'PARENT_REJECTION_REGISTRY_CHECKS',
  DATA_MISMATCH: 'PARENT_REJECTION_DATA_MISMATCH',
  DUPLICATE: 'PARENT_REJECTION_DUPLICATE',
  DOCUMENTS_MISSING: 'PARENT_REJECTION_DOCUMENTS_MISSING',
  OUT_OF_AREA: 'PARENT_REJECTION_OUT_OF_AREA',
  OTHER: 'PARENT_REJECTION_OTHER',
} as const satisfies Record<ParentRejectionReason, MessageCode>;

/** The parents' wordings in English (the default language), by reason. */
export const PARENT_REJECTION_WORDING = Object.fromEntries(
  Object.entries(PARENT_REJECTION_CODES).map(([reason, code]) => [reason, MESSAGES[code].en]),
) as Record<keyof typeof PARENT_REJECTION_CODES, string>;

/**
 * What parents read of a rejection: its reason as a code (the console words the next step by it) and
 * the standard wording. A registry rejection because the family is registered in another regency
 * (OUT_OF_JURISDICTION) is OUT_OF_AREA to the parents: the next step is their own regency's Dukcapil,
 * not a hospital's correction. (Where the family lives is the parents' own fact; hospitals are still
 * told only the field, hospitalRejection.)
 */
export function parentRejection(rejection: Rejection, language: Language = 'en'): { reason: string; reasonCode: ParentRejectionReason } {
  const reasonCode: ParentRejectionReason =
    rejection.source === 'REGISTRY_CHECKS'
      ? rejection.codes?.includes('OUT_OF_JURISDICTION')
        ? 'OUT_OF_AREA'
        : 'REGISTRY_CHECKS'
      : (rejection.reasonCode ?? 'OTHER');
  return { reason: messageText(PARENT_REJECTION_CODES[reasonCode], language), reasonCode };
}
