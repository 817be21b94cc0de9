/**
 * How API Gateway (payload format 2.0) turns what a Lambda returned into an HTTP response.
 */
export interface HttpReply {
  readonly statusCode: number;
  readonly headers: Record<string, string | string[]>;
  readonly body: Buffer;
}

export class MalformedLambdaResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedLambdaResponseError';
  }
}

const JSON_TYPE = 'application/json';

export function gatewayError(statusCode: number, message: string, headers: Record<string, string> = {}): HttpReply {
  return { statusCode, headers: { 'content-type': JSON_TYPE, ...headers }, body: Buffer.from(JSON.stringify({ message })) };
}

/**
 * An object with a `statusCode` is a structured response and is sent as it says (body base64-decoded
 * when flagged, each cookie its own set-cookie header). Anything else is the body of a 200 JSON
 * response. A structured response API Gateway could not send throws, and becomes its 500.
 */
export function replyFromResult(result: unknown): HttpReply {
  if (result === null || typeof result !== 'object' || !('statusCode' in result)) {
    // Lambda serialises `undefined` as null; JSON.stringify throws on cycles and BigInt, as the runtime would fail.
    return { statusCode: 200, headers: { 'content-type': JSON_TYPE }, body: Buffer.from(JSON.stringify(result ?? null)) };
  }
  const structured = result as Record<string, unknown>;
  const { statusCode, body, isBase64Encoded, cookies } = structured;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    throw new MalformedLambdaResponseError(`statusCode must be an integer from 100 to 599, got ${typeof statusCode}`);
  }
  if (body !== undefined && body !== null && typeof body !== 'string') {
    throw new MalformedLambdaResponseError(`body must be a string, got ${typeof body}`);
  }
  const headers: Record<string, string | string[]> = {};
  const rawHeaders = structured['headers'];
  if (rawHeaders !== undefined && rawHeaders !== null) {
    if (typeof rawHeaders !== 'object' || Array.isArray(rawHeaders)) throw new MalformedLambdaResponseError('headers must be an object');
    for (const [name, value] of Object.entries(rawHeaders)) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        throw new MalformedLambdaResponseError(`header ${name} must be a string, number or boolean`);
      }
      headers[name.toLowerCase()] = String(value);
    }
  }
  if (cookies !== undefined && cookies !== null) {
    if (!Array.isArray(cookies) || cookies.some((c) => typeof c !== 'string')) throw new MalformedLambdaResponseError('cookies must be strings');
    const existing = headers['set-cookie'];
    headers['set-cookie'] = [...(existing === undefined ? [] : [existing].flat()), ...(cookies as string[])];
  }
  const text = typeof body === 'string' ? body : '';
  return { statusCode, headers, body: isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8') };
}
