import { formatIsoDate, type CalendarDate } from './calendar.js';
import { RegistrationStatus } from './registration-lifecycle.js';

/**
 * Whether an issued document still holds, as someone scanning its QR code years later needs to
 * know. Pure: the verification handler (functions/verify-document) gathers the facts, this decides.
 *
 * - ACTIVE: the current version of a document of a live registration. The only `valid` state.
 * - SUPERSEDED: a newer version of the same document exists: a KK print after another change to the
 *   family card (a sibling's birth, a child leaving it), an akta or KIA re-issued after a correction.
 *   The answer gives the date it was superseded and advises asking for the current one; it never
 *   shows the newer content.
 * - REVOKED: the registration was annulled (pembatalan; status REVOKED): every document of it.
 * - EXPIRED: a KIA past its `validThrough` day (civil date in the regency's zone).
 *
 * Precedence, strongest first: REVOKED (nothing of the registration holds), SUPERSEDED (this print
 * is not the one to rely on, whatever its date), EXPIRED, ACTIVE.
 */
export const DocumentStatus = {
  ACTIVE: 'ACTIVE',
  SUPERSEDED: 'SUPERSEDED',
  REVOKED: 'REVOKED',
  EXPIRED: 'EXPIRED',
} as const;
export type DocumentStatus = (typeof DocumentStatus)[keyof typeof DocumentStatus];
export const DOCUMENT_STATUSES = Object.values(DocumentStatus) as readonly DocumentStatus[];

export interface DocumentStateFacts {
  /** The registration the document belongs to. */
  readonly registrationStatus: RegistrationStatus;
  /** When it was revoked (the REVOKED step), if it was. */
  readonly revokedAt?: string | undefined;
  /**
   * When a newer version of this document came into being, if one did: the document record's own
   * `supersededAt` (a re-issue of the registration's document), or, for a KK print, the moment the
   * family card got its next version.
   */
  readonly supersededAt?: string | undefined;
  /** The last day it is valid (a KIA's `validThrough`), if it expires. */
  readonly validThrough?: string | undefined;
  /** Today, in the regency's zone (the caller's clock: injectable, never read here). */
  readonly today: CalendarDate;
}

export type DocumentState =
  | { readonly status: typeof DocumentStatus.ACTIVE }
  | { readonly status: typeof DocumentStatus.REVOKED; readonly since?: string }
  | { readonly status: typeof DocumentStatus.SUPERSEDED; readonly since: string }
  | { readonly status: typeof DocumentStatus.EXPIRED; readonly since: string };

/** The day after `validThrough`, as YYYY-MM-DD: when an expired document stopped holding. */
function dayAfter(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1));
  return formatIsoDate({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() });
}

export function documentState(facts: DocumentStateFacts): DocumentState {
  if (facts.registrationStatus === RegistrationStatus.REVOKED) {
    return facts.revokedAt ? { status: DocumentStatus.REVOKED, since: facts.revokedAt } : { status: DocumentStatus.REVOKED };
  }
  if (facts.supersededAt) return { status: DocumentStatus.SUPERSEDED, since: facts.supersededAt };
  // ISO dates compare as strings.
  if (facts.validThrough && formatIsoDate(facts.today) > facts.validThrough) {
    return { status: DocumentStatus.EXPIRED, since: dayAfter(facts.validThrough) };
  }
  return { status: DocumentStatus.ACTIVE };
}

/** A KK print of `printedVersion` is superseded once the card has a later version. */
export const familyCardPrintSuperseded = (printedVersion: number, currentVersion: number): boolean => currentVersion > printedVersion;
