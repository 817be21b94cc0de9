import * as z from 'zod';
import type { WebhookCreated } from '../../api/schemas.js';
import { readConfig } from '../shared/config.js';
import { httpHandler, json, parseJsonBody } from '../shared/http.js';
import { logger } from '../shared/logger.js';
import { webhookRequestSchema } from '../../api/requests.js';
import { putWebhook, webhookSecretKey } from '../shared/webhooks.js';
import { accessCodeSecret } from '../shared/access-code-secret.js';

/** WEBHOOK_ALLOW_LOCAL_HTTP is set by the local stack only (http:// receivers on 127.0.0.1); never in AWS. */
const config = readConfig({ WEBHOOK_ALLOW_LOCAL_HTTP: z.enum(['true', 'false']).default('false') });
const WebhookRequestSchema = webhookRequestSchema({ allowLocalHttp: config.WEBHOOK_ALLOW_LOCAL_HTTP === 'true' });

/**
 * PUT /v1/webhook: the calling hospital sets (or replaces) where its events go. Answers the URL and
 * a new signing secret, shown this once; the previous secret stops signing at once.
 */
export const handler = httpHandler(['hospital'], async (event, caller) => {
  if (caller.kind !== 'hospital') throw new Error('unreachable: route is hospital-only');
  const { url } = parseJsonBody(event, WebhookRequestSchema);
  const registration = await putWebhook(config.TABLE_NAME, caller.facilityId, url, webhookSecretKey(await accessCodeSecret()));
  logger.info('Webhook set');
  return json(200, { url: registration.url, secret: registration.secret } satisfies WebhookCreated);
});
