import { ConflictError } from './errors.js';
import type { HttpEvent, HttpResponse } from './http.js';
import { RegistrationStatus, type Registration } from './registration.js';

/**
 * What the document routes share: a PDF response API Gateway passes through (base64 body), the
 * public base URL for QR codes, and the rule that documents exist only for completed registrations.
 */
export function pdfResponse(bytes: Uint8Array, filename: string): HttpResponse {
  return {
    statusCode: 200,
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${filename}"`,
      // Personal documents: never cached by a shared proxy or the browser.
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
    body: Buffer.from(bytes).toString('base64'),
    isBase64Encoded: true,
  };
}

/** PUBLIC_BASE_URL (a custom domain) when set, else the URL the request came in on. */
export function publicBaseUrl(event: HttpEvent): string {
  const configured = process.env['PUBLIC_BASE_URL'];
  if (configured) return configured.replace(/\/$/, '');
  return `https://${event.requestContext.domainName}`;
}

/** 409 with the status until the registration is COMPLETED (parents poll the status route meanwhile). */
export function requireCompleted(registration: Registration): void {
  if (registration.status !== RegistrationStatus.COMPLETED) {
    throw new ConflictError('DOCUMENTS_NOT_ISSUED', { status: registration.status });
  }
}

export const documentFileName = (registrationId: string, type: string) => `${type.toLowerCase().replace(/_/g, '-')}-${registrationId.slice(0, 8)}.pdf`;
