import { createHash } from 'node:crypto';
import { GetCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import {
  completedSms,
  correctedSms,
  NotificationEvent,
  rejectedSms,
  revokedSms,
  toE164Indonesia,
  webhookEvent,
} from '../../domain/notification-messages.js';
import { dynamodb } from './aws.js';
import { readConfig } from './config.js';
import { OUTBOX_DUE, outboxDueSortKey, outboxKey, webhookKey } from './keys.js';
import { logger } from './logger.js';
import type { Registration } from './registration.js';

/**
 * The notification outbox. When a registration ends (COMPLETED or REJECTED) the step that records it
 * also puts the messages to send, in the same DynamoDB transaction: a registration cannot end without
 * its messages, and a message cannot exist for a registration that did not end. Each message has a
 * key derived from (registration, event, channel) and is put only if absent, so a replayed step never
 * queues a second one. DeliverNotifications sends them (functions/deliver-notifications).
 *
 * Messages waiting to be sent carry gsi1pk = OUTBOX#DUE and gsi1sk = <nextAttemptAt>#<pk> (a sparse
 * index entry, as the registrars' queue uses); delivered, dead and cancelled ones drop it.
 */
export const OutboxChannel = { SMS: 'SMS', WEBHOOK: 'WEBHOOK' } as const;
export type OutboxChannel = (typeof OutboxChannel)[keyof typeof OutboxChannel];

export const OutboxStatus = {
  PENDING: 'PENDING',
  DELIVERED: 'DELIVERED',
  /** Gave up after the last attempt (metric NotificationsDead); kept for the registrar and ops. */
  DEAD: 'DEAD',
  /** The hospital removed its webhook before the event could be delivered. */
  CANCELLED: 'CANCELLED',
} as const;
export type OutboxStatus = (typeof OutboxStatus)[keyof typeof OutboxStatus];

export interface OutboxItem {
  readonly pk: string;
  readonly sk: string;
  readonly channel: OutboxChannel;
  readonly event: NotificationEvent;
  readonly registrationId: string;
  readonly facilityId: string;
  readonly status: OutboxStatus;
  /** Attempts made so far. */
  readonly attempts: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly nextAttemptAt?: string;
  /** SMS: the parents' contact phone (E.164) and the text. Personal data: never logged. */
  readonly sms?: { readonly to: string; readonly text: string };
  /** Webhook: the event id (stable across retries, for the receiver's de-duplication) and the exact JSON body. */
  readonly webhook?: { readonly eventId: string; readonly body: string };
  /** Why the last attempt failed, without personal data ("HTTP 503", "timeout", an SDK error name). */
  readonly lastError?: string;
  readonly deliveredAt?: string;
  /** A deliverer holds the message until this time (conditional claim); see deliver-notifications. */
  readonly leaseUntil?: string;
  readonly leaseId?: string;
  readonly gsi1pk?: string;
  readonly gsi1sk?: string;
  /** TTL (epoch seconds), set once the message is final. */
  readonly expiresAt?: number;
}

/** What the texts need from the deployment. */
export interface MessageSettings {
  /** ISSUING_OFFICE_NAME, shortened to "Dukcapil <place>" in the SMS. */
  readonly officeName: string;
  /** PUBLIC_BASE_URL, the base of the link in the SMS: `${publicBaseUrl}/v1/births/<id>/documents`. */
  readonly publicBaseUrl: string;
}

let settings: MessageSettings | undefined;
/**
 * Read and validated on first use rather than at module load: the API's URL exists only once the API
 * does (the local stack sets PUBLIC_BASE_URL after starting it, and loads the task handlers before).
 */
export function messageSettings(): MessageSettings {
  if (!settings) {
    const config = readConfig({ ISSUING_OFFICE_NAME: z.string().min(1), PUBLIC_BASE_URL: z.url() });
    settings = Object.freeze({ officeName: config.ISSUING_OFFICE_NAME, publicBaseUrl: config.PUBLIC_BASE_URL });
  }
  return settings;
}

/** Event ids are derived, not random: the same event always has the same id, whoever queues it. */
export const webhookEventId = (registrationId: string, event: NotificationEvent, occurrence?: string): string =>
  `evt_${createHash('sha256').update(`${registrationId}:${event}${occurrence ? `:${occurrence}` : ''}`).digest('hex').slice(0, 32)}`;

const EVENT_KEY_PARTS: Readonly<Record<NotificationEvent, string>> = {
  [NotificationEvent.COMPLETED]: 'COMPLETED',
  [NotificationEvent.REJECTED]: 'REJECTED',
  [NotificationEvent.CORRECTED]: 'CORRECTED',
  [NotificationEvent.REVOKED]: 'REVOKED',
};
/** An event that can happen more than once to a registration (a correction) is keyed by its occurrence (the amendment id). */
const eventKeyPart = (event: NotificationEvent, occurrence?: string): string => `${EVENT_KEY_PARTS[event]}${occurrence ? `#${occurrence}` : ''}`;

const e164OrUndefined = (phone: string | undefined): string | undefined => {
  try {
    return phone ? toE164Indonesia(phone) : undefined;
  } catch {
    return undefined;
  }
};

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * The outbox puts for `event` of `registration`: an SMS to the contact phone (not for a rejection by the
 * registry checks), and a webhook
 * event when the submitting hospital has a webhook registered (read now; a webhook set later does not
 * receive events of registrations that ended before).
 */
export async function outboxEntriesFor(
  tableName: string,
  registration: Registration,
  event: NotificationEvent,
  settings: MessageSettings,
  now: string,
  /** Whether the hospital has a webhook, when the caller already read it (one read fewer); otherwise looked up. */
  webhookSubscribed?: boolean,
  /** For events that happen more than once (a correction): what makes this one distinct (the amendment id). */
  occurrence?: string,
): Promise<TransactItem[]> {
  const { registrationId, facilityId, notificationId } = registration;
  const base = {
    event,
    registrationId,
    facilityId,
    status: OutboxStatus.PENDING,
    attempts: 0,
    createdAt: now,
    updatedAt: now,
    nextAttemptAt: now,
    gsi1pk: OUTBOX_DUE,
  };
  const put = (channel: OutboxChannel, fields: Partial<OutboxItem>): TransactItem => {
    const key = outboxKey(registrationId, eventKeyPart(event, occurrence), channel);
    const item = { ...key, ...base, channel, gsi1sk: outboxDueSortKey(now, key.pk), ...fields };
    return { Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
  };

  const rejection = registration.rejection ? { source: registration.rejection.source, codes: registration.rejection.codes ?? [] } : undefined;
  const downloadUrl = `${settings.publicBaseUrl.replace(/\/+$/, '')}/v1/births/${registrationId}/documents`;
  const texts: Readonly<Record<NotificationEvent, () => string>> = {
    [NotificationEvent.COMPLETED]: () => completedSms({ officeName: settings.officeName, downloadUrl, registrationId, childIdCardStatus: registration.issued.childIdCardStatus }),
    [NotificationEvent.REJECTED]: () => rejectedSms({ officeName: settings.officeName, rejection, registrationId }),
    [NotificationEvent.CORRECTED]: () => correctedSms({ officeName: settings.officeName, downloadUrl, registrationId }),
    [NotificationEvent.REVOKED]: () => revokedSms({ officeName: settings.officeName, registrationId }),
  };
  const text = texts[event]();
  const entries: TransactItem[] = [];
  const phone = e164OrUndefined(registration.notification.contactPhone);
  // An automatic rejection by the registry checks texts nobody: the hospital gets its webhook and corrects
  // the notification, and a made-up family card must not make the system text any number a hospital typed.
  const registryRejection = event === NotificationEvent.REJECTED && rejection?.source === 'REGISTRY_CHECKS';
  if (registryRejection) logger.info('Rejected by the registry checks; no SMS to the parents (the hospital corrects it)');
  // Intake normalises the number, so this only guards old or hand-edited records: a bad number must not block the registration.
  else if (phone) entries.push(put(OutboxChannel.SMS, { sms: { to: phone, text } }));
  else logger.warn('Contact phone is not a usable mobile number; no SMS queued');

  const subscribed =
    webhookSubscribed ??
    (await dynamodb.send(new GetCommand({ TableName: tableName, Key: webhookKey(facilityId), ProjectionExpression: 'pk', ConsistentRead: true })))
      .Item !== undefined;
  if (subscribed) {
    const eventId = webhookEventId(registrationId, event, occurrence);
    const body = JSON.stringify(webhookEvent({ id: eventId, type: event, registrationId, notificationId, occurredAt: now, rejection }));
    entries.push(put(OutboxChannel.WEBHOOK, { webhook: { eventId, body } }));
  }
  return entries;
}

