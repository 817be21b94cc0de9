/**
 * The FHIR R4 vocabulary the Bundle door reads: SATUSEHAT's identifier systems and extensions (the
 * Ministry of Health's platform; "Pasien Bayi Baru Lahir" of the Master Patient Index playbook and
 * the SATUSEHAT FHIR R4 Implementation Guide's profiles, `https://fhir.kemkes.go.id/r4/StructureDefinition/*`),
 * HL7's core extensions and code systems, and the two extensions of this API. One place, so the
 * mapping (api/fhir/bundle-mapping.ts), the CapabilityStatement and the README name the same URLs.
 */
export const FHIR_VERSION = '4.0.1';

/** Which published profiles the mapping follows (README "FHIR notifications"). */
export const PROFILES_FOLLOWED =
  'SATUSEHAT FHIR R4 Implementation Guide (profiles under https://fhir.kemkes.go.id/r4/StructureDefinition/, ID Core 0.1.0) and the SATUSEHAT Master Patient Index playbook "Pasien Bayi Baru Lahir", as published in 2024';

export const SYSTEM = {
  /** A person's own NIK. */
  nik: 'https://fhir.kemkes.go.id/id/nik',
  /** The mother's NIK on a newborn that has none of its own yet. */
  nikIbu: 'https://fhir.kemkes.go.id/id/nik-ibu',
  /** The family card (Kartu Keluarga) number, where a SIMRS records it (the MPI playbook's "Nomor Kartu Keluarga"). */
  kk: 'https://fhir.kemkes.go.id/id/kk',
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  /** v3 RoleCode: MTH/NMTH (mother), FTH/NFTH (father) on RelatedPerson.relationship. */
  roleCode: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode',
  /** v2 table 0360 (degree/licence) on Practitioner.qualification: MD, RN, CNM… */
  degree: 'http://terminology.hl7.org/CodeSystem/v2-0360',
} as const;

export const EXTENSION = {
  /** On Patient.birthDate: the instant of birth. */
  birthTime: 'http://hl7.org/fhir/StructureDefinition/patient-birthTime',
  /** On Patient.multipleBirth[x] (or the Patient): how many children the delivery had. */
  multipleBirthTotal: 'http://hl7.org/fhir/StructureDefinition/patient-multipleBirthTotal',
  /** SATUSEHAT's birth place on Patient: valueAddress (city, with the Kemendagri administrativeCode). */
  birthPlace: 'https://fhir.kemkes.go.id/r4/StructureDefinition/birthPlace',
  /**
   * This API's: the marriage record (the KUA's buku nikah number) on the father's RelatedPerson,
   * valueString. FHIR and SATUSEHAT have no element for it, and without it the akta names the
   * mother only. A URN, not a URL, until the office publishes its own FHIR namespace.
   */
  marriageCertificate: 'urn:lahir:fhir:StructureDefinition:marriage-certificate',
  /**
   * This API's: the parents' SPTJM (Permendagri 9/2016, their sworn statement of being husband and
   * wife, for a marriage not yet recorded) on the father's RelatedPerson, valueDate: the day it was signed.
   */
  sptjm: 'urn:lahir:fhir:StructureDefinition:sptjm',
  /** This API's: on the success OperationOutcome, the registration (registrationId, status, accessCode). */
  registrationReceipt: 'urn:lahir:fhir:StructureDefinition:registration-receipt',
} as const;

export const LOINC = {
  birthWeight: '8339-4',
  bodyLengthAtBirth: '89269-5',
} as const;
