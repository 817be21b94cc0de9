import type { DocumentList } from '../../api/schemas.js';
import { readConfig } from '../shared/config.js';
import { publicBaseUrl, requireCompleted } from '../shared/document-http.js';
import { listDocumentRecords, verificationPath } from '../shared/documents.js';
import { publicHandler, json, pathParameter } from '../shared/http.js';
import { openRegistration } from '../shared/registration-access.js';

const config = readConfig();

/** GET /v1/births/{registrationId}/documents: the submitting hospital, registrars, the parents (X-Access-Code). */
export const handler = publicHandler(async (event) => {
  const registrationId = pathParameter(event, 'registrationId');
  const { registration } = await openRegistration(config.TABLE_NAME, event, registrationId);
  requireCompleted(registration);
  const base = publicBaseUrl(event);
  const records = await listDocumentRecords(config.TABLE_NAME, registrationId);
  return json(200, {
    registrationId,
    documents: records.map((record) => ({
      type: record.type,
      number: record.number,
      issuedAt: record.issuedAt,
      verificationId: record.verificationId,
      verificationUrl: `${base}${verificationPath(record.verificationId)}`,
      url: `/v1/births/${registrationId}/documents/${record.type}`,
    })),
    bundleUrl: `/v1/births/${registrationId}/bundle`,
  } satisfies DocumentList);
});
