import { SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import type { Verdict } from '../../domain/verdict.js';
import { stepFunctions } from './step-functions.js';
import type { Registration } from './registration.js';

/**
 * What a registrar's decision tells the workflow: only the verdict. The reason stays in DynamoDB
 * (execution history should carry no free text that may name people).
 */
export interface DecisionOutput {
  readonly decision: Verdict;
}

/**
 * Resumes the workflow waiting on `taskToken`. Both verdicts resume with SendTaskSuccess: a rejection
 * is a decision, not a failure; the workflow's Choice sends it to RecordRejection.
 */
export async function resumeWithDecision(taskToken: string, decision: NonNullable<Registration['decision']>): Promise<void> {
  const output: DecisionOutput = { decision: decision.decision };
  await stepFunctions.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));
}

/** Errors meaning the token was superseded (timed out into escalation, or the execution moved on). */
export const isStaleTokenError = (error: unknown): boolean =>
  error instanceof Error && ['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist'].includes(error.name);
