import { buildOpenApiDocument } from '../../api/openapi.js';
import { requestOrigin } from '../../api/origin.js';
import { publicHandler } from '../shared/http.js';

/**
 * GET /openapi.json: the OpenAPI 3.1 document, advertising the origin it was fetched from as its
 * server. Public and the same for everyone, so any origin may read it (API tools in a browser) and
 * caches may keep it briefly.
 */
export const handler = publicHandler(async (event) => {
  const serverUrl = requestOrigin(event);
  const document = buildOpenApiDocument(serverUrl ? { serverUrl } : {});
  return {
    statusCode: 200,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'access-control-allow-origin': '*',
      'x-content-type-options': 'nosniff',
    },
    body: JSON.stringify(document, null, 2),
  };
});
