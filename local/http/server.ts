import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyEventV2WithJWTAuthorizer, Context } from 'aws-lambda';
import { invokeInContext, lambdaContext } from '../lambda-runtime.js';
import { buildEvent, functionNameFor, scopesOf, withJwtAuthorizer } from './event.js';
import { gatewayError, replyFromResult, type HttpReply } from './response.js';
import { RouteTable } from './routes.js';

/**
 * The local equivalent of the API Gateway HTTP API with its JWT authorizer: the same routes, the
 * same payload format 2.0 events and response mapping, the same gateway answers (401 before the
 * handler runs, 404 for unknown routes, 413 over 10 MB, 500 when the function fails, 503 when it
 * runs past the integration timeout). node:http only, for one machine.
 *
 * A known path called with another method is a 404, as on API Gateway (it has no 405).
 * The gateway never logs request bodies, tokens or headers: they carry personal data.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RouteBase {
  readonly method: HttpMethod;
  /** Route template, e.g. `/v1/births/{registrationId}`; `{proxy+}` as the last segment takes the rest. */
  readonly path: string;
  /** Lambda function name for the context; default derived from the route key. */
  readonly functionName?: string;
  /** Integration timeout for this route (the function's own timeout if lower); default the API's. */
  readonly timeoutMs?: number;
}

/** A route behind the JWT authorizer: the handler only runs with a verified token. */
export interface ProtectedRoute extends RouteBase {
  readonly public?: false;
  /** Like a route's authorizationScopes: the token needs one of them, else 403. */
  readonly authorizationScopes?: readonly string[];
  readonly handler: (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: Context) => Promise<unknown>;
}

/** A route without authorizer: its event has no requestContext.authorizer, as in AWS. */
export interface PublicRoute extends RouteBase {
  readonly public: true;
  readonly handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;
}

export type LambdaRoute = ProtectedRoute | PublicRoute;

/** Plain node handler on an exact path, no authorizer (e.g. `/.well-known/jwks.json`). */
export interface ExtraRoute {
  readonly method: HttpMethod;
  readonly path: string;
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}

export interface HttpApiOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Default 127.0.0.1: the local stack serves personal data and is not meant for the network. */
  readonly host?: string;
  readonly routes: readonly LambdaRoute[];
  /** The authorizer's token check (signature, issuer, expiry); throws to reject. */
  readonly verify: (token: string) => Promise<Record<string, unknown>>;
  readonly extraRoutes?: readonly ExtraRoute[];
  /** Integration timeout; HTTP APIs allow 30 s at most, which is the default. */
  readonly timeoutMs?: number;
  /** Request body limit; API Gateway's payload quota is 10 MB. */
  readonly maxBodyBytes?: number;
  /**
   * The `Host` values served (`name:port`, lower case); default the loopback names with the port
   * listened on (`127.0.0.1`, `localhost`, `[::1]`, and the bound host). Anything else is 403 before
   * any route runs: a web page that rebinds its own name to 127.0.0.1 (DNS rebinding) sends its own
   * name as Host, so it cannot drive the stack (sign in, read births) from a browser.
   */
  readonly allowedHosts?: readonly string[];
  /** Where gateway errors are reported; default one JSON line on stderr. */
  readonly log?: (entry: Readonly<Record<string, unknown>>) => void;
}

export interface HttpApi {
  readonly url: string;
  readonly port: number;
  /** Every route served, as API Gateway route keys (`GET /v1/births/{registrationId}`), extra routes included. */
  readonly routeKeys: readonly string[];
  close(): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** How long close() lets requests in flight finish before cutting their connections. */
const CLOSE_GRACE_MS = 2_000;

const TIMED_OUT = Symbol('timed out');

export async function startHttpApi(options: HttpApiOptions): Promise<HttpApi> {
  const host = options.host ?? '127.0.0.1';
  const maxBodyBytes = options.maxBodyBytes ?? MAX_BODY_BYTES;
  const defaultTimeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const log = options.log ?? ((entry) => process.stderr.write(`${JSON.stringify(entry)}\n`));

  // Built before listening so a bad template or a clash fails the start, not a request.
  const table = new RouteTable<LambdaRoute>();
  for (const route of options.routes) table.add(route.method, route.path, route);
  const extras = options.extraRoutes ?? [];

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    const queryAt = target.indexOf('?');
    const rawPath = queryAt === -1 ? target : target.slice(0, queryAt);
    const rawQueryString = queryAt === -1 ? '' : target.slice(queryAt + 1);

    const extra = extras.find((r) => r.method === method && r.path === rawPath);
    if (extra) {
      await extra.handler(req, res);
      return;
    }

    const match = rawPath.startsWith('/') ? table.match(method, rawPath) : ({ kind: 'not-found' } as const);
    if (match.kind === 'not-found') return send(res, gatewayError(404, 'Not Found'));
    if (match.kind === 'bad-request') return send(res, gatewayError(400, 'Bad Request'));
    const { route: compiled, pathParameters } = match;
    const route = compiled.route;

    // A declared length over the quota is refused before the token is checked or a byte is kept.
    // The connection stays open and node drains the upload, so the client does get the 413
    // (closing on a client still sending makes it see a reset instead).
    const declared = Number(req.headers['content-length'] ?? '0');
    if (Number.isFinite(declared) && declared > maxBodyBytes) return send(res, gatewayError(413, 'Request Entity Too Large'));

    let claims: Record<string, unknown> | undefined;
    if (route.public !== true) {
      const token = bearerToken(req.headers.authorization);
      if (!token) return send(res, gatewayError(401, 'Unauthorized', { 'www-authenticate': 'Bearer' }));
      try {
        claims = await options.verify(token);
      } catch {
        // Why a token failed stays here: the caller learns only that it did.
        return send(res, gatewayError(401, 'Unauthorized', { 'www-authenticate': 'Bearer error="invalid_token"' }));
      }
      const required = route.authorizationScopes ?? [];
      const granted = scopesOf(claims) ?? [];
      if (required.length > 0 && !required.some((s) => granted.includes(s))) return send(res, gatewayError(403, 'Forbidden'));
    }

    const body = await readBody(req, maxBodyBytes);
    if (body === 'too-large') return send(res, gatewayError(413, 'Request Entity Too Large'));

    const now = new Date();
    const event = buildEvent(
      {
        method,
        rawPath,
        rawQueryString,
        headers: req.headersDistinct,
        sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
        localPort: req.socket.localPort ?? 0,
        httpVersion: req.httpVersion,
        body,
      },
      { routeKey: compiled.routeKey, pathParameters },
      requestId,
      now,
    );
    const functionName = route.functionName ?? functionNameFor(compiled.routeKey);
    const timeoutMs = route.timeoutMs ?? defaultTimeoutMs;
    const context = lambdaContext(functionName, timeoutMs);
    const report = (message: string, error?: unknown) =>
      log({ level: 'ERROR', message, routeKey: compiled.routeKey, requestId, functionName, awsRequestId: context.awsRequestId, ...(error === undefined ? {} : { error: describeError(error) }) });

    // Promise.resolve().then: a handler that throws synchronously fails like one that rejects.
    const invocation = Promise.resolve().then(() =>
      invokeInContext(context, () =>
        route.public === true ? route.handler(event, context) : route.handler(withJwtAuthorizer(event, claims ?? {}), context),
      ),
    );
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
    });
    let outcome: unknown;
    try {
      outcome = await Promise.race([invocation, deadline]);
    } catch (error) {
      report('Lambda invocation failed', error);
      return send(res, gatewayError(500, 'Internal Server Error'));
    } finally {
      clearTimeout(timer);
    }
    if (outcome === TIMED_OUT) {
      report(`Lambda did not answer within ${timeoutMs} ms`);
      invocation.catch((error: unknown) => report('Lambda invocation failed after the gateway timed out', error));
      return send(res, gatewayError(503, 'Service Unavailable'));
    }
    let reply: HttpReply;
    try {
      reply = replyFromResult(outcome);
    } catch (error) {
      report('Malformed Lambda response', error);
      return send(res, gatewayError(500, 'Internal Server Error'));
    }
    send(res, reply);
  }

  const hosts = ownHostGuard();
  const server = createServer((req, res) => {
    const requestId = randomUUID();
    res.setHeader('apigw-requestid', requestId);
    res.setHeader('x-request-id', requestId);
    if (!hosts.allows(req)) {
      // Not one of the stack's own names: nothing runs, and the body is drained, not kept.
      req.resume();
      return send(res, gatewayError(403, 'Forbidden'));
    }
    handle(req, res, requestId).catch((error: unknown) => {
      if (error instanceof ClientGoneError) return;
      log({ level: 'ERROR', message: 'Local HTTP API failed', requestId, error: describeError(error) });
      if (!res.headersSent) send(res, gatewayError(500, 'Internal Server Error'));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  hosts.listening(options.allowedHosts ?? loopbackHosts(host, port));

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    routeKeys: [...options.routes, ...extras].map((route) => `${route.method} ${route.path}`),
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
      });
      return closing;
    },
  };
}

/** The stack's own names for `Host`: the loopback names and the bound host (not a wildcard), with the port. */
/**
 * The Host check of every local server (DNS rebinding: a web page must not drive them): nothing is
 * allowed until `listening` names the server's own host names, once its port is known.
 */
export function ownHostGuard() {
  let allowed: ReadonlySet<string> = new Set();
  return {
    allows: (request: IncomingMessage): boolean => allowed.has((request.headers.host ?? '').toLowerCase()),
    listening: (names: readonly string[]): void => {
      allowed = new Set(names.map((name) => name.toLowerCase()));
    },
  };
}

export function loopbackHosts(host: string, port: number): string[] {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  if (host !== '0.0.0.0' && host !== '::') names.add(host.includes(':') ? `[${host}]` : host);
  return [...names].flatMap((name) => (port === 80 ? [`${name}:80`, name] : [`${name}:${port}`]));
}

/** `Bearer <token>`, or the bare token, which API Gateway's identity source also accepts. */
function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^(?:Bearer\s+)?([^\s]+)\s*$/i.exec(header.trim());
  const token = match?.[1];
  return token && token.toLowerCase() !== 'bearer' ? token : undefined;
}

class ClientGoneError extends Error {
  constructor() {
    super('The client closed the connection before the request body was complete');
    this.name = 'ClientGoneError';
  }
}

/**
 * The body, read up to `limit` bytes. Past the limit nothing more is kept: the rest of the upload
 * is drained and dropped so the 413 can still reach the client.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (tooLarge) return;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      if (!tooLarge) resolve(size > 0 ? Buffer.concat(chunks, size) : undefined);
    };
    const onClose = () => {
      cleanup();
      if (!req.complete) reject(new ClientGoneError());
    };
    const onError = () => {
      cleanup();
      reject(new ClientGoneError());
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
    req.on('error', onError);
  });
}

function send(res: ServerResponse, reply: HttpReply): void {
  if (res.headersSent || res.destroyed) return;
  res.statusCode = reply.statusCode;
  for (const [name, value] of Object.entries(reply.headers)) {
    // Framing is the gateway's business, not the function's.
    if (name === 'content-length' || name === 'transfer-encoding' || name === 'connection') continue;
    res.setHeader(name, value);
  }
  const bodyless = reply.statusCode === 204 || reply.statusCode === 304 || reply.statusCode < 200;
  if (bodyless) {
    res.end();
    return;
  }
  res.setHeader('content-length', reply.body.length);
  res.end(reply.body);
}

interface ErrorDescription {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly cause?: ErrorDescription;
}

/** Name, message, stack and causes: enough to debug, and never the event. */
function describeError(error: unknown, depth = 0): ErrorDescription {
  if (!(error instanceof Error)) return { name: typeof error, message: String(error) };
  const cause = error.cause !== undefined && depth < 3 ? describeError(error.cause, depth + 1) : undefined;
  return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}), ...(cause ? { cause } : {}) };
}
