import type { Webhook } from '../../api/schemas.js';
import { readConfig } from '../shared/config.js';
import { NotFoundError } from '../shared/errors.js';
import { httpHandler, json } from '../shared/http.js';
import { getWebhook } from '../shared/webhooks.js';

const config = readConfig();

/** GET /v1/webhook: the calling hospital's webhook URL. The secret is never shown again. */
export const handler = httpHandler(['hospital'], async (_event, caller) => {
  if (caller.kind !== 'hospital') throw new Error('unreachable: route is hospital-only');
  const webhook = await getWebhook(config.TABLE_NAME, caller.facilityId);
  if (!webhook) throw new NotFoundError('WEBHOOK_NOT_SET');
  return json(200, { url: webhook.url, createdAt: webhook.createdAt } satisfies Webhook);
});
