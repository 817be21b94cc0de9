import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
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
