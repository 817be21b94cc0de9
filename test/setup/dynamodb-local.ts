import type { TestProject } from 'vitest/node';
import { ensureDynamoDbLocal } from '../../local/dynamodb/install.js';
import { startDynamoDbLocal } from '../../local/dynamodb/server.js';

/** One in-memory DynamoDB Local for the whole run; each test file creates its own tables in it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  await ensureDynamoDbLocal();
  const dynamo = await startDynamoDbLocal({});
  project.provide('dynamodbEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}
