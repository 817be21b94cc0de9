import { civilBirth } from '../domain/birth-date.js';
import { dateInZone, formatIsoDate, type TimeZone } from '../domain/calendar.js';
import { childIdCardIssued, childIdCardPlan, ChildIdCardStatus, type ChildIdCardStatus as KiaStatus } from '../domain/child-id-card.js';
import { canonicalRelationship, newbornRelationship, RELATIONSHIP_ORDER, type StoredRelationship } from '../domain/family-relationship.js';
import { aktaParentage, Parentage } from '../domain/parentage.js';
import {
  CITIZENSHIP_WNI,
  DocumentType,
  KUTIPAN_STATEMENT,
  type Address,
  type BirthCertificateContent,
  type ChildIdCardContent,
  type FamilyCardContent,
  type Issuer,
} from './content.js';

/**
 * Assembling the three documents of a registration (the akta, the KK print and the KIA) as data,
 * from the registration and what the population registry holds. Pure: the caller reads the
 * registry (functions/shared/documents.ts) and passes the clock and the office's time zone.
 */
type Sex = 'MALE' | 'FEMALE';

/** What a registration contributes (functions/shared/registration.ts `Registration` is one). */
export interface DocumentSource {
  readonly registrationId: string;
  readonly notification: {
    readonly child: {
      readonly name: string;
      readonly sex: Sex;
      readonly birthDateTime: string;
      readonly birthPlace?: string | undefined;
      readonly birthOrder: number;
      readonly multipleBirth?: { readonly count: number; readonly order: number } | undefined;
    };
    readonly marriageCertificateNumber?: string | undefined;
    readonly father?: { readonly nik: string; readonly name?: string | undefined } | undefined;
    readonly sptjm?: { readonly kind: 'HUSBAND_AND_WIFE'; readonly signedOn: string } | undefined;
  };
  readonly issued: {
    readonly nik?: string;
    readonly familyCardVersion?: number;
    readonly birthCertificateNumber?: string;
    readonly birthCertificateIssuedOn?: string;
    readonly childIdCardNumber?: string;
    readonly childIdCardValidThrough?: string;
    readonly childIdCardStatus?: KiaStatus;
  };
  readonly steps: { readonly FAMILY_CARD_UPDATED?: { readonly at: string }; readonly CHILD_ID_CARD_ISSUED?: { readonly at: string } };
  /** A late registration's approval carries the head of office's decree (SK) number. */
  readonly decision?: { readonly decreeNumber?: string | undefined } | undefined;
}

interface RegisteredPerson {
  readonly nik: string;
  readonly name: string;
  readonly sex: Sex;
  readonly birthDate: string;
}

/** The registry's records the documents print. */
export interface DocumentFacts {
  readonly mother?: RegisteredPerson | undefined;
  readonly father?: RegisteredPerson | undefined;
  readonly family?:
    | {
        readonly familyCardNumber: string;
        readonly version: number;
        readonly address: { readonly districtCode: string; readonly villageCode?: string; readonly street?: string } & Partial<
          Pick<Address, 'districtName' | 'regencyName' | 'provinceName' | 'villageName'>
        >;
      }
    | undefined;
  readonly members: readonly (RegisteredPerson & {
    readonly relationship: StoredRelationship;
    readonly registrationId?: string;
    readonly birthPlace?: string;
    readonly sinceVersion?: number;
  })[];
}

/**
 * The akta, the KK print and the KIA for `registration`. With numbers not issued yet (a registrar's
 * draft) they are null and the newborn is shown joining the card in its next version: what the
 * registrar approves is what will be printed. Dates of birth and issue are in `timeZone`, the
 * registering office's (domain/birth-date.ts).
 */
export function buildDocumentContents(input: {
  registration: DocumentSource;
  facts: DocumentFacts;
  issuer: Issuer;
  timeZone: TimeZone;
  now?: Date;
}): [BirthCertificateContent, FamilyCardContent] | [BirthCertificateContent, FamilyCardContent, ChildIdCardContent] {
  const { registration, facts, issuer, timeZone } = input;
  const now = input.now ?? new Date();
  const { notification, issued, steps } = registration;
  const { child } = notification;
  const family = facts.family;
  if (!family || !facts.mother) throw new Error('The family card and the mother must be in the registry to issue documents');
  const birth = civilBirth(child.birthDateTime, timeZone);
  if (!birth) throw new Error('Unreadable birth date');
  const dayOf = (instant: string | undefined): string => formatIsoDate(dateInZone(instant ? new Date(instant) : now, timeZone));
  const birthPlace = child.birthPlace ?? issuer.placeOfIssue;
  const mother = { nik: facts.mother.nik, name: facts.mother.name };
  // Without a marriage record the akta names the mother only ("anak seorang ibu"). A father this
  // regency's registry does not hold (a KTP-el of another regency) is printed as notified.
  const fatherNamed = facts.father
    ? { nik: facts.father.nik, name: facts.father.name }
    : notification.father?.name
      ? { nik: notification.father.nik, name: notification.father.name }
      : null;
  // With an SPTJM instead of a marriage record, both parents, marriage not yet recorded (domain/parentage.ts).
  const parentage = aktaParentage({
    hasMarriageRecord: Boolean(notification.marriageCertificateNumber),
    hasSpousesSptjm: notification.sptjm?.kind === 'HUSBAND_AND_WIFE',
    fatherNamed: fatherNamed !== null,
  });
  const father = parentage === Parentage.MOTHER_ONLY ? null : fatherNamed;
  const nik = issued.nik ?? null;

  const familyVersion = issued.familyCardVersion ?? family.version + 1;
  const existing = facts.members.filter((m) => m.registrationId !== registration.registrationId && (m.sinceVersion ?? 0) <= familyVersion);
  // The newborn's SHDK: as the KK record written at issue says, or (a draft) as it will be written.
  const entered = facts.members.find((m) => m.registrationId === registration.registrationId);
  const motherOnCard = facts.members.find((m) => m.nik === facts.mother?.nik);
  const newbornShdk = entered
    ? canonicalRelationship(entered.relationship, entered.sex)
    : motherOnCard
      ? newbornRelationship(motherOnCard.relationship, motherOnCard.sex)
      : 'ANAK';
  const newborn = {
    nik,
    name: child.name,
    sex: child.sex,
    birthPlace,
    birthDate: birth.isoDate,
    relationship: newbornShdk,
    motherName: mother.name,
    ...(father ? { fatherName: father.name } : {}),
  };
  const members = [
    ...existing.map((m) => ({
      nik: m.nik,
      name: m.name,
      sex: m.sex,
      ...(m.birthPlace ? { birthPlace: m.birthPlace } : {}),
      birthDate: m.birthDate,
      relationship: canonicalRelationship(m.relationship, m.sex),
    })),
    newborn,
  ].sort((a, b) => RELATIONSHIP_ORDER[a.relationship] - RELATIONSHIP_ORDER[b.relationship] || a.birthDate.localeCompare(b.birthDate));
  const head = facts.members.find((m) => canonicalRelationship(m.relationship, m.sex) === 'KEPALA_KELUARGA');
  const headName = head?.name ?? mother.name;
  const { districtCode, villageCode, street, districtName, regencyName, provinceName, villageName } = family.address;
  const address: Address = {
    districtCode,
    ...(villageCode ? { villageCode } : {}),
    ...(street ? { street } : {}),
    ...(villageName ? { villageName } : {}),
    districtName: districtName ?? districtCode,
    regencyName: regencyName ?? districtCode.slice(0, 5),
    provinceName: provinceName ?? districtCode.slice(0, 2),
  };

  const birthCertificate: BirthCertificateContent = {
    type: DocumentType.BIRTH_CERTIFICATE,
    number: issued.birthCertificateNumber ?? null,
    nik,
    child: {
      name: child.name,
      sex: child.sex,
      birthDate: birth.isoDate,
      birthTime: birth.time,
      timeZone: birth.timeZone,
      birthPlace,
      birthOrder: child.birthOrder,
      ...(child.multipleBirth ? { multipleBirth: child.multipleBirth } : {}),
      citizenship: CITIZENSHIP_WNI,
    },
    mother,
    father,
    parentage,
    extractStatement: KUTIPAN_STATEMENT,
    issuedOn: issued.birthCertificateIssuedOn ?? dayOf(undefined),
    issuer,
    ...(registration.decision?.decreeNumber ? { lateRegistrationDecree: registration.decision.decreeNumber } : {}),
  };
  const familyCard: FamilyCardContent = {
    type: DocumentType.FAMILY_CARD,
    number: family.familyCardNumber,
    version: familyVersion,
    issuedOn: dayOf(steps.FAMILY_CARD_UPDATED?.at),
    headName,
    address,
    members,
    issuer,
  };
  // The KIA is printed only when issued with the akta: not for a child of 5 or older (domain/child-id-card.ts).
  // A draft goes by the child's age today; an issued registration by what RegisterChild recorded.
  const kiaPlan = childIdCardPlan(birth.date, dateInZone(now, timeZone));
  const withKia = issued.nik ? childIdCardIssued(issued) : kiaPlan.status === ChildIdCardStatus.ISSUED;
  if (!withKia) return [birthCertificate, familyCard];
  const childIdCard: ChildIdCardContent = {
    type: DocumentType.CHILD_ID_CARD,
    number: issued.childIdCardNumber ?? null,
    name: child.name,
    sex: child.sex,
    birthPlace,
    birthDate: birth.isoDate,
    familyCardNumber: family.familyCardNumber,
    headName,
    birthCertificateNumber: issued.birthCertificateNumber ?? null,
    address,
    kind: '0-5',
    validThrough: issued.childIdCardValidThrough ?? formatIsoDate(kiaPlan.status === ChildIdCardStatus.ISSUED ? kiaPlan.validThrough : birth.date),
    issuedOn: dayOf(steps.CHILD_ID_CARD_ISSUED?.at),
    issuer,
  };
  return [birthCertificate, familyCard, childIdCard];
}
