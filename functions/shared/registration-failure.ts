import { registrationRepository } from './registration-repository.js';

/**
 * Why a registration failed, as recorded on it (`failure`). `source` says who noticed: the workflow's
 * own Catch (RecordFailure) or the end of its execution outside any Catch (RecordExecutionEnd).
 */
export interface FailureReason {
  readonly error: string;
  readonly cause?: string;
  readonly source: 'WORKFLOW' | 'EXECUTION_END';
  /** The execution whose end failed it (EXECUTION_END). */
  readonly executionArn?: string;
}

/** `recorded`: now FAILED; `ended`: it had already ended (COMPLETED, REJECTED or FAILED) and is unchanged; `missing`: no such registration. */
export type FailureOutcome = 'recorded' | 'ended' | 'missing';

/**
 * Marks a registration FAILED through the lifecycle's `fail` transition (one conditional write; a
 * replay changes nothing) and says what happened in the words both callers log.
 */
export async function markRegistrationFailed(tableName: string, registrationId: string, reason: FailureReason, now = new Date()): Promise<FailureOutcome> {
  const at = now.toISOString();
  const result = await registrationRepository(tableName).fail(registrationId, at, { ...reason, at });
  if (result.outcome === 'applied') return 'recorded';
  return result.current ? 'ended' : 'missing';
}

/** Keeps a cause readable and bounded; causes are our own messages and ids, never personal data. */
export function describeCause(cause: unknown): string | undefined {
  if (cause === undefined || cause === null || cause === '') return undefined;
  let text = typeof cause === 'string' ? cause : JSON.stringify(cause);
  try {
    const parsed = JSON.parse(text) as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') text = parsed.errorMessage; // AWS wraps Lambda errors as JSON
  } catch {
    // a plain message (the local interpreter passes it as is)
  }
  return text.slice(0, 500);
}
