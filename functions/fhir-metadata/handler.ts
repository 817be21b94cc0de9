import { capabilityStatement } from '../../api/fhir/capability-statement.js';
import { fhirErrors, fhirJson, languageOf } from '../shared/fhir-http.js';
import { configuredServerUrl, publicHandler } from '../shared/http.js';

/**
 * GET /fhir/metadata: the CapabilityStatement. Public, like /openapi.json: FHIR clients read it
 * before they hold a token (to learn how to get one), SMART on FHIR requires it unauthenticated,
 * and it says nothing that the API description does not already say. No table, no secret; the
 * same for everyone, so caches may keep it briefly.
 */
export const handler = publicHandler(async (event) => {
  const baseUrl = configuredServerUrl();
  return fhirJson(200, capabilityStatement({ baseUrl }), languageOf(event), { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' });
}, fhirErrors);
