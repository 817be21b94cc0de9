import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

/**
 * The Lambda side of the local HTTP API: the payload format 2.0 event API Gateway builds from a
 * request, the claims as its JWT authorizer passes them, and a Lambda context.
 */
export interface RequestFacts {
  readonly method: string;
  /** Path as sent, still percent-encoded, without the query string. */
  readonly rawPath: string;
  readonly rawQueryString: string;
  /** Node's `req.headersDistinct`: lower-cased names, every occurrence kept. */
  readonly headers: Readonly<Record<string, readonly string[] | undefined>>;
  readonly sourceIp: string;
  readonly localPort: number;
  readonly httpVersion: string;
  readonly body: Buffer | undefined;
}

export interface RouteFacts {
  readonly routeKey: string;
  readonly pathParameters: Record<string, string> | undefined;
}

/**
 * API Gateway hands text bodies to Lambda as they are and base64-encodes everything else. Form
 * posts (application/x-www-form-urlencoded) and bodies without a content type count as binary,
 * as they do on HTTP APIs.
 */
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const mime = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return (
    mime.startsWith('text/') ||
    mime === 'application/json' ||
    mime.endsWith('+json') ||
    mime === 'application/xml' ||
    mime.endsWith('+xml') ||
    mime === 'application/javascript'
  );
}

/**
 * A claim value the way API Gateway passes it: always a string. Arrays become `[a b]` and objects
 * `map[k:v]` (how API Gateway prints them), numbers and booleans their JSON text.
 */
export function claimString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(claimString).join(' ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([k, v]) => `${k}:${claimString(v)}`).join(' ')}]`;
  }
  return String(value);
}

export function flattenClaims(claims: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(Object.entries(claims).map(([name, value]) => [name, claimString(value)]));
}

/** The token's scopes (`scope`, or `scp` as some issuers name it), or null when it has none. */
export function scopesOf(claims: Readonly<Record<string, unknown>>): string[] | null {
  const raw = claims['scope'] ?? claims['scp'];
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw !== 'string') return null;
  const scopes = raw.split(/\s+/).filter(Boolean);
  return scopes.length > 0 ? scopes : null;
}

/** `12/Mar/2020:19:03:58 +0000`, the requestContext.time format. */
export function requestTime(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

function queryParameters(rawQueryString: string): Record<string, string> | undefined {
  if (!rawQueryString) return undefined;
  const result: Record<string, string> = {};
  // URLSearchParams decodes `+` and `%xx` and leaves malformed escapes as they are.
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    result[name] = name in result ? `${result[name]},${value}` : value;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

/** Everything but the authorizer, which only protected routes get. */
export function buildEvent(request: RequestFacts, route: RouteFacts, requestId: string, now: Date): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, values] of Object.entries(request.headers)) {
    if (!values || values.length === 0) continue;
    // Payload 2.0 moves cookies out of the headers into their own array.
    if (name === 'cookie') {
      cookies = values.flatMap((v) => v.split(';')).map((c) => c.trim()).filter(Boolean);
      continue;
    }
    headers[name] = values.join(',');
  }
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${request.sourceIp}` : request.sourceIp;
  headers['x-forwarded-port'] = String(request.localPort);
  headers['x-forwarded-proto'] = 'http';

  const host = headers['host'] ?? `127.0.0.1:${request.localPort}`;
  const domainName = host.replace(/:\d+$/, '');
  const text = isTextContentType(headers['content-type']);
  const hasBody = request.body !== undefined && request.body.length > 0;
  const queryStringParameters = queryParameters(request.rawQueryString);

  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    ...(cookies && cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    ...(route.pathParameters ? { pathParameters: route.pathParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName,
      domainPrefix: domainName.split('.')[0] ?? domainName,
      http: {
        method: request.method,
        path: request.rawPath,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: route.routeKey,
      stage: '$default',
      time: requestTime(now),
      timeEpoch: now.getTime(),
    },
    ...(hasBody && request.body ? { body: request.body.toString(text ? 'utf8' : 'base64') } : {}),
    isBase64Encoded: hasBody && !text,
  };
}

export function withJwtAuthorizer(event: APIGatewayProxyEventV2, claims: Readonly<Record<string, unknown>>): APIGatewayProxyEventV2WithJWTAuthorizer {
  return {
    ...event,
    requestContext: { ...event.requestContext, authorizer: { jwt: { claims: flattenClaims(claims), scopes: scopesOf(claims) } } },
  };
}

/** `POST /v1/births/{registrationId}` -> `post-v1-births-registrationId`, a valid function name. */
export function functionNameFor(routeKey: string): string {
  return routeKey.replace(/[^A-Za-z0-9_]+/g, '-').replace(/^-+|-+$/g, '').replace(/^[A-Z]+/, (m) => m.toLowerCase());
}
