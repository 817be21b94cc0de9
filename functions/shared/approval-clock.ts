import type { Registration } from './registration.js';

/** Banyuwangi's promise: a decision within 4 hours. */
export const PROMISE_MS = 4 * 3600_000;

/** How a pending case stands against the promise: the queue's row and the case page say the same. */
export function approvalClock(r: Pick<Registration, 'approval' | 'createdAt'>, now: number) {
  const requestedAt = r.approval?.requestedAt ?? r.createdAt;
  const waitingMs = Math.max(0, now - Date.parse(requestedAt));
  return {
    requestedAt,
    waitingMinutes: Math.floor(waitingMs / 60_000),
    overdue: waitingMs > PROMISE_MS,
    escalated: Boolean(r.approval?.escalatedAt),
    /** Every case is a registrar's to decide for now (api/requests.ts DECIDERS). */
    decidableBy: 'registrar' as const,
  };
}
