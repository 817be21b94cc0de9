import { renderBundle, warmUpRenderer } from '../../documents/render.js';
import { CivilTimeZoneSchema, readConfig } from '../shared/config.js';
import { documentFileName, pdfResponse } from '../shared/document-http.js';
import { buildDocumentContents } from '../../documents/assemble.js';
import { loadDocumentFacts, readIssuer } from '../shared/documents.js';
import { ConflictError, NotFoundError } from '../shared/errors.js';
import { httpHandler, pathParameter } from '../shared/http.js';
import { getRegistration, RegistrationStatus } from '../shared/registration.js';

const config = readConfig({ CIVIL_TIME_ZONE: CivilTimeZoneSchema });
// Fonts are read and parsed during init (outside the billed, user-facing first request).
await warmUpRenderer();
const issuer = readIssuer();

/**
 * GET /v1/approvals/{registrationId}/preview: registrars see the akta, the KK print and the KIA
 * exactly as they will be issued (same content builder, same renderers), marked DRAF, with the
 * numbers that do not exist yet shown as pending. Only while the case waits for a decision.
 */
export const handler = httpHandler(['registrar'], async (event) => {
  const registrationId = pathParameter(event, 'registrationId');
  const registration = await getRegistration(config.TABLE_NAME, registrationId);
  if (!registration) throw new NotFoundError('REGISTRATION_NOT_FOUND');
  if (registration.status !== RegistrationStatus.AWAITING_APPROVAL && registration.status !== RegistrationStatus.RECEIVED) {
    throw new ConflictError('CASE_NOT_PENDING', { status: registration.status });
  }
  const facts = await loadDocumentFacts(config.TABLE_NAME, registration);
  if (!facts.family || !facts.mother) throw new ConflictError('REGISTRY_FACTS_MISSING', { status: registration.status });
  const contents = buildDocumentContents({ registration, facts, issuer, timeZone: config.CIVIL_TIME_ZONE });
  const pdf = await renderBundle(contents.map((content) => ({ content, options: { draft: true } })));
  return pdfResponse(pdf, documentFileName(registrationId, 'draft'));
});
