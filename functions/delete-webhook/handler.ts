import { readConfig } from '../shared/config.js';
import { httpHandler } from '../shared/http.js';
import { logger } from '../shared/logger.js';
import { deleteWebhook } from '../shared/webhooks.js';

const config = readConfig();

/**
 * DELETE /v1/webhook: the calling hospital stops receiving events; 204 whether or not one was set,
 * so a retried DELETE is harmless. Events already queued for it are cancelled when their turn comes.
 */
export const handler = httpHandler(['hospital'], async (_event, caller) => {
  if (caller.kind !== 'hospital') throw new Error('unreachable: route is hospital-only');
  const removed = await deleteWebhook(config.TABLE_NAME, caller.facilityId);
  logger.info('Webhook removed', { existed: removed });
  return { statusCode: 204, headers: { 'cache-control': 'no-store' } };
});
