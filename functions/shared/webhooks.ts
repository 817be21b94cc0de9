import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { dynamodb } from './aws.js';
import { webhookKey } from './keys.js';

/**
 * A hospital's webhook: one URL per facility and a signing secret, shown once when it is set. The
 * secret is kept in the table (encrypted at rest with the table's KMS key) because every delivery
 * signs with it; it is never returned again and never logged.
 *
 * Signature: `x-lahir-signature: sha256=<hex HMAC-SHA256(secret, "<x-lahir-timestamp>.<raw body>")>`.
 */
export interface WebhookRegistration {
  readonly facilityId: string;
  readonly url: string;
  readonly secret: string;
  readonly createdAt: string;
}

export interface UrlPolicy {
  /**
   * The local stack only: also accept http:// on 127.0.0.1 / localhost (test receivers). In AWS a
   * webhook is https:// to a public host name, so a hospital cannot point the sender at the
   * function's own runtime endpoint or other local services.
   */
  readonly allowLocalHttp: boolean;
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const isIpLiteral = (host: string): boolean => /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
const isInternalName = (host: string): boolean =>
  LOCAL_HOSTS.has(host) || /\.(localhost|local|internal|localdomain)$/i.test(host) || !host.includes('.');

/** Why a URL cannot be a webhook, or undefined when it can. */
export function webhookUrlProblem(value: string, policy: UrlPolicy): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'Not a valid URL';
  }
  if (url.username || url.password) return 'A webhook URL must not contain a user name or password';
  const host = url.hostname.toLowerCase();
  if (url.protocol === 'http:' && policy.allowLocalHttp && LOCAL_HOSTS.has(host)) return undefined;
  if (url.protocol !== 'https:') return 'Must be an https:// URL';
  if (policy.allowLocalHttp) return undefined;
  if (isIpLiteral(host) || isInternalName(host)) return 'Must name a public host (no IP addresses or internal names)';
  return undefined;
}

/** PUT /v1/webhook body. */
export const webhookRequestSchema = (policy: UrlPolicy) =>
  z.strictObject({
    url: z
      .string('A URL, e.g. https://his.example.co.id/lahir/events')
      .trim()
      .min(1, 'Required')
      .max(2048, 'At most 2048 characters')
      .superRefine((value, ctx) => {
        const problem = webhookUrlProblem(value, policy);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }),
  });
export type WebhookRequest = z.infer<ReturnType<typeof webhookRequestSchema>>;

/** A new signing secret: 32 random bytes, prefixed so it is recognisable in a secrets store. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/** `sha256=<hex>` over "<timestamp>.<body>": what receivers recompute (README shows how). */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The receiver's side, used by the tests and shown in the README. Constant-time comparison. */
export function verifyWebhookSignature(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export async function getWebhook(tableName: string, facilityId: string): Promise<WebhookRegistration | undefined> {
  const { Item } = await dynamodb.send(new GetCommand({ TableName: tableName, Key: webhookKey(facilityId), ConsistentRead: true }));
  return Item as WebhookRegistration | undefined;
}

/** Sets (or replaces) the facility's webhook with a new secret; the old secret stops working at once. */
export async function putWebhook(tableName: string, facilityId: string, url: string): Promise<WebhookRegistration> {
  const registration: WebhookRegistration = { facilityId, url, secret: newWebhookSecret(), createdAt: new Date().toISOString() };
  await dynamodb.send(new PutCommand({ TableName: tableName, Item: { ...webhookKey(facilityId), ...registration } }));
  return registration;
}

/** True if there was one to delete. */
export async function deleteWebhook(tableName: string, facilityId: string): Promise<boolean> {
  const { Attributes } = await dynamodb.send(
    new DeleteCommand({ TableName: tableName, Key: webhookKey(facilityId), ReturnValues: 'ALL_OLD' }),
  );
  return Attributes !== undefined;
}
