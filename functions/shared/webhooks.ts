import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from './aws.js';
import { webhookKey } from './keys.js';

/**
 * A hospital's webhook: one URL per facility and a signing secret, shown once when it is set. The
 * secret is needed at every delivery (it signs), so it is kept, but never in clear: the item holds
 * `secretCiphertext`, AES-256-GCM under a key derived with HKDF-SHA256 from the access-code secret
 * (Secrets Manager in AWS), with the facility id as associated data (a ciphertext copied to another
 * facility's item does not open). A table export, backup or DynamoDB Local file alone gives no secret.
 * It is never returned again and never logged.
 *
 * Signature: `x-lahir-signature: sha256=<hex HMAC-SHA256(secret, "<x-lahir-timestamp>.<raw body>")>`.
 */
export interface WebhookRegistration {
  readonly facilityId: string;
  readonly url: string;
  readonly createdAt: string;
  /** `v1.<iv>.<ciphertext+tag>` (base64url): open with `openWebhookSecret`. */
  readonly secretCiphertext: string;
}

/** The key that seals webhook secrets: HKDF-SHA256 of the access-code secret, for this purpose only. */
export const webhookSecretKey = (accessCodeSecret: string): Buffer =>
  Buffer.from(hkdfSync('sha256', accessCodeSecret, 'lahir-procot', 'webhook-signing-secret:v1', 32));

export function sealWebhookSecret(key: Buffer, facilityId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(`webhook:${facilityId}`));
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `v1.${iv.toString('base64url')}.${sealed.toString('base64url')}`;
}

/** The signing secret of a stored webhook; throws if the ciphertext was altered or belongs to another facility. */
export function openWebhookSecret(key: Buffer, webhook: Pick<WebhookRegistration, 'facilityId' | 'secretCiphertext'>): string {
  const [version, iv, sealed] = webhook.secretCiphertext.split('.');
  if (version !== 'v1' || !iv || !sealed) throw new Error('Unknown webhook secret format');
  const data = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url')).setAAD(Buffer.from(`webhook:${webhook.facilityId}`));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString('utf8');
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

/** Sets (or replaces) the facility's webhook with a new secret; the old secret stops working at once. Answers the secret, this once. */
export async function putWebhook(tableName: string, facilityId: string, url: string, key: Buffer): Promise<{ url: string; secret: string }> {
  const secret = newWebhookSecret();
  const registration: WebhookRegistration = { facilityId, url, createdAt: new Date().toISOString(), secretCiphertext: sealWebhookSecret(key, facilityId, secret) };
  await dynamodb.send(new PutCommand({ TableName: tableName, Item: { ...webhookKey(facilityId), ...registration } }));
  return { url, secret };
}

/** True if there was one to delete. */
export async function deleteWebhook(tableName: string, facilityId: string): Promise<boolean> {
  const { Attributes } = await dynamodb.send(
    new DeleteCommand({ TableName: tableName, Key: webhookKey(facilityId), ReturnValues: 'ALL_OLD' }),
  );
  return Attributes !== undefined;
}
