import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import * as z from 'zod';
import { readConfig } from '../shared/config.js';
import { logger } from '../shared/logger.js';
import { countEvent } from '../shared/metrics.js';
import { accessCodeSecret } from '../shared/access-code-secret.js';
import { webhookSecretKey } from '../shared/webhooks.js';
import { deliverDue, type DeliverySummary } from './deliver.js';
import { ConsoleSmsSender, SnsSmsSender } from './sms.js';

const flag = z.enum(['true', 'false']).default('false');
const config = readConfig({
  /** `sns` in AWS (infra/stack.ts grants sns:Publish with it); `console` in the local stack. */
  SMS_SENDER: z.enum(['sns', 'console']),
  NOTIFY_BACKOFF_BASE_MS: z.coerce.number().int().positive().default(30_000),
  NOTIFY_BACKOFF_MAX_MS: z.coerce.number().int().positive().default(3_600_000),
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(8),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  /** The local stack only: webhooks to http://127.0.0.1 / localhost. */
  WEBHOOK_ALLOW_LOCAL_HTTP: flag,
});

const sms = config.SMS_SENDER === 'sns' ? new SnsSmsSender() : new ConsoleSmsSender();
/** Time kept in hand at the end of an invocation: one webhook timeout and the writes after it. */
const RESERVE_MS = config.WEBHOOK_TIMEOUT_MS + 3_000;

/**
 * Sends the due notifications (SMS to parents, webhook events to hospitals). Triggered every minute
 * by an EventBridge rule in AWS and by a poller in the local stack; the event itself carries nothing.
 */
export const handler = middy<unknown, DeliverySummary>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (_event, context) => {
    const endsAt = Date.now() + context.getRemainingTimeInMillis();
    const summary = await deliverDue({
      tableName: config.TABLE_NAME,
      sms,
      fetch: globalThis.fetch,
      webhookSecretKey: async () => webhookSecretKey(await accessCodeSecret()),
      policy: {
        backoffBaseMs: config.NOTIFY_BACKOFF_BASE_MS,
        backoffMaxMs: config.NOTIFY_BACKOFF_MAX_MS,
        maxAttempts: config.NOTIFY_MAX_ATTEMPTS,
        webhookTimeoutMs: config.WEBHOOK_TIMEOUT_MS,
        allowLocalHttp: config.WEBHOOK_ALLOW_LOCAL_HTTP === 'true',
        batchSize: 25,
      },
      // Past the invocation's end no send of this run can still be in flight.
      leaseUntil: () => new Date(endsAt + 1_000),
      hasTime: () => Date.now() < endsAt - RESERVE_MS,
      onDelivered: () => countEvent('NotificationsDelivered'),
      onDead: () => countEvent('NotificationsDead'),
    });
    if (Object.values(summary).some((n) => n > 0)) logger.info('Notification run', { ...summary });
    return summary;
  });
