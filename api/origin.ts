/**
 * The origin a request came in on, for the document's server URL: the Host header (a custom
 * domain, or the execute-api name) and the scheme the gateway saw (API Gateway sets
 * x-forwarded-proto; the local stack sets http). A Host that is not a plain host name, with an
 * optional port, is ignored: it would be the caller's text printed into the document.
 */
export function requestOrigin(event: {
  readonly headers?: Readonly<Record<string, string | undefined>>;
  readonly requestContext?: { readonly domainName?: string };
}): string | undefined {
  const host = event.headers?.['host'] ?? event.requestContext?.domainName;
  if (!host || !/^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/.test(host)) return undefined;
  const forwarded = event.headers?.['x-forwarded-proto']?.split(',')[0]?.trim().toLowerCase();
  const scheme = forwarded === 'http' || forwarded === 'https' ? forwarded : 'https';
  return `${scheme}://${host}`;
}
