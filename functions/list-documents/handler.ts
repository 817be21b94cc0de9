import { readConfig } from '../shared/config.js';
import { publicBaseUrl, requireCompleted } from '../shared/document-http.js';
import { documentList } from '../shared/documents.js';
import { publicHandler, json, pathParameter } from '../shared/http.js';
import { openRegistration } from '../shared/registration-access.js';

const config = readConfig();

/** GET /v1/births/{registrationId}/documents: the submitting hospital, registrars, the parents (X-Access-Code). */
export const handler = publicHandler(async (event) => {
  const registrationId = pathParameter(event, 'registrationId');
  const { registration } = await openRegistration(config.TABLE_NAME, event, registrationId);
  requireCompleted(registration);
  return json(200, await documentList(config.TABLE_NAME, registrationId, publicBaseUrl(event)));
});
