import { HOSPITAL_MISMATCH, hospitalFields } from '../../domain/registry-checks.js';
import type { Registration } from './registration.js';

/**
 * A rejection as the submitting hospital sees it: a registrar's reason as written; a registry
 * rejection in one standard wording with the fields to check, never the codes (domain/registry-checks.ts
 * HOSPITAL_DISCLOSURE).
 */
export function hospitalRejection(rejection: NonNullable<Registration['rejection']>): { source: NonNullable<Registration['rejection']>['source']; reason: string; fields?: string[] } {
  if (rejection.source !== 'REGISTRY_CHECKS') return { source: rejection.source, reason: rejection.reason };
  return { source: rejection.source, reason: HOSPITAL_MISMATCH.id, fields: hospitalFields(rejection.codes ?? []) };
}

/**
 * What a hospital learns of a failure: whether the registrar let the approval expire (notify again),
 * or that processing failed; never the internal error's name (a Lambda's exception, a state name).
 */
export function publicFailure(error: string): string {
  return error === 'ApprovalExpired' ? 'ApprovalExpired' : 'ProcessingFailed';
}

/** What parents read of a rejection: the standard wording of its reason, never the registrar's own text. */
export const PARENT_REJECTION_WORDING = {
  REGISTRY_CHECKS: 'The hospital’s notification did not match the population registry; the hospital will correct it and notify again.',
  DATA_MISMATCH: 'The data in the notification did not match the family’s documents; the hospital will correct it and notify again.',
  DUPLICATE: 'This birth is already registered in another notification.',
  DOCUMENTS_MISSING: 'Documents needed for the registration are missing; the hospital will contact you.',
  OUT_OF_AREA: 'The family is registered outside this office’s area; please contact the Dukcapil office of your area.',
  OTHER: 'The registrar could not approve the registration; the hospital will contact you.',
} as const;

export function parentRejectionReason(rejection: NonNullable<Registration['rejection']>): string {
  if (rejection.source === 'REGISTRY_CHECKS') return PARENT_REJECTION_WORDING.REGISTRY_CHECKS;
  return PARENT_REJECTION_WORDING[rejection.reasonCode ?? 'OTHER'];
}
