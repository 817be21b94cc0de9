import { createHash, randomUUID } from 'node:crypto';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from '../shared/aws.js';
import { conditionFailure, TooManyRequestsError } from '../shared/errors.js';
import { countAgainst, type Limit } from '../shared/rate-limit.js';
import { OUTBOX_DUE, outboxDueSortKey } from '../shared/keys.js';
import { logger } from '../shared/logger.js';
import { OutboxChannel, OutboxStatus, type OutboxItem } from '../shared/outbox.js';
import { webhookUrlProblem } from '../../domain/webhook-url.js';
import { postPinned, resolveWebhookTarget, systemResolver, type Resolver } from './webhook-target.js';
import { getWebhook, openWebhookSecret, webhookSignature, type WebhookRegistration } from '../shared/webhooks.js';
import type { SmsSender } from './sms.js';

/**
 * Sends what the outbox holds (functions/shared/outbox.ts): every message that is due, SMS through
 * an SmsSender, webhook events by POST. At least once: a message is marked DELIVERED only after it
 * was accepted, so a crash in between sends it again later (webhook receivers dedupe on the event
 * id). Never twice at the same time: a deliverer first claims a message with a conditional update
 * (a lease that lasts until its own invocation must have ended), so concurrent runs skip it.
 */
export interface DeliveryPolicy {
  /** Retry n waits a random time up to min(max, base × 2^n) ("full jitter"). */
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** After this many failed attempts a message is DEAD. */
  readonly maxAttempts: number;
  readonly webhookTimeoutMs: number;
  readonly allowLocalHttp: boolean;
  /** Due messages read per page (and sent in parallel, a few at a time). */
  readonly batchSize: number;
}

export interface DeliveryDeps {
  readonly tableName: string;
  readonly sms: SmsSender;
  /** Only for the local stack's http://127.0.0.1 receivers (WEBHOOK_ALLOW_LOCAL_HTTP); every other webhook goes through `resolve` + a pinned connection. */
  readonly fetch: typeof fetch;
  /** Resolves a webhook's host name at delivery (default: the system resolver); tests inject one. */
  readonly resolve?: Resolver;
  readonly policy: DeliveryPolicy;
  /** Opens the stored webhook secrets (functions/shared/webhooks.ts: HKDF of the access-code secret). */
  readonly webhookSecretKey: () => Promise<Buffer>;
  /** When this invocation ends at the latest: leases last until then, so no other run can overlap a send. */
  readonly leaseUntil: () => Date;
  /** False once there is no time left to start another message. */
  readonly hasTime: () => boolean;
  readonly onDelivered?: (item: OutboxItem) => void;
  readonly onDead?: (item: OutboxItem) => void;
  readonly now?: () => Date;
  readonly random?: () => number;
}

export interface DeliverySummary {
  delivered: number;
  retrying: number;
  dead: number;
  cancelled: number;
  /** Claimed by another deliverer, or no longer due. */
  skipped: number;
}

type Outcome = { readonly kind: 'delivered' } | { readonly kind: 'failed'; readonly error: string } | { readonly kind: 'cancelled'; readonly reason: string };

const PARALLEL = 4;

/**
 * At most 5 SMS to one phone number per UTC day (README "Intake quota, SMS and webhooks"): a family gets
 * one per registration that ends (twins or triplets: two or three), so 5 leaves room and stops a hospital
 * from using the system to text one number over and over. Counted once per message, at its first
 * attempt; over the cap the message is not sent and ends CANCELLED with lastError "SMS cap reached".
 */
export const SMS_PER_NUMBER_LIMIT: Limit = { scope: 'sms:number:day', max: 5, windowSeconds: 86_400 };
/** The counter is keyed by a hash of the number, not the number (the counter's key is no personal data in clear). */
export const smsCounterSubject = (phone: string): string => createHash('sha256').update(`sms-cap:${phone}`).digest('hex').slice(0, 32);
/** Delivered and cancelled messages are kept 90 days (TTL); dead ones until someone deals with them. */
const KEEP_SECONDS = 90 * 86_400;

/** Full jitter: a random wait in [0, min(max, base × 2^attempts)). */
export function retryDelayMs(attempts: number, policy: Pick<DeliveryPolicy, 'backoffBaseMs' | 'backoffMaxMs'>, random: () => number): number {
  const ceiling = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** attempts);
  return Math.floor(random() * ceiling);
}

/** What went wrong, without anything an error message may echo (SNS repeats the phone number). */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'timeout';
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  if (error.name === 'TypeError' && typeof code === 'string') return `network error ${code}`;
  if (error.name === 'TypeError') return 'network error';
  const own = (error as { code?: unknown }).code;
  if (typeof own === 'string' && /^E[A-Z_]+$/.test(own)) return `network error ${own}`;
  return error.name;
}

export async function deliverDue(deps: DeliveryDeps): Promise<DeliverySummary> {
  const now = deps.now ?? (() => new Date());
  const summary: DeliverySummary = { delivered: 0, retrying: 0, dead: 0, cancelled: 0, skipped: 0 };
  const webhooks = new Map<string, Promise<WebhookRegistration | undefined>>();
  const webhookOf = (facilityId: string) => {
    if (!webhooks.has(facilityId)) webhooks.set(facilityId, getWebhook(deps.tableName, facilityId));
    return webhooks.get(facilityId) as Promise<WebhookRegistration | undefined>;
  };
  const seen = new Set<string>();
  let startKey: Record<string, unknown> | undefined;
  const errors: unknown[] = [];

  do {
    const page = await dynamodb.send(
      new QueryCommand({
        TableName: deps.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :due AND gsi1sk <= :upTo',
        ExpressionAttributeValues: { ':due': OUTBOX_DUE, ':upTo': `${now().toISOString()}~` },
        ProjectionExpression: 'pk, sk',
        Limit: deps.policy.batchSize,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    startKey = page.LastEvaluatedKey;
    const keys = ((page.Items ?? []) as { pk: string; sk: string }[]).filter((k) => !seen.has(k.pk));
    keys.forEach((k) => seen.add(k.pk));

    const queue = [...keys];
    const worker = async () => {
      for (let key = queue.shift(); key && deps.hasTime(); key = queue.shift()) {
        try {
          const result = await deliverOne(deps, key, webhookOf, now);
          summary[result]++;
        } catch (error) {
          errors.push(error);
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  } while (startKey && deps.hasTime());

  // A table error must fail the invocation (function error alarm); what was done is kept.
  if (errors.length > 0) throw errors[0];
  return summary;
}

async function deliverOne(
  deps: DeliveryDeps,
  key: { pk: string; sk: string },
  webhookOf: (facilityId: string) => Promise<WebhookRegistration | undefined>,
  now: () => Date,
): Promise<keyof DeliverySummary> {
  const leaseId = randomUUID();
  const item = await claim(deps.tableName, key, leaseId, now(), deps.leaseUntil());
  if (!item) return 'skipped';
  const log = { registrationId: item.registrationId, channel: item.channel, event: item.event, attempt: item.attempts + 1 };

  let outcome: Outcome;
  try {
    outcome = await send(deps, item, webhookOf, now);
  } catch (error) {
    outcome = { kind: 'failed', error: describeFailure(error) };
  }

  const at = now();
  if (outcome.kind === 'delivered') {
    await settle(deps.tableName, item, leaseId, {
      set: { status: OutboxStatus.DELIVERED, deliveredAt: at.toISOString(), expiresAt: Math.floor(at.getTime() / 1000) + KEEP_SECONDS },
      remove: ['gsi1pk', 'gsi1sk', 'nextAttemptAt'],
      at,
    });
    logger.info('Notification delivered', log);
    deps.onDelivered?.(item);
    return 'delivered';
  }
  if (outcome.kind === 'cancelled') {
    await settle(deps.tableName, item, leaseId, {
      set: { status: OutboxStatus.CANCELLED, lastError: outcome.reason, expiresAt: Math.floor(at.getTime() / 1000) + KEEP_SECONDS },
      remove: ['gsi1pk', 'gsi1sk', 'nextAttemptAt'],
      at,
    });
    logger.info('Notification cancelled', { ...log, reason: outcome.reason });
    return 'cancelled';
  }
  if (item.attempts + 1 >= deps.policy.maxAttempts) {
    await settle(deps.tableName, item, leaseId, {
      set: { status: OutboxStatus.DEAD, lastError: outcome.error },
      remove: ['gsi1pk', 'gsi1sk', 'nextAttemptAt'],
      at,
    });
    logger.error('Notification dead after its last attempt', { ...log, lastError: outcome.error });
    deps.onDead?.(item);
    return 'dead';
  }
  const next = new Date(at.getTime() + retryDelayMs(item.attempts + 1, deps.policy, deps.random ?? Math.random)).toISOString();
  await settle(deps.tableName, item, leaseId, {
    set: { lastError: outcome.error, nextAttemptAt: next, gsi1sk: outboxDueSortKey(next, item.pk) },
    remove: [],
    at,
  });
  logger.warn('Notification attempt failed; will retry', { ...log, lastError: outcome.error, nextAttemptAt: next });
  return 'retrying';
}

async function send(
  deps: DeliveryDeps,
  item: OutboxItem,
  webhookOf: (facilityId: string) => Promise<WebhookRegistration | undefined>,
  now: () => Date,
): Promise<Outcome> {
  if (item.channel === OutboxChannel.SMS) {
    if (!item.sms) return { kind: 'cancelled', reason: 'no message' };
    if (item.attempts === 0) {
      try {
        await countAgainst(deps.tableName, SMS_PER_NUMBER_LIMIT, smsCounterSubject(item.sms.to), now().getTime());
      } catch (error) {
        if (error instanceof TooManyRequestsError) return { kind: 'cancelled', reason: 'SMS cap reached' };
        throw error;
      }
    }
    await deps.sms.send(item.sms.to, item.sms.text);
    return { kind: 'delivered' };
  }
  if (!item.webhook) return { kind: 'cancelled', reason: 'no event' };
  const webhook = await webhookOf(item.facilityId);
  if (!webhook) return { kind: 'cancelled', reason: 'webhook removed' };
  // Checked again here: the policy may be stricter than when the URL was stored.
  if (webhookUrlProblem(webhook.url, { allowLocalHttp: deps.policy.allowLocalHttp })) return { kind: 'cancelled', reason: 'webhook URL not allowed' };

  const timestamp = String(Math.floor(now().getTime() / 1000));
  const { eventId, body } = item.webhook;
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'LahirProcot-Webhooks/1',
    'x-lahir-event-id': eventId,
    'x-lahir-timestamp': timestamp,
    'x-lahir-signature': webhookSignature(openWebhookSecret(await deps.webhookSecretKey(), webhook), timestamp, body),
    'x-lahir-attempt': String(item.attempts + 1),
  };
  let status: number;
  if (deps.policy.allowLocalHttp && new URL(webhook.url).protocol === 'http:') {
    // The local stack's receivers on 127.0.0.1 / localhost (the URL rule allows nothing else over http).
    const response = await deps.fetch(webhook.url, {
      method: 'POST',
      headers,
      body,
      // A redirect is an answer, not a delivery: following it could send the event somewhere unvetted.
      redirect: 'manual',
      signal: AbortSignal.timeout(deps.policy.webhookTimeoutMs),
    });
    await response.body?.cancel().catch(() => undefined);
    status = response.status;
  } else {
    // Resolved now, every address checked, and the connection made to the checked one (no second lookup).
    const resolved = await resolveWebhookTarget(webhook.url, deps.resolve ?? systemResolver);
    if ('problem' in resolved) return { kind: 'failed', error: `webhook address refused: ${resolved.problem}` };
    status = await postPinned(resolved.target, { headers, body, timeoutMs: deps.policy.webhookTimeoutMs });
  }
  return status >= 200 && status < 300 ? { kind: 'delivered' } : { kind: 'failed', error: `HTTP ${status}` };
}

/** Takes the message if it is still pending, due, and not held by another deliverer. */
async function claim(tableName: string, key: { pk: string; sk: string }, leaseId: string, now: Date, until: Date): Promise<OutboxItem | undefined> {
  try {
    const { Attributes } = await dynamodb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: 'SET leaseUntil = :until, leaseId = :lease',
        ConditionExpression:
          '#status = :pending AND nextAttemptAt <= :now AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':pending': OutboxStatus.PENDING,
          ':now': now.toISOString(),
          ':until': until.toISOString(),
          ':lease': leaseId,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes as OutboxItem;
  } catch (error) {
    if (conditionFailure(error)) return undefined;
    throw error;
  }
}

/** Records an attempt's result and releases the lease, only if this deliverer still holds it. */
async function settle(
  tableName: string,
  item: OutboxItem,
  leaseId: string,
  change: { set: Record<string, unknown>; remove: readonly string[]; at: Date },
): Promise<void> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':lease': leaseId, ':one': 1, ':at': change.at.toISOString() };
  const sets = ['attempts = attempts + :one', 'updatedAt = :at'];
  for (const [i, [name, value]] of Object.entries(change.set).entries()) {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    sets.push(`#s${i} = :s${i}`);
  }
  const removes = ['leaseUntil', 'leaseId', ...change.remove].map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  try {
    await dynamodb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: item.pk, sk: item.sk },
        UpdateExpression: `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}`,
        ConditionExpression: 'leaseId = :lease',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  } catch (error) {
    // The lease ran out and another deliverer took the message over: its result stands.
    if (conditionFailure(error)) {
      logger.warn('Lost the lease on a notification before recording the attempt', { registrationId: item.registrationId, channel: item.channel });
      return;
    }
    throw error;
  }
}
