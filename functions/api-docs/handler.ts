import { renderDocsPage } from '../../api/docs-page.js';
import { buildOpenApiDocument } from '../../api/openapi.js';
import { configuredServerUrl, publicHandler } from '../shared/http.js';

/**
 * GET /docs: the API description as a readable page, rendered from the same document as
 * /openapi.json. The page has no scripts; the policy says so to the browser too.
 */
export const handler = publicHandler(async () => {
  const serverUrl = configuredServerUrl();
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
    },
    body: renderDocsPage(buildOpenApiDocument(serverUrl ? { serverUrl } : {})),
  };
});
