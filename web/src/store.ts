import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/**
 * What the console keeps on the device (IndexedDB through `idb`): the hospital form's draft, so a
 * reload, an expired session or a dead battery loses nothing, and the clinic's outbox of
 * notifications waiting for a signal. Kept per signed-in facility; removed once sent.
 */
export interface OutboxEntry {
  /** The notification's own id: the API answers a repeat of it with the same registration, so a resend is safe. */
  readonly notificationId: string;
  readonly owner: string;
  readonly body: Record<string, unknown>;
  readonly queuedAt: string;
}

interface ConsoleDb extends DBSchema {
  drafts: { key: string; value: { key: string; values: Record<string, string>; savedAt: string } };
  outbox: { key: string; value: OutboxEntry; indexes: { owner: string } };
  /** What this device sent, by registration, for "perbaiki & kirim ulang" (the API's lists carry no NIKs). */
  sent: { key: string; value: { registrationId: string; body: Record<string, unknown>; sentAt: string } };
}

let db: Promise<IDBPDatabase<ConsoleDb>> | undefined;
const open = () =>
  (db ??= openDB<ConsoleDb>('lahir-console', 1, {
    upgrade(database) {
      database.createObjectStore('drafts', { keyPath: 'key' });
      database.createObjectStore('outbox', { keyPath: 'notificationId' }).createIndex('owner', 'owner');
      database.createObjectStore('sent', { keyPath: 'registrationId' });
    },
  }));

export async function loadDraft(key: string): Promise<Record<string, string> | undefined> {
  return (await (await open()).get('drafts', key))?.values;
}
export async function saveDraft(key: string, values: Record<string, string>): Promise<void> {
  await (await open()).put('drafts', { key, values, savedAt: new Date().toISOString() });
}
export async function deleteDraft(key: string): Promise<void> {
  await (await open()).delete('drafts', key);
}

export async function queue(entry: OutboxEntry): Promise<void> {
  await (await open()).put('outbox', entry);
}
export async function queued(owner: string): Promise<OutboxEntry[]> {
  return (await open()).getAllFromIndex('outbox', 'owner', owner);
}
export async function unqueue(notificationId: string): Promise<void> {
  await (await open()).delete('outbox', notificationId);
}

export async function saveSent(registrationId: string, body: Record<string, unknown>): Promise<void> {
  await (await open()).put('sent', { registrationId, body, sentAt: new Date().toISOString() });
}
export async function loadSent(registrationId: string): Promise<Record<string, unknown> | undefined> {
  return (await (await open()).get('sent', registrationId))?.body;
}
