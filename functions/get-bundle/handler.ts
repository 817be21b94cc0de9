import { renderBundle, warmUpRenderer } from '../../documents/render.js';
import { audit, registrationAuditPartition } from '../shared/audit.js';
import { readConfig } from '../shared/config.js';
import { documentFileName, pdfResponse, publicBaseUrl, requireCompleted } from '../shared/document-http.js';
import { listDocumentRecords, verificationPath } from '../shared/documents.js';
import { pathParameter, publicHandler } from '../shared/http.js';
import { auditActor, openRegistration } from '../shared/registration-access.js';

const config = readConfig();
// Fonts are read and parsed during init (outside the billed, user-facing first request).
await warmUpRenderer();

/** GET /v1/births/{registrationId}/bundle: akta, KK and KIA in one PDF, made to open on a phone. */
export const handler = publicHandler(async (event) => {
  const registrationId = pathParameter(event, 'registrationId');
  const { caller, registration } = await openRegistration(config.TABLE_NAME, event, registrationId);
  requireCompleted(registration);
  const base = publicBaseUrl(event);
  const records = await listDocumentRecords(config.TABLE_NAME, registrationId);
  const pdf = await renderBundle(
    records.map((record) => ({ content: record.content, options: { verificationUrl: `${base}${verificationPath(record.verificationId)}` } })),
  );
  await audit(config.TABLE_NAME, registrationAuditPartition(registrationId), {
    action: 'BUNDLE_DOWNLOADED',
    actor: auditActor(caller),
    sourceIp: event.requestContext.http.sourceIp,
    outcome: 'ALLOWED',
  });
  return pdfResponse(pdf, documentFileName(registrationId, 'documents'));
});
