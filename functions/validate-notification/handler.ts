import * as z from 'zod';
import { REGENCY_CODE } from '../../domain/region-codes.js';
import { dateInZone, parseCalendarDate, type CalendarDate } from '../../domain/calendar.js';
import { newbornRelationship } from '../../domain/family-relationship.js';
import { DUPLICATE_WINDOW_DAYS, familyCardMayHoldDuplicate, hasErrors, runRegistryChecks } from '../../domain/registry-checks.js';
import { CivilTimeZoneSchema, readConfig } from '../shared/config.js';
import { RegistrationStateError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { birthsOfMotherAround, familyMembers, loadRegistryFacts } from '../shared/population.js';
import { civilBirthOf, loadRegistration, RegistrationStatus, type ValidationOutcome } from '../shared/registration.js';
import { registrationRepository } from '../shared/registration-repository.js';
import { StepInputSchema, taskHandler } from '../shared/task.js';
import { workListAttributes } from '../shared/work-lists.js';

const config = readConfig({
  /** Regencies whose families this office registers, e.g. "35.10" or "35.10,35.09". */
  SERVED_REGENCIES: z
    .string()
    .transform((s) => s.split(',').map((r) => r.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(REGENCY_CODE)).min(1)),
  CIVIL_TIME_ZONE: CivilTimeZoneSchema,
});

const repository = registrationRepository(config.TABLE_NAME);

const date = (text: string): CalendarDate => {
  const parsed = parseCalendarDate(text);
  if (!parsed) throw new RegistrationStateError('A stored date is not a calendar date');
  return parsed;
};

/** Step 1: check the notification against the registry; ERROR-level findings reject at once. */
export const handler = taskHandler(StepInputSchema, async ({ registrationId }): Promise<{ outcome: ValidationOutcome }> => {
  const registration = await loadRegistration(config.TABLE_NAME, registrationId);
  if (registration.validationOutcome) return { outcome: registration.validationOutcome }; // replay: the first verdict stands

  const { notification } = registration;
  const factsRead = loadRegistryFacts(config.TABLE_NAME, {
    familyCardNumber: notification.familyCardNumber,
    motherNik: notification.mother.nik,
    ...(notification.father ? { fatherNik: notification.father.nik } : {}),
  });
  const birthDate = civilBirthOf(notification, config.CIVIL_TIME_ZONE).date;
  // The card's members (for a child already on it, registered before this system) only when one of
  // them can be a duplicate: the family item the BatchGet reads anyway holds their latest birth date.
  const membersRead = factsRead.then(({ family }) => {
    const latest = family?.latestImportedBirthDate;
    const mayHoldDuplicate =
      family !== undefined &&
      familyCardMayHoldDuplicate({ birthDate, latestEarlierMemberBirthDate: latest ? date(latest) : undefined, multipleBirth: notification.child.multipleBirth });
    return mayHoldDuplicate ? familyMembers(config.TABLE_NAME, family.familyCardNumber) : [];
  });
  const [facts, around, members] = await Promise.all([
    factsRead,
    birthsOfMotherAround(config.TABLE_NAME, notification.mother.nik, new Date(notification.child.birthDateTime), DUPLICATE_WINDOW_DAYS),
    membersRead,
  ]);
  const live = around.filter(
    (r) => r.registrationId !== registrationId && r.status !== RegistrationStatus.REJECTED && r.status !== RegistrationStatus.FAILED,
  );
  const checks = runRegistryChecks({
    birthDate,
    receivedOn: dateInZone(new Date(registration.createdAt), config.CIVIL_TIME_ZONE),
    ...(notification.child.multipleBirth ? { multipleBirth: notification.child.multipleBirth } : {}),
    hasMarriageRecord: notification.marriageCertificateNumber !== undefined,
    childName: notification.child.name,
    hasSpousesSptjm: notification.sptjm?.kind === 'HUSBAND_AND_WIFE',
    birthOrder: notification.child.birthOrder,
    // Members this system did not add (no registrationId): children registered before it.
    earlierMembersOfFamily: members.flatMap((m) => {
      const birthDate = m.registrationId === undefined ? parseCalendarDate(m.birthDate) : null;
      return birthDate ? [{ birthDate }] : [];
    }),
    servedRegencies: config.SERVED_REGENCIES,
    familyCardGiven: notification.familyCardNumber !== undefined,
    ...(facts.family ? { family: { districtCode: facts.family.address.districtCode } } : {}),
    ...(facts.mother ? { mother: { sex: facts.mother.sex, birthDate: date(facts.mother.birthDate) } } : {}),
    motherInFamily: facts.motherMembership !== undefined,
    fatherGiven: notification.father !== undefined,
    ...(facts.father ? { father: { sex: facts.father.sex } } : {}),
    otherBirthsOfMother: live.map((r) => ({
      registrationId: r.registrationId,
      birthDate: civilBirthOf(r.notification, config.CIVIL_TIME_ZONE).date,
      birthOrder: r.notification.child.birthOrder,
      ...(r.notification.child.multipleBirth ? { multipleBirth: r.notification.child.multipleBirth } : {}),
    })),
  });
  const outcome: ValidationOutcome = hasErrors(checks) ? 'REJECTED' : 'NEEDS_APPROVAL';
  const errors = checks.filter((c) => c.severity === 'ERROR');
  const written = await repository.validate(registrationId, new Date().toISOString(), {
    checks,
    outcome,
    ...(facts.family
      ? {
          family: {
            familyCardNumber: facts.family.familyCardNumber,
            districtCode: facts.family.address.districtCode,
            ...(facts.motherMembership ? { childRelationship: newbornRelationship(facts.motherMembership.relationship, facts.motherMembership.sex) } : {}),
          },
        }
      : {}),
    ...(outcome === 'REJECTED'
      ? { rejection: { source: 'REGISTRY_CHECKS', reason: errors.map((c) => c.message.en).join(' '), codes: errors.map((c) => c.code) } }
      : {}),
    workList: workListAttributes({ checks, childName: notification.child.name, motherName: facts.mother?.name }),
  });
  // A concurrent replay validated first: its verdict stands.
  if (written.outcome === 'already-applied') return { outcome: written.current?.validationOutcome ?? outcome };
  if (written.outcome === 'refused') throw new RegistrationStateError(`Cannot validate in status ${written.current?.status ?? 'missing'}`);
  logger.info('Notification validated', { outcome, checkCodes: checks.map((c) => c.code) });
  return { outcome };
});
