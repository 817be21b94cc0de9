import { renderDocument, warmUpRenderer } from '../../documents/render.js';
import { audit, registrationAuditPartition } from '../shared/audit.js';
import { readConfig } from '../shared/config.js';
import { documentFileName, pdfResponse, publicBaseUrl, requireCompleted } from '../shared/document-http.js';
import { listDocumentRecords, verificationPath } from '../shared/documents.js';
import { NotFoundError } from '../shared/errors.js';
import { pathParameter, publicHandler } from '../shared/http.js';
import { auditActor, openRegistration } from '../shared/registration-access.js';

const config = readConfig();
// Fonts are read and parsed during init (outside the billed, user-facing first request).
await warmUpRenderer();

/** GET /v1/births/{registrationId}/documents/{type}: one signed document as a PDF, rendered from its record. */
export const handler = publicHandler(async (event) => {
  const registrationId = pathParameter(event, 'registrationId');
  const type = pathParameter(event, 'type');
  const { caller, registration } = await openRegistration(config.TABLE_NAME, event, registrationId);
  requireCompleted(registration);
  const record = (await listDocumentRecords(config.TABLE_NAME, registrationId)).find((r) => r.type === type);
  if (!record) throw new NotFoundError('DOCUMENT_NOT_FOUND');
  const pdf = await renderDocument(record.content, { verificationUrl: `${publicBaseUrl(event)}${verificationPath(record.verificationId)}` });
  await audit(config.TABLE_NAME, registrationAuditPartition(registrationId), {
    action: 'DOCUMENT_DOWNLOADED',
    actor: auditActor(caller),
    sourceIp: event.requestContext.http.sourceIp,
    outcome: 'ALLOWED',
    detail: { type: record.type },
  });
  return pdfResponse(pdf, documentFileName(registrationId, record.type));
});
