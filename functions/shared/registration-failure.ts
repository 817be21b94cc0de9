import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from './aws.js';
import { registrationKey } from './keys.js';
import { RegistrationStatus } from './registration.js';

/**
 * Why a registration failed, as recorded on it (`failure`). `source` says who noticed: the workflow's
 * own Catch (RecordFailure) or the end of its execution outside any Catch (RecordExecutionEnd).
 * `statusBeforeFailure` (beside it) is what the registration was before, for the redrive procedure
 * (README, Operations).
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

const ENDED = [RegistrationStatus.COMPLETED, RegistrationStatus.REJECTED, RegistrationStatus.FAILED] as const;

/**
 * Marks a registration FAILED and takes it out of the registrars' queue, unless it has already ended:
 * a COMPLETED or REJECTED one is never downgraded, a FAILED one keeps its first failure. One
 * conditional write; a replay changes nothing. The one place a registration becomes FAILED.
 */
export async function markRegistrationFailed(tableName: string, registrationId: string, reason: FailureReason, now = new Date()): Promise<FailureOutcome> {
  const at = now.toISOString();
  try {
    await dynamodb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: registrationKey(registrationId),
        UpdateExpression:
          'SET failure = :failure, statusBeforeFailure = #status, #status = :failed, steps.FAILED = if_not_exists(steps.FAILED, :step), ' +
          'updatedAt = :now REMOVE gsi1pk, gsi1sk',
        ConditionExpression: 'attribute_exists(pk) AND NOT (#status IN (:completed, :rejected, :failedAlready))',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':failed': RegistrationStatus.FAILED,
          ':completed': ENDED[0],
          ':rejected': ENDED[1],
          ':failedAlready': ENDED[2],
          ':failure': {
            error: reason.error,
            ...(reason.cause ? { cause: reason.cause } : {}),
            source: reason.source,
            ...(reason.executionArn ? { executionArn: reason.executionArn } : {}),
            at,
          },
          ':step': { at },
          ':now': at,
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return 'recorded';
  } catch (error) {
    if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
    return (error as Error & { Item?: unknown }).Item ? 'ended' : 'missing';
  }
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
