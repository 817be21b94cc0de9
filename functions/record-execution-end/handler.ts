import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { parser } from '@aws-lambda-powertools/parser/middleware';
import middy from '@middy/core';
import { readConfig } from '../shared/config.js';
import { logger } from '../shared/logger.js';
import { countEvent } from '../shared/metrics.js';
import { markAmendmentFailed } from '../shared/amendment-failure.js';
import { describeCause, markRegistrationFailed } from '../shared/registration-failure.js';
import { amendmentIdOf, ExecutionEndedEventSchema, registrationIdOf, subjectOf, type ExecutionEndedEvent } from './schema.js';

const config = readConfig();

/**
 * EventBridge "Step Functions Execution Status Change" (FAILED, TIMED_OUT, ABORTED) of the birth
 * registration workflow: the registration follows its execution's end. A failure the workflow caught
 * was already recorded by RecordFailure (nothing changes then); one outside any Catch (a step
 * without Catch, RecordFailure exhausting its retries, States.Runtime, a timeout, a StopExecution)
 * would otherwise leave the registration RECEIVED, AWAITING_APPROVAL or ISSUING for ever.
 * The amendment workflow's ends come the same way: an amendment whose execution ended outside its
 * Catch (RecordAmendmentFailure never ran) is marked FAILED and its registration's open amendment
 * closed, so new amendments are not refused (409) for ever; one the Catch closed changes nothing.
 * Idempotent: EventBridge delivers at least once, and a replayed event finds the registration ended.
 * Errors are thrown: the asynchronous invocation retries and then dead-letters (alarmed).
 */
export async function recordExecutionEnd(event: ExecutionEndedEvent): Promise<{ outcome: string }> {
  const { detail } = event;
  const error = detail.error ?? (detail.status === 'TIMED_OUT' ? 'States.Timeout' : detail.status === 'ABORTED' ? 'States.Aborted' : 'States.Runtime');
  const subject = subjectOf(detail);
  if (subject !== 'registration') {
    const amendmentId = amendmentIdOf(detail);
    logger.appendKeys({ amendmentId, executionStatus: detail.status });
    const { outcome, registrationId } = await markAmendmentFailed(config.TABLE_NAME, amendmentId, { error, executionArn: detail.executionArn });
    if (registrationId) logger.appendKeys({ registrationId });
    if (outcome === 'recorded') {
      countEvent('AmendmentsFailedOutsideCatch');
      logger.error('Amendment failed with its execution; its registration accepts new amendments', { error });
      return { outcome };
    }
    if (outcome === 'ended' || subject === 'amendment') {
      logger.info('Amendment execution ended; the amendment had already ended or does not exist', { outcome });
      return { outcome };
    }
    // no input and no amendment of that name: a birth registration's execution
  }
  const registrationId = registrationIdOf(detail);
  logger.appendKeys({ registrationId, executionStatus: detail.status });
  const cause = describeCause(detail.cause);
  const outcome = await markRegistrationFailed(config.TABLE_NAME, registrationId, {
    error,
    ...(cause ? { cause } : {}),
    source: 'EXECUTION_END',
    executionArn: detail.executionArn,
  });
  if (outcome === 'recorded') {
    countEvent('RegistrationsFailed');
    countEvent('RegistrationsFailedOutsideCatch');
    logger.error('Registration failed with its execution', { error });
  } else {
    logger.info('Execution ended; the registration had already ended or does not exist', { outcome });
  }
  return { outcome };
}

export const handler = middy<ExecutionEndedEvent, { outcome: string }>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(parser({ schema: ExecutionEndedEventSchema }))
  .handler(recordExecutionEnd);
