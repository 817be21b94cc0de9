import type { Bundle, Element, Patient } from '@medplum/fhirtypes';
import { EXTENSION, LOINC, SYSTEM } from './satusehat.js';

/** The newborn; `_birthDate` (the primitive's extensions, where patient-birthTime lives) is JSON FHIR that the types do not model. */
const newborn = {
  resourceType: 'Patient',
  meta: { profile: ['https://fhir.kemkes.go.id/r4/StructureDefinition/Patient'] },
  identifier: [{ use: 'official', system: SYSTEM.nikIbu, value: '3510165203950001' }],
  active: true,
  name: [{ use: 'official', text: 'Muhammad Arka Santoso' }],
  gender: 'male',
  birthDate: '2026-11-20',
  _birthDate: { extension: [{ url: EXTENSION.birthTime, valueDateTime: '2026-11-20T01:15:00+00:00' }] },
  multipleBirthInteger: 0,
  address: [
    {
      use: 'home',
      line: ['Jl. Ahmad Yani No. 12'],
      city: 'Banyuwangi',
      country: 'ID',
      extension: [
        {
          url: 'https://fhir.kemkes.go.id/r4/StructureDefinition/administrativeCode',
          extension: [
            { url: 'province', valueCode: '35' },
            { url: 'city', valueCode: '3510' },
            { url: 'district', valueCode: '351016' },
            { url: 'village', valueCode: '3510161005' },
          ],
        },
      ],
    },
  ],
  extension: [
    { url: EXTENSION.birthPlace, valueAddress: { city: 'Banyuwangi', country: 'ID' } },
    { url: 'https://fhir.kemkes.go.id/r4/StructureDefinition/citizenshipStatus', valueCode: 'WNI' },
  ],
} as const satisfies Patient & { readonly _birthDate: Element };

/**
 * The README's first birth (api/examples.ts birthNotificationExample: Siti Rahmawati's second child,
 * family 3510160101200001 of the demo population) as a SIMRS sends it to SATUSEHAT: a transaction
 * Bundle with the newborn Patient (the mother's NIK as nik-ibu, the instant of birth in UTC), the
 * mother and the father as RelatedPersons, the birth weight and length as Observations, the
 * Encounter, the midwife and the hospital. Shown in the README and the OpenAPI document; the tests
 * send it through the chain and compare its documents with the JSON notification's.
 */
export const satusehatBundleExample = {
  resourceType: 'Bundle',
  type: 'transaction',
  identifier: { system: 'https://rsud-blambangan.example/fhir/birth-notification', value: 'RSUD-BLB-2026-000123-FHIR' },
  timestamp: '2026-11-20T02:00:00+00:00',
  entry: [
    {
      fullUrl: 'urn:uuid:6f1d3f4e-8a3b-4c8e-9a55-0d3c2b1a0001',
      resource: newborn,
      request: { method: 'POST', url: 'Patient' },
    },
    {
      fullUrl: 'urn:uuid:6f1d3f4e-8a3b-4c8e-9a55-0d3c2b1a0002',
      resource: {
        resourceType: 'RelatedPerson',
        identifier: [{ use: 'official', system: SYSTEM.nik, value: '3510165203950001' }],
        patient: { reference: 'urn:uuid:6f1d3f4e-8a3b-4c8e-9a55-0d3c2b1a0001' },
        relationship: [{ coding: [{ system: SYSTEM.roleCode, code: 'MTH', display: 'mother' }] }],
        name: [{ use: 'official', text: 'Siti Rahmawati' }],
        telecom: [{ system: 'phone', value: '0812-3456-7890', use: 'mobile' }],
        gender: 'female',
      },
      request: { method: 'POST', url: 'RelatedPerson' },
    },
    {
      fullUrl: 'urn:uuid:6f1d3f4e-8a3b-4c8e-9a55-0d3c2b1a0003',
      resource: {
        resourceType: 'RelatedPerson',
        identifier: [{ use: 'official', system: SYSTEM.nik, value: '3510161407920001' }],
        patient: { reference: 'urn:uuid:6f1d3f4e-8a3b-4c8e-9a55-0d3c2b1a0001' },
        relationship: [{ coding: [{ system: SYSTEM.roleCode, code: 'FTH', display: 'father' }] }],
        name: [{ use: 'official', text: 'Agus Santoso' }],
        gender: 'male',
        extension: [{ url: EXTENSION.marriageCertificate, valueString: '0123/045/XI/2019' }],
      },
      request: { method: 'POST', url: 'RelatedPerson' },
    },
    {
      fullUrl: 'urn:uuid:6f1d3f4e-8a3b-4c8e-9a55-0d3c2b1a0004',
      resource: {
        resourceType: 'Observation',
        status: 'final',
        category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
        code: { coding: [{ system: SYSTEM.loinc, code: LOINC.birthWeight, display: 'Birth weight Measured' }] },
        subject: { reference: 'urn:uuid:6f1d3f4e-8a3b-4c8e-9a55-0d3c2b1a0001' },
        encounter: { reference: 'urn:uuid:6f1d3f4e-8a3b-4c8e-9a55-0d3c2b1a0006' },
        effectiveDateTime: '2026-11-20T01:20:00+00:00',
        valueQuantity: { value: 3150, unit: 'g', system: SYSTEM.ucum, code: 'g' },
      },
      request: { method: 'POST', url: 'Observation' },
    },
    {
      fullUrl: 'urn:uuid:6f1d3f4e-8a3b-4c8e-9a55-0d3c2b1a0005',
      resource: {
        resourceType: 'Observation',
        status: 'final',
        code: { coding: [{ system: SYSTEM.loinc, code: LOINC.bodyLengthAtBirth, display: 'Body height --at birth' }] },
        subject: { reference: 'urn:uuid:6f1d3f4e-8a3b-4c8e-9a55-0d3c2b1a0001' },
        effectiveDateTime: '2026-11-20T01:20:00+00:00',
        valueQuantity: { value: 49.5, unit: 'cm', system: SYSTEM.ucum, code: 'cm' },
      },
      request: { method: 'POST', url: 'Observation' },
    },
    {
      fullUrl: 'urn:uuid:6f1d3f4e-8a3b-4c8e-9a55-0d3c2b1a0006',
      resource: {
        resourceType: 'Encounter',
        status: 'finished',
        class: { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'IMP', display: 'inpatient encounter' },
        subject: { reference: 'urn:uuid:6f1d3f4e-8a3b-4c8e-9a55-0d3c2b1a0001' },
        participant: [
          {
            type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType', code: 'ATND', display: 'attender' }] }],
            individual: { reference: 'urn:uuid:6f1d3f4e-8a3b-4c8e-9a55-0d3c2b1a0007' },
          },
        ],
        serviceProvider: { reference: 'urn:uuid:6f1d3f4e-8a3b-4c8e-9a55-0d3c2b1a0008' },
      },
      request: { method: 'POST', url: 'Encounter' },
    },
    {
      fullUrl: 'urn:uuid:6f1d3f4e-8a3b-4c8e-9a55-0d3c2b1a0007',
      resource: {
        resourceType: 'Practitioner',
        meta: { profile: ['https://fhir.kemkes.go.id/r4/StructureDefinition/Practitioner'] },
        name: [{ use: 'official', text: 'Bidan Sri Wahyuni' }],
        qualification: [{ code: { coding: [{ system: SYSTEM.degree, code: 'CNM', display: 'Certified Nurse Midwife' }], text: 'Bidan' } }],
      },
      request: { method: 'POST', url: 'Practitioner' },
    },
    {
      fullUrl: 'urn:uuid:6f1d3f4e-8a3b-4c8e-9a55-0d3c2b1a0008',
      resource: { resourceType: 'Organization', name: 'RSUD Blambangan', active: true },
      request: { method: 'POST', url: 'Organization' },
    },
  ],
} as const satisfies Bundle;
