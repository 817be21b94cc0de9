import { InvokeStoreBase } from '@aws/lambda-invoke-store';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/**
 * Lambda gives each execution environment one invocation at a time, so Powertools keeps its logger's
 * context (function name, request id, appended keys) in module state. The local stack runs every
 * function in one process, many invocations at once: as on Lambda Managed Instances
 * (`AWS_LAMBDA_MAX_CONCURRENCY`), each invocation runs in its own InvokeStore context, which Powertools
 * reads (from `globalThis.awslambda.InvokeStore`), so every log line names the function, request and
 * registration it came from.
 *
 * The store is installed here, not asked for with `InvokeStore.getInstanceAsync(true)`: the AWS SDK
 * calls `getInstanceAsync()` on every request, and the first call made before this (DynamoDB Local's
 * readiness check, any client in the process) created and registered a single-invocation store for
 * good, which `getInstanceAsync(true)` then handed back: every invocation overwrote the one shared
 * context, and concurrent lines were logged under the last request's id and function.
 */
class ConcurrentInvokeStore extends InvokeStoreBase {
  readonly #als = new AsyncLocalStorage<Record<string | symbol, unknown>>();
  getContext(): Record<string | symbol, unknown> | undefined {
    return this.#als.getStore();
  }
  hasContext(): boolean {
    return this.#als.getStore() !== undefined;
  }
  get<T = unknown>(key: string | symbol): T | undefined {
    return this.#als.getStore()?.[key] as T | undefined;
  }
  set<T = unknown>(key: string | symbol, value: T): void {
    if (this.isProtectedKey(key)) throw new Error(`Cannot modify protected Lambda context field: ${String(key)}`);
    const context = this.#als.getStore();
    if (!context) throw new Error('No context available');
    context[key] = value;
  }
  run<T>(context: Record<string | symbol, unknown>, fn: () => T): T {
    return this.#als.run(context, fn);
  }
}

const MARK = Symbol.for('lahir.local.concurrentInvokeStore');
type Holder = { awslambda?: { InvokeStore?: InvokeStoreBase } } & Record<symbol, ConcurrentInvokeStore | undefined>;

let store: ConcurrentInvokeStore | undefined;

/**
 * Call once before the first invocation (the earlier the better). One store per process (every stack
 * and every bundle's copy of the library read the same global), replacing whatever store was there.
 */
export async function enableConcurrentInvocations(): Promise<void> {
  const holder = globalThis as unknown as Holder;
  store = holder[MARK] ??= new ConcurrentInvokeStore();
  holder.awslambda ??= {};
  if (holder.awslambda.InvokeStore !== store) holder.awslambda.InvokeStore = store;
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
