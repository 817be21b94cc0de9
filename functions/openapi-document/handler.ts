import { buildOpenApiDocument } from '../../api/openapi.js';
import { configuredServerUrl, publicHandler } from '../shared/http.js';

/**
 * GET /openapi.json: the OpenAPI 3.1 document, advertising the API's configured URL (PUBLIC_BASE_URL:
 * the custom domain, or the API's own endpoint) as its server, never the caller's `Host` header (a
 * cached document would have told every later reader to send their tokens to the caller's host).
 * Public and the same for everyone, so any origin may read it (API tools in a browser) and caches
 * may keep it briefly.
 */
export const handler = publicHandler(async () => {
  const serverUrl = configuredServerUrl();
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
