import type { CapabilityStatement } from '@medplum/fhirtypes';
import packageJson from '../../package.json' with { type: 'json' };
import { MAX_BUNDLE_ENTRIES } from './bundle-mapping.js';
import { EXTENSION, FHIR_VERSION, LOINC, PROFILES_FOLLOWED, SYSTEM } from './satusehat.js';

/**
 * GET /fhir/metadata: what the FHIR door supports, as FHIR asks a server to say it. One
 * interaction: `create` on Bundle (POST /fhir/Bundle), which is a birth notification, not storage
 * of the Bundle. Built from the same constants the mapping reads, so the statement cannot promise
 * what the mapping does not do.
 */
export function capabilityStatement(options: { readonly baseUrl?: string | undefined; readonly tokenUrl?: string | undefined } = {}): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-12-01',
    publisher: 'Dinas Kependudukan dan Pencatatan Sipil',
    kind: 'instance',
    software: { name: 'Lahir Procot Pulang Bawa Akte', version: packageJson.version },
    implementation: {
      description: 'Birth notifications from hospital information systems (SIMRS) as SATUSEHAT-shaped FHIR R4 Bundles: a second door to the same 4-in-1 chain as POST /v1/births',
      ...(options.baseUrl ? { url: `${options.baseUrl}/fhir` } : {}),
    },
    fhirVersion: FHIR_VERSION,
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation: `Follows ${PROFILES_FOLLOWED}. See the README section "FHIR notifications" and /docs for the mapping.`,
        security: {
          cors: false,
          service: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/restful-security-service', code: 'OAuth', display: 'OAuth' }] }],
          description: `OAuth2 client credentials, one client per facility (as SATUSEHAT): a bearer token with the hospital scope lahir-api/hospital${options.tokenUrl ? ` from ${options.tokenUrl}` : ''}. This statement itself needs no token.`,
        },
        resource: [
          {
            type: 'Bundle',
            interaction: [
              {
                code: 'create',
                documentation: `POST /fhir/Bundle: a Bundle of type message, collection or transaction (at most ${MAX_BUNDLE_ENTRIES} entries) with the newborn Patient (identifier ${SYSTEM.nikIbu}, birthDate with ${EXTENSION.birthTime}), the mother (RelatedPerson MTH or Patient, telecom phone), the father if known (RelatedPerson FTH, identifier ${SYSTEM.nik}), Observations LOINC ${LOINC.birthWeight} (g) and ${LOINC.bodyLengthAtBirth} (cm), the attending Practitioner. Bundle.identifier is the idempotency key: the same identifier and content again answers 200 with the same registration; other content 409. Answers 202 (or 200) with an OperationOutcome carrying ${EXTENSION.registrationReceipt} and Location /v1/births/{registrationId}; 400 with an OperationOutcome whose issue[].expression is the FHIRPath of each wrong element.`,
              },
            ],
          },
        ],
      },
    ],
  };
}
