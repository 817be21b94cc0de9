import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { injectDynamoDbFaults } from './fault-injection.js';

/**
 * The DynamoDB client, created once per container (Step Functions: ./step-functions.ts). The endpoint
 * comes from the standard SDK environment (AWS_ENDPOINT_URL_DYNAMODB), so the local stack points the
 * very same code at DynamoDB Local.
 */
const dynamodbClient = new DynamoDBClient({});
// Only the local stack's reliability tests set LOCAL_FAULT_DYNAMODB_THROTTLE_RATE; elsewhere a no-op.
injectDynamoDbFaults(dynamodbClient);
export const dynamodb = DynamoDBDocumentClient.from(dynamodbClient, {
  marshallOptions: { removeUndefinedValues: true },
});
