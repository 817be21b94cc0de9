/** Where a hospital's webhook may point: the rule PUT /v1/webhook validates with and every delivery checks again. */
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

/** Why a URL cannot be a webhook, as a code (its words are in api/messages.ts). */
export type WebhookUrlProblem = 'WEBHOOK_URL_INVALID' | 'WEBHOOK_URL_CREDENTIALS' | 'WEBHOOK_URL_NOT_HTTPS' | 'WEBHOOK_URL_PORT' | 'WEBHOOK_URL_NOT_PUBLIC';

/** Why a URL cannot be a webhook, or undefined when it can. */
export function webhookUrlProblem(value: string, policy: UrlPolicy): WebhookUrlProblem | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'WEBHOOK_URL_INVALID';
  }
  if (url.username || url.password) return 'WEBHOOK_URL_CREDENTIALS';
  const host = url.hostname.toLowerCase();
  if (url.protocol === 'http:' && policy.allowLocalHttp && LOCAL_HOSTS.has(host)) return undefined;
  if (url.protocol !== 'https:') return 'WEBHOOK_URL_NOT_HTTPS';
  if (policy.allowLocalHttp) return undefined;
  // `new URL` drops :443 for https, so any port left is another one.
  if (url.port !== '') return 'WEBHOOK_URL_PORT';
  const name = webhookHostName(url);
  if (isIpLiteral(name) || isInternalName(name)) return 'WEBHOOK_URL_NOT_PUBLIC';
  return undefined;
}

/**
 * The host name a webhook URL names, lower case and without the trailing dot of a fully qualified name
 * (`localhost.` is `localhost`): what the rules above judge and what delivery resolves.
 * Delivery then checks every address the name resolves to (functions/deliver-notifications/webhook-target.ts).
 */
export const webhookHostName = (url: URL): string => url.hostname.toLowerCase().replace(/\.+$/, '');
