import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDynamoDbLocal } from '../local/dynamodb/install.js';
import { startDynamoDbLocal } from '../local/dynamodb/server.js';
import { startLocalStack, type LocalStack } from '../local/stack.js';

/**
 * The local stack the console and queue benchmarks run against: its own DynamoDB Local, no demo
 * seed, quiet logs, no intake quota in the way (hundreds of births from a few hospitals) and no
 * notification polling. `stop()` ends both and removes the data folder.
 */
export async function startBenchStack(name: string): Promise<{ stack: LocalStack; stop: () => Promise<void> }> {
  await ensureDynamoDbLocal();
  const dynamo = await startDynamoDbLocal({});
  const dataDir = mkdtempSync(join(tmpdir(), `lahir-${name}-bench-`));
  const stack = await startLocalStack({
    port: 0,
    dynamodbEndpoint: dynamo.endpoint,
    dataDir,
    seed: false,
    logLevel: 'ERROR',
    intakeQuota: { perMinute: 1_000_000, perDay: 1_000_000 },
    notifications: { pollIntervalMs: 0 },
  });
  return {
    stack,
    stop: async () => {
      await stack.stop();
      await dynamo.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
