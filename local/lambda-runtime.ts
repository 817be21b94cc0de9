import { InvokeStore, InvokeStoreBase } from '@aws/lambda-invoke-store';
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/**
 * Lambda gives each execution environment one invocation at a time, so Powertools keeps its logger's
 * context (function name, request id, appended keys) in module state. The local stack runs every
 * function in one process, many invocations at once: as on Lambda Managed Instances
 * (`AWS_LAMBDA_MAX_CONCURRENCY`), each invocation runs in its own InvokeStore context, which Powertools
 * reads, so every log line names the function, request and registration it came from.
 */
let store: InvokeStoreBase | undefined;

/** Call once before the first invocation; the environment variable is set only with the store it needs. */
export async function enableConcurrentInvocations(): Promise<void> {
  store ??= await InvokeStore.getInstanceAsync(true);
  process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= '1000';
}

/** Runs one invocation of a handler in its own context (shared state only before enabling). */
export function invokeInContext<T>(context: Pick<Context, 'awsRequestId'>, run: () => T): T {
  if (!store) return run();
  return store.run({ [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: context.awsRequestId }, run);
}

/** A Lambda context for one invocation: a fresh request id, the remaining time counting down to `timeoutMs`. */
export function lambdaContext(functionName: string, timeoutMs = 60_000): Context {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    // Deprecated callback-era methods; the handlers here are async and never call them.
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
