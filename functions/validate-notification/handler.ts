import * as z from 'zod';
import { REGENCY_CODE } from '../../domain/region-codes.js';
import { dateInZone, parseCalendarDate, type CalendarDate } from '../../domain/calendar.js';
import { DUPLICATE_WINDOW_DAYS, hasErrors, runRegistryChecks } from '../../domain/registry-checks.js';
import { CivilTimeZoneSchema, readConfig } from '../shared/config.js';
import { RegistrationStateError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { birthsOfMotherAround, loadRegistryFacts } from '../shared/population.js';
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
  const [facts, around] = await Promise.all([
    loadRegistryFacts(config.TABLE_NAME, {
      familyCardNumber: notification.familyCardNumber,
      motherNik: notification.mother.nik,
      ...(notification.father ? { fatherNik: notification.father.nik } : {}),
    }),
    birthsOfMotherAround(config.TABLE_NAME, notification.mother.nik, new Date(notification.child.birthDateTime), DUPLICATE_WINDOW_DAYS),
  ]);
  const live = around.filter(
    (r) => r.registrationId !== registrationId && r.status !== RegistrationStatus.REJECTED && r.status !== RegistrationStatus.FAILED,
  );
  const checks = runRegistryChecks({
    birthDate: civilBirthOf(notification, config.CIVIL_TIME_ZONE).date,
    receivedOn: dateInZone(new Date(registration.createdAt), config.CIVIL_TIME_ZONE),
    ...(notification.child.multipleBirth ? { multipleBirth: notification.child.multipleBirth } : {}),
    hasMarriageRecord: notification.marriageCertificateNumber !== undefined,
    servedRegencies: config.SERVED_REGENCIES,
    ...(facts.family ? { family: { districtCode: facts.family.address.districtCode } } : {}),
    ...(facts.mother ? { mother: { sex: facts.mother.sex, birthDate: date(facts.mother.birthDate) } } : {}),
    motherInFamily: facts.motherMembership !== undefined,
    fatherGiven: notification.father !== undefined,
    ...(facts.father ? { father: { sex: facts.father.sex } } : {}),
    otherBirthsOfMother: live.map((r) => ({
      registrationId: r.registrationId,
      birthDate: civilBirthOf(r.notification, config.CIVIL_TIME_ZONE).date,
      ...(r.notification.child.multipleBirth ? { multipleBirth: r.notification.child.multipleBirth } : {}),
    })),
  });
  const outcome: ValidationOutcome = hasErrors(checks) ? 'REJECTED' : 'NEEDS_APPROVAL';
  const errors = checks.filter((c) => c.severity === 'ERROR');
  const written = await repository.validate(registrationId, new Date().toISOString(), {
    checks,
    outcome,
    ...(facts.family ? { family: { familyCardNumber: facts.family.familyCardNumber, districtCode: facts.family.address.districtCode } } : {}),
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
