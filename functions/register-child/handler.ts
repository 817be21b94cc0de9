import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import {
  aktaSerialScope,
  assertValidAktaFormat,
  DEFAULT_AKTA_NUMBER_FORMAT,
  formatAktaNumber,
} from '../../domain/birth-certificate.js';
import { dateInZone, formatIsoDate } from '../../domain/calendar.js';
import { childIdCardPlan, ChildIdCardStatus } from '../../domain/child-id-card.js';
import { formatNik, MAX_NIK_SERIAL, nikPrefix } from '../../domain/nik.js';
import { dynamodb } from '../shared/aws.js';
import { CivilTimeZoneSchema, readConfig, RegencyCodeSchema } from '../shared/config.js';
import { RegistrationStateError, transactionCancellation } from '../shared/errors.js';
import { aktaSequenceKey, documentKey, familyKey, familyMemberKey, nikSequenceKey, personKey } from '../shared/keys.js';
import { logger } from '../shared/logger.js';
import { allows } from '../../domain/registration-lifecycle.js';
import { civilBirthOf, loadRegistration, type Issued } from '../shared/registration.js';
import { registrationRepository } from '../shared/registration-repository.js';
import { nextSerial } from '../shared/sequence.js';
import { StepInputSchema, taskHandler } from '../shared/task.js';

const config = readConfig({
  ISSUING_REGENCY_CODE: RegencyCodeSchema,
  AKTA_NUMBER_FORMAT: z.string().default(DEFAULT_AKTA_NUMBER_FORMAT),
  CIVIL_TIME_ZONE: CivilTimeZoneSchema,
});
assertValidAktaFormat(config.AKTA_NUMBER_FORMAT);
const repository = registrationRepository(config.TABLE_NAME);

/**
 * Step 3, the 4-in-1: the child enters the registry.
 *  - NIK: district of the family's address + DDMMYY (+40 for girls) + the next serial of that prefix;
 *  - KK: the child joins the family card with its SHDK (ANAK of the head, CUCU, ...: derived from the
 *    mother's place on the card, domain/family-relationship.ts); the card keeps its number and gets
 *    a new version and issue date (a new print);
 *  - akta kelahiran: the next number of the regency's scope (domain/birth-certificate.ts);
 *  - KIA: number = NIK, the 0-5 years kind, valid through the day before the 5th birthday; a child
 *    registered at 5 or older gets none now (5-16: AWAITING_PHOTO, the 5-17 kind; 17+: NOT_ELIGIBLE).
 * The three counters are claimed with atomic ADDs (concurrent births, twins on one card, never
 * contend or share a value); then the registration's numbers and timeline, the child's person record,
 * the KK member and the two document-number guards are written in one transaction, conditional on the
 * registration having no NIK: all four exist or none does, and a retried or re-run step issues nothing.
 * A serial or KK version is skipped (never shared) only if the step dies between the ADDs and the write.
 * NIK counters are seeded by the population import (highest serial per prefix); a serial a person
 * holds all the same is skipped and the next one taken (isNikCollision), so the birth does not FAIL.
 */
export const handler = taskHandler(StepInputSchema, async ({ registrationId }) => {
  const registration = await loadRegistration(config.TABLE_NAME, registrationId);
  if (registration.issued.nik) return {};
  if (!allows('issue', registration.status) || !registration.family) {
    throw new RegistrationStateError(`Cannot register the child in status ${registration.status}`);
  }
  const { child } = registration.notification;
  const birth = civilBirthOf(registration.notification, config.CIVIL_TIME_ZONE);
  const birthDate = birth.date;
  const { familyCardNumber, districtCode } = registration.family;
  // SHDK from the mother's place on the card, derived at validation; ANAK for a case validated before that.
  const relationship = registration.family.childRelationship ?? 'ANAK';

  const now = new Date();
  const at = now.toISOString();
  const issuedOn = dateInZone(now, config.CIVIL_TIME_ZONE);
  const prefix = nikPrefix(districtCode, birthDate, child.sex);
  const aktaScope = aktaSerialScope(config.AKTA_NUMBER_FORMAT, config.ISSUING_REGENCY_CODE, issuedOn);
  const [familyCardVersion, aktaSerial] = await Promise.all([
    nextFamilyCardVersion(familyCardNumber, registrationId, at),
    nextSerial(config.TABLE_NAME, aktaSequenceKey(aktaScope)),
  ]);
  // A serial the registry already holds (a person registered before this system whom the import's
  // seeding did not cover) fails the transaction on the person's guard: take the next serial. The
  // registration's own condition (no NIK yet) keeps it exactly once whatever happens between tries.
  let collisions = 0;
  for (;;) {
    const nikSerial = await nextSerial(config.TABLE_NAME, nikSequenceKey(prefix));
    if (nikSerial > MAX_NIK_SERIAL) throw new RegistrationStateError('NIK serials exhausted for this prefix');
    try {
      const written = await issueWith(nikSerial);
      if (collisions > 0) logger.warn('NIK serials already held in the registry were skipped', { collisions, nikSerial });
      return written;
    } catch (error) {
      if (!isNikCollision(error) || collisions >= MAX_NIK_COLLISIONS) throw error;
      collisions += 1;
    }
  }

  async function issueWith(nikSerial: number): Promise<Record<string, never>> {
    const nik = formatNik(prefix, nikSerial);
    // A child registered at 5 or older gets no (already expired) 0-5 KIA: the 5-17 kind waits for a photo, from 17 none.
    const kia = childIdCardPlan(birthDate, issuedOn);
    const kiaIssued = kia.status === ChildIdCardStatus.ISSUED;
    const issued = {
      nik,
      familyCardNumber,
      familyCardVersion,
      birthCertificateNumber: formatAktaNumber(aktaScope, aktaSerial),
      birthCertificateIssuedOn: formatIsoDate(issuedOn),
      ...(kiaIssued ? { childIdCardNumber: nik } : {}),
      ...(kia.status !== ChildIdCardStatus.NOT_ELIGIBLE ? { childIdCardKind: kia.kind, childIdCardValidThrough: formatIsoDate(kia.validThrough) } : {}),
      childIdCardStatus: kia.status,
    } satisfies Issued;
    const childRecord = {
      nik,
      name: child.name,
      sex: child.sex,
      birthDate: birth.isoDate,
      ...(child.birthPlace ? { birthPlace: child.birthPlace } : {}),
      registrationId,
    };
    const guard = 'attribute_not_exists(pk)';
    const written = await repository.issue(registrationId, at, issued, [
      {
        Put: {
          TableName: config.TABLE_NAME,
          Item: { ...personKey(nik), ...childRecord, familyCardNumber, createdAt: at },
          ConditionExpression: guard,
        },
      },
      {
        Put: {
          TableName: config.TABLE_NAME,
          Item: { ...familyMemberKey(familyCardNumber, nik), ...childRecord, relationship, addedAt: at, sinceVersion: familyCardVersion },
          ConditionExpression: guard,
        },
      },
      {
        Put: {
          TableName: config.TABLE_NAME,
          Item: {
            ...documentKey('BIRTH_CERTIFICATE', issued.birthCertificateNumber),
            type: 'BIRTH_CERTIFICATE',
            number: issued.birthCertificateNumber,
            registrationId,
            issuedAt: at,
          },
          ConditionExpression: guard,
        },
      },
      ...(kiaIssued
        ? [
            {
              Put: {
                TableName: config.TABLE_NAME,
                Item: {
                  ...documentKey('CHILD_ID_CARD', nik),
                  type: 'CHILD_ID_CARD',
                  number: nik,
                  kind: issued.childIdCardKind,
                  validThrough: issued.childIdCardValidThrough,
                  registrationId,
                  issuedAt: at,
                },
                ConditionExpression: guard,
              },
            },
          ]
        : []),
    ], kiaIssued ? {} : { omitSteps: ['CHILD_ID_CARD_ISSUED'] });
    if (written.outcome === 'already-applied') {
      logger.info('Child already registered by an earlier attempt; claimed numbers left unused', { nikSerial, familyCardVersion, aktaSerial });
      return {};
    }
    if (written.outcome === 'refused') throw new RegistrationStateError(`Cannot register the child in status ${written.current?.status ?? 'missing'}`);
    logger.info('Child registered: NIK, KK entry, akta and KIA issued', { familyCardVersion, childIdCardStatus: kia.status });
    return {};
  }
});

/** Tries with serials someone already holds before the step fails (FAILED, alarmed): far more than seeding leaves. */
const MAX_NIK_COLLISIONS = 100;

/**
 * The transaction failed only because the NIK is taken: the person, KK-member or KIA guard (items
 * 1, 2, 4 of the transaction, all keyed by the NIK) refused, while the registration (0) and the akta
 * number (3) did not.
 */
function isNikCollision(error: unknown): boolean {
  const reasons = transactionCancellation(error);
  if (!reasons) return false;
  const failed = (i: number) => reasons[i]?.conditionFailed === true;
  return !failed(0) && !failed(3) && (failed(1) || failed(2) || failed(4));
}

/** The family card's next version (and issue date), claimed with one atomic ADD. */
async function nextFamilyCardVersion(familyCardNumber: string, registrationId: string, at: string): Promise<number> {
  const { Attributes } = await dynamodb.send(
    new UpdateCommand({
      TableName: config.TABLE_NAME,
      Key: familyKey(familyCardNumber),
      UpdateExpression: 'ADD #version :one SET issuedAt = :at, lastChange = :change',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':one': 1, ':at': at, ':change': { registrationId, kind: 'BIRTH' } },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(Attributes?.['version']);
}
