import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Fault injection for the local stack's reliability tests, never set in AWS. With
 * LOCAL_FAULT_DYNAMODB_THROTTLE_RATE (0..1) set, that share of DynamoDB calls made through the shared
 * clients fails as DynamoDB fails under throttling: a `ProvisionedThroughputExceededException` marked
 * `$retryable`, raised where the service's answer would be (inside the SDK's own retries), before the
 * request reaches the table. LOCAL_FAULT_SEED makes the sequence of draws repeatable.
 */
export interface FaultCounters {
  dynamoThrottles: number;
}

/**
 * How many faults this process injected (tests assert faults really happened). One counter per
 * process, kept on globalThis: the local stack's bundle mode loads every function's bundle, each with
 * its own copy of this module, into the test's process.
 */
export const injectedFaults: FaultCounters = ((globalThis as { [key: symbol]: FaultCounters | undefined })[Symbol.for('lahir.local.injectedFaults')] ??= {
  dynamoThrottles: 0,
});

/** mulberry32: a small seeded generator, good enough to decide which call fails. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function throttlingError(): Error {
  return Object.assign(new Error('Rate of requests exceeds the allowed throughput (injected by the local stack)'), {
    name: 'ProvisionedThroughputExceededException',
    $fault: 'client',
    $retryable: { throttling: true },
    $metadata: { httpStatusCode: 400, attempts: 1, totalRetryDelay: 0 },
  });
}

/** Adds the throttling middleware to `client` when the local stack asked for it; otherwise does nothing. */
export function injectDynamoDbFaults(client: DynamoDBClient, env: NodeJS.ProcessEnv = process.env): void {
  const rate = Number(env['LOCAL_FAULT_DYNAMODB_THROTTLE_RATE'] ?? 0);
  if (!(rate > 0)) return;
  const random = seededRandom(Number(env['LOCAL_FAULT_SEED'] ?? 1));
  client.middlewareStack.add(
    (next) => async (args) => {
      if (random() < rate) {
        injectedFaults.dynamoThrottles += 1;
        throw throttlingError();
      }
      return next(args);
    },
    // Inside the SDK's retry loop (finalizeRequest, after the retry middleware), like a real throttle.
    { step: 'finalizeRequest', priority: 'low', name: 'localFaultInjection', override: true },
  );
}
