import * as z from 'zod';

/**
 * The FHIR door's answers as the OpenAPI document describes them (api/schemas.ts registers them):
 * the elements this API writes, the rest open, as FHIR resources are. The TypeScript types of the
 * handlers are @medplum/fhirtypes'; these only say what a client may rely on.
 */
export const OperationOutcomeSchema = z
  .looseObject({
    resourceType: z.literal('OperationOutcome'),
    extension: z
      .array(z.looseObject({ url: z.string(), extension: z.array(z.looseObject({ url: z.string() })).optional() }))
      .optional()
      .meta({ description: 'On success: the registration-receipt extension (registrationId, status, accessCode)' }),
    issue: z
      .array(
        z.looseObject({
          severity: z.enum(['fatal', 'error', 'warning', 'information']),
          code: z.string().meta({ description: 'From the FHIR issue-type value set: required, value, structure, invalid, conflict, throttled…' }),
          details: z.looseObject({ text: z.string() }).optional().meta({ description: 'In Indonesian or English, by Accept-Language' }),
          diagnostics: z.string().optional(),
          expression: z.array(z.string()).optional().meta({ description: 'The FHIRPath of the element at fault, e.g. Bundle.entry[0].resource.birthDate' }),
        }),
      )
      .min(1),
  })
  .meta({ description: 'A FHIR R4 OperationOutcome (https://hl7.org/fhir/R4/operationoutcome.html)' });

export const CapabilityStatementSchema = z
  .looseObject({
    resourceType: z.literal('CapabilityStatement'),
    status: z.string(),
    kind: z.string(),
    fhirVersion: z.string(),
    format: z.array(z.string()),
    rest: z.array(z.looseObject({ mode: z.string() })),
  })
  .meta({ description: 'A FHIR R4 CapabilityStatement (https://hl7.org/fhir/R4/capabilitystatement.html)' });
