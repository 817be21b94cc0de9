/**
 * The birth order ("anak ke-") when the notification does not carry it: a FHIR Bundle has no
 * element for it (`multipleBirthInteger` is the order within one delivery). The registry knows the
 * mother's children already on her family card (KK): the child is the next one. Plain function, no I/O.
 *
 * - The mother's children are the KK's members of relationship ANAK (legacy CHILD) when she is the head of the
 *   family or the head's spouse (the registry does not record a member's mother, so a head's child
 *   from an earlier marriage counts too: the registrar sees the number on the draft akta). When she
 *   is any other member (a daughter living on her parents' card), her children cannot be told apart
 *   from her siblings by the SHDK relationships (both are CUCU of the head): none are counted.
 * - Members born within a day of this birth are the same delivery (the twin registered first, or
 *   this very child on a replay after it was registered), not older siblings: they do not count,
 *   and the order within the delivery is added instead, so twins get n+1 and n+2 in either order of
 *   arrival.
 */
import { canonicalRelationship, type StoredRelationship } from './family-relationship.js';

export interface FamilyMemberFact {
  readonly nik: string;
  readonly relationship: string;
  /** YYYY-MM-DD */
  readonly birthDate: string;
}

const DAY_MS = 86_400_000;
/** Birth dates this close to the instant of birth (in days, either side) are the same delivery. */
export const SAME_DELIVERY_DAYS = 1;

export function birthOrderFromFamily(input: {
  readonly members: readonly FamilyMemberFact[];
  readonly motherNik: string;
  /** The instant of birth (ISO 8601 with offset). */
  readonly birthDateTime: string;
  /** The order within a multiple birth (1, 2, …); absent or 0 for a single birth. */
  readonly orderInDelivery?: number | undefined;
}): number {
  const mother = input.members.find((m) => m.nik === input.motherNik);
  const relationship = (m: FamilyMemberFact) => canonicalRelationship(m.relationship as StoredRelationship, 'FEMALE');
  const motherRole = mother ? relationship(mother) : undefined;
  const motherHeadsFamily = motherRole === 'KEPALA_KELUARGA' || motherRole === 'ISTRI' || motherRole === 'SUAMI';
  const birth = Date.parse(input.birthDateTime);
  const olderSiblings = motherHeadsFamily
    ? input.members.filter((m) => {
        if (relationship(m) !== 'ANAK') return false;
        const born = Date.parse(`${m.birthDate}T00:00:00Z`);
        // Unknown instant or date: counted (an older sibling is the likelier reading).
        return !Number.isFinite(birth) || !Number.isFinite(born) || Math.abs(born - birth) > (SAME_DELIVERY_DAYS + 1) * DAY_MS;
      }).length
    : 0;
  const inDelivery = input.orderInDelivery && input.orderInDelivery > 0 ? input.orderInDelivery : 1;
  return olderSiblings + inDelivery;
}
