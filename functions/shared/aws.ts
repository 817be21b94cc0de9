import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { injectDynamoDbFaults } from './fault-injection.js';

/**
 * SDK clients, created once per container. Endpoints come from the standard SDK environment
 * (AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_SFN) so the local stack points the very same code at
 * DynamoDB Local and the local Step Functions endpoint.
 */
const dynamodbClient = new DynamoDBClient({});
// Only the local stack's reliability tests set LOCAL_FAULT_DYNAMODB_THROTTLE_RATE; elsewhere a no-op.
injectDynamoDbFaults(dynamodbClient);
export const dynamodb = DynamoDBDocumentClient.from(dynamodbClient, {
  marshallOptions: { removeUndefinedValues: true },
});

export const stepFunctions = new SFNClient({});
