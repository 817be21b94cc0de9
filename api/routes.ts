import { HOSPITAL_SCOPE } from './identity-claims.js';

/**
 * Who authenticates a route:
 * - `jwt`: the gateway's JWT authorizer (Cognito in AWS, the local issuer locally) verifies the token
 *   before the function runs; `scopes` are required scopes (403 without one).
 * - `jwt-or-access-code`: parents have no token, so the gateway lets the request through and the
 *   handler verifies either a Bearer token (same issuer, same checks) or the parents' `X-Access-Code`.
 * - `public`: no authentication (document verification, the API description); rate-limited by the handler.
 */
export type RouteAuth = 'jwt' | 'jwt-or-access-code' | 'public';

export interface Route {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly auth: RouteAuth;
  readonly scopes?: readonly string[];
}

/**
 * Every route of the HTTP API, by the id of the function that serves it (infra/catalog.ts): what the
 * CDK app deploys, the local stack serves and api/openapi.ts describes.
 */
export const routes = {
  SubmitBirth: { method: 'POST', path: '/v1/births', auth: 'jwt', scopes: [HOSPITAL_SCOPE] },
  ListBirths: { method: 'GET', path: '/v1/births', auth: 'jwt', scopes: [HOSPITAL_SCOPE] },
  GetBirth: { method: 'GET', path: '/v1/births/{registrationId}', auth: 'jwt-or-access-code' },
  ListApprovals: { method: 'GET', path: '/v1/approvals', auth: 'jwt' },
  DecideApproval: { method: 'POST', path: '/v1/approvals/{registrationId}', auth: 'jwt' },
  PreviewDocuments: { method: 'GET', path: '/v1/approvals/{registrationId}/preview', auth: 'jwt' },
  ListDocuments: { method: 'GET', path: '/v1/births/{registrationId}/documents', auth: 'jwt-or-access-code' },
  GetDocument: { method: 'GET', path: '/v1/births/{registrationId}/documents/{type}', auth: 'jwt-or-access-code' },
  GetBundle: { method: 'GET', path: '/v1/births/{registrationId}/bundle', auth: 'jwt-or-access-code' },
  VerifyDocument: { method: 'GET', path: '/v1/verify/{verificationId}', auth: 'public' },
  PutWebhook: { method: 'PUT', path: '/v1/webhook', auth: 'jwt', scopes: [HOSPITAL_SCOPE] },
  GetWebhook: { method: 'GET', path: '/v1/webhook', auth: 'jwt', scopes: [HOSPITAL_SCOPE] },
  DeleteWebhook: { method: 'DELETE', path: '/v1/webhook', auth: 'jwt', scopes: [HOSPITAL_SCOPE] },
  GetHistory: { method: 'GET', path: '/v1/births/{registrationId}/history', auth: 'jwt' },
  ReissueAccessCode: { method: 'POST', path: '/v1/births/{registrationId}/access-code', auth: 'jwt' },
  SearchBirths: { method: 'GET', path: '/v1/search', auth: 'jwt' },
  GetDashboard: { method: 'GET', path: '/v1/dashboard', auth: 'jwt' },
  // Issue 16: the registrars' follow-up list (REJECTED, FAILED).
  ListFollowUps: { method: 'GET', path: '/v1/follow-ups', auth: 'jwt' },
  OpenApiDocument: { method: 'GET', path: '/openapi.json', auth: 'public' },
  ApiDocs: { method: 'GET', path: '/docs', auth: 'public' },
} as const satisfies Record<string, Route>;

export type RouteId = keyof typeof routes;
