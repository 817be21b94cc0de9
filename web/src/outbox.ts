import { api, ApiError, SessionExpiredError } from './api.js';
import type { SubmitResponse } from './contract.js';
import { queue, queued, saveSent, unqueue, type OutboxEntry } from './store.js';

/**
 * The clinic's outbox: a notification sent without a connection waits in IndexedDB and goes out when
 * the connection returns (the `online` event, the page opening, a retry every 30 s while any wait).
 * Safe to resend: the API answers a repeat of a `notificationId` with the registration it already
 * made. Never sent twice from here: one sender at a time across this browser's tabs (Web Locks), and
 * an entry leaves the outbox as soon as it is accepted.
 */
export type Sent = (entry: OutboxEntry, response: SubmitResponse) => void;

export async function enqueue(owner: string, body: Record<string, unknown>): Promise<void> {
  await queue({ notificationId: String(body['notificationId']), owner, body, queuedAt: new Date().toISOString() });
}

let running: Promise<void> | undefined;

/** Sends what waits for `owner`; stops at the first failure of the connection (the rest waits). */
export function flush(owner: string, onSent: Sent, onRefused: (entry: OutboxEntry, error: ApiError) => void): Promise<void> {
  const send = async () => {
    for (const entry of await queued(owner)) {
      try {
        const response = await api<SubmitResponse>('/v1/births', { method: 'POST', body: entry.body });
        await unqueue(entry.notificationId);
        await saveSent(response.registrationId, entry.body);
        onSent(entry, response);
      } catch (error) {
        if (error instanceof SessionExpiredError) return;
        if (error instanceof ApiError && error.status !== 0 && error.status !== 429 && error.status < 500) {
          // Refused for good (a field the API does not accept): back to the form, out of the outbox.
          await unqueue(entry.notificationId);
          onRefused(entry, error);
          continue;
        }
        return; // no connection or a passing failure: try again later
      }
    }
  };
  const locked = async (): Promise<void> => {
    if ('locks' in navigator) await navigator.locks.request('lahir-outbox', send);
    else await send();
  };
  const current = (running ??= locked().finally(() => {
    running = undefined;
  }));
  return current;
}

export { queued };
